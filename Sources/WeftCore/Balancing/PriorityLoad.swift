/// How traffic spreads over priority levels (locality failover tiers) given their health, and which levels are
/// in panic: Envoy's `LoadBalancerBase::recalculatePerPriorityState` / `recalculatePerPriorityPanic`.
///
/// - Each level's health is `min(100, 1.4 × 100 × healthy / hosts)` (overprovisioning factor 1.4), so a level
///   keeps all its traffic until fewer than about 71 % of its hosts are healthy; the rest spills to the next levels.
/// - Loads add up to 100 and are shared in proportion to health (normalized when the total is below 100);
///   rounding leftovers go to the first level with healthy hosts.
/// - Panic (`minHealthPercent` in Istio, `healthy_panic_threshold` in Envoy): when the total health is below 100,
///   a level whose healthy percentage is below the threshold balances over **all** its hosts, healthy or not.
///   When every level is in panic, the load follows host counts instead of health. With a threshold of 0 (Istio's
///   default) and nothing healthy, all load goes to level 0, which then has no host to pick: "no healthy upstream".
package struct PriorityLoad: Hashable, Sendable {
    /// Percent of traffic per priority level; sums to 100 whenever there is at least one level.
    package private(set) var percent: [Int]
    /// Whether each level balances over all its hosts.
    package private(set) var panic: [Bool]

    /// Envoy's default overprovisioning factor, in percent.
    package static let overprovisioningPercent = 140

    /// - Parameters:
    ///   - levels: `(healthy, total)` host counts per priority level, level 0 first.
    ///   - panicThresholdPercent: 0…100; values above 100 act as 100.
    package init(levels: [(healthy: Int, total: Int)], panicThresholdPercent: Int) {
        let count = levels.count
        self.percent = Array(repeating: 0, count: count)
        self.panic = Array(repeating: false, count: count)
        guard count > 0 else { return }
        let health = levels.map { level in
            level.total > 0 ? min(100, Self.overprovisioningPercent * level.healthy / level.total) : 0
        }
        let normalizedTotal = min(100, health.reduce(0, +))
        if normalizedTotal > 0 {
            var remaining = 100
            var firstHealthy = -1
            for level in 0..<count {
                if firstHealthy < 0 && health[level] > 0 { firstHealthy = level }
                self.percent[level] = min(remaining, health[level] * 100 / normalizedTotal)
                remaining -= self.percent[level]
            }
            if remaining > 0 { self.percent[firstHealthy] += remaining }
        }
        let threshold = min(100, max(0, panicThresholdPercent))
        if threshold == 0 && normalizedTotal == 0 {
            self.percent[0] = 100
            return
        }
        var totalPanic = true
        for level in 0..<count {
            let total = levels[level].total
            let healthyPercent = total == 0 ? 0.0 : 100.0 * Double(levels[level].healthy) / Double(total)
            self.panic[level] = normalizedTotal == 100 ? false : healthyPercent < Double(threshold)
            totalPanic = totalPanic && self.panic[level]
        }
        if totalPanic { self.spreadByHostCount(levels) }
    }

    /// Every level in panic: load follows host counts (`recalculateLoadInTotalPanic`).
    private mutating func spreadByHostCount(_ levels: [(healthy: Int, total: Int)]) {
        let hosts = levels.reduce(0) { $0 + $1.total }
        for level in 0..<levels.count { self.percent[level] = 0 }
        guard hosts > 0 else {
            self.percent[0] = 100
            return
        }
        var remaining = 100
        var firstNonEmpty = -1
        for level in 0..<levels.count {
            if firstNonEmpty < 0 && levels[level].total > 0 { firstNonEmpty = level }
            self.percent[level] = 100 * levels[level].total / hosts
            remaining -= self.percent[level]
        }
        self.percent[firstNonEmpty] += remaining
    }

    /// The level for a request: `hash % 100 + 1` walks the cumulative loads (`LoadBalancerBase::choosePriority`).
    /// Hash-based balancers pass the request hash, so a key keeps its level; the others pass a random number.
    package func level(for hash: UInt64) -> Int {
        let point = Int(hash % 100) + 1
        var cumulative = 0
        for level in 0..<self.percent.count {
            cumulative += self.percent[level]
            if point <= cumulative { return level }
        }
        return 0
    }
}

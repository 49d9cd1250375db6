/// Priority levels for locality failover, computed the way istiod assigns Envoy priorities
/// (`pilot/pkg/networking/core/loadbalancer`): level 0 is preferred; traffic moves to the next level only as
/// the levels before it lose healthy endpoints (see `PriorityLoad`).
///
/// - Proximity (no `failoverPriority`): 0 same region/zone/subzone as the caller, 1 same zone, 2 same region,
///   3 another region. A `failover` rule whose `from` is the caller's region keeps its `to` region at 3 and
///   pushes every other region to 4.
/// - `failoverPriority` labels: an endpoint matching the caller on all listed labels gets 0; otherwise the first
///   mismatching label at position `j` of `n` gives `n - j`, so matching a longer prefix is better. A
///   `label=value` entry compares the endpoint's label with `value` instead of the caller's. A label missing on
///   both sides matches (Istio compares empty strings). With no caller labels every endpoint gets 0.
///   When `failover` rules are given too, the proximity level refines each label level (`label × 5 + proximity`).
/// - Levels are finally renumbered 0, 1, 2… without gaps.
package enum LocalityFailover {
    package static func priorities(
        of endpoints: [BalancerEndpoint],
        source: BalancerSource,
        failover: [LocalityLoadBalancerSetting.Failover],
        failoverPriority: [String]
    ) -> [Int] {
        var levels: [Int]
        if failoverPriority.isEmpty {
            levels = endpoints.map { Self.proximity(of: $0.locality, from: source.locality, failover: failover) }
        } else {
            levels = endpoints.map { Self.labelLevel(of: $0.labels, source: source.labels, failoverPriority) }
            if !failover.isEmpty {
                for index in endpoints.indices {
                    let proximity = Self.proximity(
                        of: endpoints[index].locality,
                        from: source.locality,
                        failover: failover
                    )
                    levels[index] = levels[index] * 5 + proximity
                }
            }
        }
        return Self.compacted(levels)
    }

    /// 0–4, as described on the type.
    static func proximity(
        of locality: Locality,
        from source: Locality,
        failover: [LocalityLoadBalancerSetting.Failover]
    ) -> Int {
        let tier = source.proximityTier(of: locality)
        guard tier == 3 else { return tier }
        for rule in failover where rule.from == source.region {
            return locality.region == rule.to ? 3 : 4
        }
        return 3
    }

    static func labelLevel(of labels: [String: String], source: [String: String], _ failoverPriority: [String]) -> Int {
        guard !source.isEmpty else { return 0 }
        for (position, entry) in failoverPriority.enumerated() {
            let name: Substring
            let expected: String
            if let equals = entry.firstIndex(of: "=") {
                name = entry[..<equals]
                expected = String(entry[entry.index(after: equals)...])
            } else {
                name = Substring(entry)
                expected = source[entry] ?? ""
            }
            if (labels[String(name)] ?? "") != expected { return failoverPriority.count - position }
        }
        return 0
    }

    /// Renumbers levels to 0…k-1 keeping their order.
    static func compacted(_ levels: [Int]) -> [Int] {
        let distinct = Set(levels).sorted()
        var rank: [Int: Int] = [:]
        for (position, level) in distinct.enumerated() { rank[level] = position }
        return levels.map { rank[$0]! }
    }
}

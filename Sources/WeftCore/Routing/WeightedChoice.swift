/// Picks an index with probability weight / Σ weights, using an injected random number generator (style G4).
///
/// Precomputed once per route: cumulative weights, so a pick is one random draw and a short scan, with no
/// allocation. Zero weights are never picked.
struct WeightedChoice: Sendable, Hashable {
    /// Running totals; `cumulative[i]` is the sum of weights 0…i.
    private let cumulative: [UInt64]
    let total: UInt64

    init(weights: [Int]) {
        var running: UInt64 = 0
        var cumulative: [UInt64] = []
        cumulative.reserveCapacity(weights.count)
        for weight in weights {
            running += UInt64(max(0, weight))
            cumulative.append(running)
        }
        self.cumulative = cumulative
        self.total = running
    }

    /// nil when every weight is zero.
    func pick(using rng: inout some RandomNumberGenerator) -> Int? {
        guard self.total > 0 else { return nil }
        if self.cumulative.count == 1 { return 0 }
        let draw = rng.next(upperBound: self.total)
        for (index, bound) in self.cumulative.enumerated() where draw < bound { return index }
        return self.cumulative.count - 1
    }
}

/// Decides "does this request fall in the given percentage" as Envoy's runtime fractional percent does: Istio
/// turns a percentage into parts per million, and a request is in when a uniform draw below 1,000,000 is less.
enum PercentRoll {
    static let denominator: UInt64 = 1_000_000

    static func partsPerMillion(_ percentage: Percentage) -> UInt64 {
        UInt64((max(0, min(100, percentage.value)) * 10_000).rounded())
    }

    static func hits(_ percentage: Percentage, using rng: inout some RandomNumberGenerator) -> Bool {
        let threshold = Self.partsPerMillion(percentage)
        if threshold == 0 { return false }
        if threshold >= Self.denominator { return true }
        return rng.next(upperBound: Self.denominator) < threshold
    }
}

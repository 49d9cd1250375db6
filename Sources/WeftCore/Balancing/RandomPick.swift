/// RANDOM over one candidate set, weighted by endpoint weight.
///
/// Envoy's random balancer ignores weights; Weft honours them because a weight given to an endpoint should mean
/// the same thing under every policy. Equal weights cost one draw; unequal weights one draw and a binary search
/// over cumulative weights computed when the set was built.
enum RandomPick {
    /// Cumulative weights, the last being the total.
    static func cumulativeWeights(_ weights: some Sequence<UInt32>) -> [UInt64] {
        var total: UInt64 = 0
        return weights.map { weight in
            total += UInt64(weight)
            return total
        }
    }

    /// A position drawn in proportion to its weight.
    static func pick(cumulative: [UInt64], using rng: inout some RandomNumberGenerator) -> Int {
        guard let total = cumulative.last, total > 0 else { return 0 }
        let point = rng.next(upperBound: total)
        // First position whose cumulative weight exceeds the point.
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > point { high = middle } else { low = middle + 1 }
        }
        return low
    }
}

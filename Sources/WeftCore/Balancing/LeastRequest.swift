/// LEAST_REQUEST, Istio's default balancer, over one candidate set.
///
/// - Equal weights (Envoy's unweighted path): power of two choices. Two distinct positions are drawn at random and
///   the one with fewer active requests wins; on a tie the first draw wins, which is itself random, so ties are
///   broken at random (architecture §13).
/// - Unequal weights or warming endpoints (Envoy's weighted path): each endpoint's weight becomes
///   `weight / (activeRequests + 1)` (Envoy's default `active_request_bias` of 1.0; Istio does not expose it)
///   and the smooth weighted round robin of `RoundRobin` picks with those live weights.
enum LeastRequest {
    /// Power of two choices among `count` positions.
    static func pickOfTwo(
        count: Int,
        activeRequests: (Int) -> UInt32,
        using rng: inout some RandomNumberGenerator
    ) -> Int {
        guard count > 1 else { return 0 }
        let first = Int(rng.next(upperBound: UInt(count)))
        var second = Int(rng.next(upperBound: UInt(count - 1)))
        if second >= first { second += 1 }
        return activeRequests(second) < activeRequests(first) ? second : first
    }

    /// Envoy's dynamic weight for the weighted path.
    static func dynamicWeight(weight: Double, activeRequests: UInt32) -> Double {
        weight / (Double(activeRequests) + 1)
    }
}

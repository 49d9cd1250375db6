import WeftCore

/// Endpoints `10.0.0.1:80`, `10.0.0.2:80`… with the given weights.
func endpoints(weights: [UInt32]) -> [BalancerEndpoint] {
    weights.enumerated().map { BalancerEndpoint(key: "10.0.0.\($0.offset + 1):80", weight: $0.element) }
}

/// `count` endpoints of weight 1.
func endpoints(count: Int) -> [BalancerEndpoint] {
    endpoints(weights: Array(repeating: 1, count: count))
}

/// An endpoint in a locality given as `region/zone/subzone`.
func endpoint(
    _ key: String,
    at locality: String,
    labels: [String: String] = [:],
    healthy: Bool = true
)
    -> BalancerEndpoint
{
    BalancerEndpoint(key: key, locality: Locality(parsing: locality), labels: labels, healthy: healthy)
}

extension LoadBalancer {
    /// Picks `count` times and counts the chosen endpoint indexes; `noEndpoint` counts under -1 and
    /// `originalDestination` under -2.
    mutating func histogram(
        picks count: Int,
        hash: (Int) -> UInt64? = { _ in nil },
        now: ContinuousClock.Instant = testEpoch,
        seed: UInt64 = 1
    ) -> [Int: Int] {
        var rng = SplitMix64(seed: seed)
        var counts: [Int: Int] = [:]
        for draw in 0..<count {
            switch self.pick(hash: hash(draw), now: now, using: &rng) {
            case .endpoint(let index): counts[index, default: 0] += 1
            case .noEndpoint: counts[-1, default: 0] += 1
            case .originalDestination: counts[-2, default: 0] += 1
            }
        }
        return counts
    }
}

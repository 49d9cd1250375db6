/// How a balancer chose, for explanations: its algorithm and hash key, the request's hash, how many endpoints it
/// chose among and whether it was in panic (balancing over unhealthy endpoints too).
package struct BalancerSummary: Hashable, Sendable, CustomStringConvertible {
    package var algorithm: LoadBalancerPolicy.Algorithm
    /// The consistent-hash key of the policy, when it hashes.
    package var hashKey: ConsistentHash.Key?
    /// The request's hash; nil when the algorithm does not hash or the request lacks the key (it then lands as
    /// if hashed at random, as in Envoy).
    package var requestHash: UInt64?
    /// Endpoints the balancer holds, healthy or not.
    package var endpoints: Int
    /// Some priority level balances over all its endpoints because too few are healthy.
    package var panic: Bool

    package init(
        algorithm: LoadBalancerPolicy.Algorithm,
        hashKey: ConsistentHash.Key?,
        requestHash: UInt64?,
        endpoints: Int,
        panic: Bool
    ) {
        self.algorithm = algorithm
        self.hashKey = hashKey
        self.requestHash = requestHash
        self.endpoints = endpoints
        self.panic = panic
    }

    /// `LEAST_REQUEST over 3 endpoints`, `RING_HASH on header end-user (key missing: random) over 2 endpoints`.
    package var description: String {
        var text = self.algorithm.istioName
        if let hashKey = self.hashKey {
            text += " on \(hashKey.istioDescription)"
            if self.requestHash == nil { text += " (key missing: random)" }
        }
        text += " over \(self.endpoints) endpoint\(self.endpoints == 1 ? "" : "s")"
        if self.panic { text += " (panic: too few healthy, unhealthy ones included)" }
        return text
    }
}

extension LoadBalancerPolicy.Algorithm {
    /// The name an Istio user knows: `LEAST_REQUEST`, `ROUND_ROBIN`, `RANDOM`, `PASSTHROUGH`, `RING_HASH`, `MAGLEV`.
    package var istioName: String {
        switch self {
        case .roundRobin: return "ROUND_ROBIN"
        case .leastRequest: return "LEAST_REQUEST"
        case .random: return "RANDOM"
        case .passthrough: return "PASSTHROUGH"
        case .ringHash: return "RING_HASH"
        case .maglev: return "MAGLEV"
        }
    }
}

extension ConsistentHash.Key {
    /// `header end-user`, `cookie user (ttl 10s)`, `source IP`, `query parameter id`.
    package var istioDescription: String {
        switch self {
        case .httpHeaderName(let name): return "header \(name)"
        case .httpCookie(let name, _, let ttl):
            return "cookie \(name)" + (ttl.map { " (ttl \(GoDuration.format($0)))" } ?? "")
        case .useSourceIp: return "source IP"
        case .httpQueryParameterName(let name): return "query parameter \(name)"
        }
    }
}

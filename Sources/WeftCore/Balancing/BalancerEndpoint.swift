/// One candidate endpoint as the balancers see it: the caller (routing/snapshot code) adapts registry endpoints
/// into this type, once per endpoint-set change.
///
/// `key` identifies the endpoint across endpoint-set changes (use its `IP:port`): ring hash and Maglev hash it, so
/// the same key keeps the same place on the ring, and the outlier detector tracks hosts by it.
package struct BalancerEndpoint: Hashable, Sendable {
    /// Stable identity, e.g. `10.0.0.7:8080`.
    package var key: String
    /// Load-balancing weight (Istio `WorkloadEntry.weight`, default 1). Zero is treated as 1, as Envoy requires
    /// weights of at least 1.
    package var weight: UInt32
    package var locality: Locality
    /// The workload's labels; only `failoverPriority` reads them.
    package var labels: [String: String]
    /// Healthy in the registry and not ejected by outlier detection.
    package var healthy: Bool
    /// Requests in flight to this endpoint; LEAST_REQUEST reads it.
    package var activeRequests: UInt32
    /// When the endpoint joined the set (or last became healthy): warmup (slow start) scales its weight by the
    /// time since then. `nil` means "long ago": endpoints present when the agent started should not warm up,
    /// as in Envoy, where slow start only applies to hosts added after the cluster was created.
    package var createdAt: ContinuousClock.Instant?

    package init(
        key: String,
        weight: UInt32 = 1,
        locality: Locality = Locality(),
        labels: [String: String] = [:],
        healthy: Bool = true,
        activeRequests: UInt32 = 0,
        createdAt: ContinuousClock.Instant? = nil
    ) {
        self.key = key
        self.weight = weight
        self.locality = locality
        self.labels = labels
        self.healthy = healthy
        self.activeRequests = activeRequests
        self.createdAt = createdAt
    }

    /// The weight balancers use: never zero.
    var effectiveWeight: UInt32 { max(self.weight, 1) }
}

/// What a balancer decided for one connection or request.
package enum BalancerDecision: Hashable, Sendable {
    /// Send it to `endpoints[index]` of the balancer.
    case endpoint(Int)
    /// PASSTHROUGH: no choice is made; connect to the original destination the client asked for.
    case originalDestination
    /// No endpoint can take it (none in the set, or none healthy and not in panic): Envoy's `UH` response flag,
    /// "no healthy upstream".
    case noEndpoint

    /// The chosen index, if an endpoint was chosen.
    package var endpointIndex: Int? {
        if case .endpoint(let index) = self { return index }
        return nil
    }
}

/// The calling workload, as far as locality-aware balancing needs to know it.
package struct BalancerSource: Hashable, Sendable {
    package var locality: Locality
    /// The source workload's labels, matched against `failoverPriority`.
    package var labels: [String: String]

    package init(locality: Locality = Locality(), labels: [String: String] = [:]) {
        self.locality = locality
        self.labels = labels
    }
}

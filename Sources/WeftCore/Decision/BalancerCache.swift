/// The load balancers of one snapshot as seen by one calling workload, keyed by destination and subset
/// (`BalancerKey`): built once per snapshot (and per caller locality: locality failover ranks endpoints by
/// proximity to the caller), then mutated by every pick (round-robin cursors, active requests, health).
///
/// A value type with no locks: the owner keeps one per event loop (or behind a lock) and replaces it when the
/// snapshot changes. A target missing from the cache (never, for targets of the snapshot it was built from)
/// gets its balancer built on first use.
///
/// ```swift
/// var balancers = pipeline.makeBalancers(for: BalancerSource(workload: client))
/// let decision = pipeline.decide(input, balancers: &balancers, now: clock.now, using: &rng)
/// balancers.update(BalancerKey(target)) { $0.setHealthy(false, forKey: ejectedKey) }   // outlier ejection
/// ```
package struct BalancerCache: Sendable {
    struct Entry: Sendable {
        var balancer: LoadBalancer
        /// Parallel to `balancer.endpoints`: decisions name registry endpoints.
        let endpoints: [ServiceEndpoint]

        init(_ target: RouteTarget, source: BalancerSource) {
            let policy = LoadBalancerPolicy(
                settings: target.trafficPolicy.loadBalancer,
                outlierDetection: target.trafficPolicy.outlierDetection
            )
            self.balancer = LoadBalancer(
                policy: policy,
                endpoints: target.endpoints.map(\.balancerEndpoint),
                source: source
            )
            self.endpoints = target.endpoints
        }
    }

    /// The caller the balancers rank localities for.
    package let source: BalancerSource
    private var entries: [BalancerKey: Entry]

    /// Builds a balancer for every route target of `snapshot`.
    package init(snapshot: MeshSnapshot, source: BalancerSource) {
        self.source = source
        var entries: [BalancerKey: Entry] = [:]
        for target in snapshot.routeTargets {
            let key = BalancerKey(target)
            if entries[key] == nil { entries[key] = Entry(target, source: source) }
        }
        self.entries = entries
    }

    /// An empty cache that builds balancers as targets are first picked for.
    package init(source: BalancerSource) {
        self.source = source
        self.entries = [:]
    }

    /// How many balancers the cache holds.
    package var count: Int { self.entries.count }

    /// The balancer of a destination, if built.
    package func balancer(for key: BalancerKey) -> LoadBalancer? {
        self.entries[key]?.balancer
    }

    /// Changes a balancer in place (health from outlier detection, active requests); false when there is none.
    @discardableResult
    package mutating func update(_ key: BalancerKey, _ change: (inout LoadBalancer) -> Void) -> Bool {
        guard let index = self.entries.index(forKey: key) else { return false }
        change(&self.entries.values[index].balancer)
        return true
    }

    /// Picks an endpoint of `target` for one connection or request (architecture §6 step 4).
    ///
    /// - Parameters:
    ///   - request: the request head, for consistent-hash keys from headers, cookies and query parameters.
    ///   - sourceAddress: the client address, for `useSourceIp` (and generated affinity cookies).
    /// - Returns: the chosen endpoint, the original destination (PASSTHROUGH), or no endpoint; no allocation
    ///   once the target's balancer exists, except what consistent hashing on a header name costs.
    package mutating func pick(
        for target: RouteTarget,
        request: HTTPRequestHead?,
        sourceAddress: IPAddress?,
        now: ContinuousClock.Instant,
        using rng: inout some RandomNumberGenerator
    ) -> BalancerPick {
        let key = BalancerKey(target)
        let index: Dictionary<BalancerKey, Entry>.Index
        if let found = self.entries.index(forKey: key) {
            index = found
        } else {
            self.entries[key] = Entry(target, source: self.source)
            index = self.entries.index(forKey: key)!
        }
        let policy = self.entries.values[index].balancer.policy
        var hash: HashKeyResult?
        if policy.algorithm.isConsistentHash, let hashKey = policy.hashKey {
            hash = hashKey.hash(for: RequestHashSource(request: request, sourceAddress: sourceAddress))
        }
        let decision = self.entries.values[index].balancer.pick(hash: hash?.hash, now: now, using: &rng)
        return BalancerPick(
            decision: decision,
            endpoint: decision.endpointIndex.map { self.entries.values[index].endpoints[$0] },
            summary: BalancerSummary(
                algorithm: policy.algorithm,
                hashKey: policy.algorithm.isConsistentHash ? policy.hashKey : nil,
                requestHash: hash?.hash,
                endpoints: self.entries.values[index].endpoints.count,
                panic: self.entries.values[index].balancer.load.panic.contains(true)
            ),
            setCookie: hash?.setCookie
        )
    }
}

/// What a balancer chose for one decision.
package struct BalancerPick: Hashable, Sendable {
    package var decision: BalancerDecision
    /// The registry endpoint when `decision` chose one.
    package var endpoint: ServiceEndpoint?
    package var summary: BalancerSummary
    /// A `Set-Cookie` the response must carry (consistent hash on a cookie with a TTL, when the request had none).
    package var setCookie: String?
}

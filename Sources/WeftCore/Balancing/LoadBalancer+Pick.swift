extension LoadBalancer {
    /// Chooses an endpoint for one connection or request.
    ///
    /// - Parameters:
    ///   - hash: the request's consistent-hash value (`ConsistentHash.Key.hash(for:)`); ignored by the other
    ///     algorithms. nil with a hash policy: the request lands as if hashed at random, as Envoy does when the
    ///     key is missing.
    ///   - now: for warmup.
    /// - Returns: an endpoint index, the original destination (PASSTHROUGH), or `noEndpoint` when nothing can
    ///   take the request. Does not allocate, except the first time a consistent-hash level enters panic (its
    ///   table over all endpoints is built then).
    package mutating func pick(
        hash: UInt64? = nil,
        now: ContinuousClock.Instant,
        using rng: inout some RandomNumberGenerator
    ) -> BalancerDecision {
        let algorithm = self.policy.algorithm
        if algorithm == .passthrough { return .originalDestination }
        guard !self.tiers.isEmpty else { return .noEndpoint }
        // Hash policies choose the level with the request hash too, so a key stays on one level.
        let requestHash = algorithm.isConsistentHash ? (hash ?? rng.next()) : 0
        let level =
            self.tiers.count == 1 ? 0 : self.load.level(for: algorithm.isConsistentHash ? requestHash : rng.next())
        let chosen: Int?
        if self.load.panic[level] {
            chosen = self.choose(in: .all, level: level, requestHash: requestHash, now: now, using: &rng)
        } else if !self.tiers[level].localities.isEmpty {
            chosen = self.chooseInLocality(level: level, requestHash: requestHash, now: now, using: &rng)
        } else {
            chosen = self.choose(in: .healthy, level: level, requestHash: requestHash, now: now, using: &rng)
        }
        return chosen.map { .endpoint($0) } ?? .noEndpoint
    }

    /// With `distribute`: a locality by its weight, reduced when it lacks healthy endpoints (Envoy's effective
    /// locality weight, `weight × min(1, 1.4 × healthy / total)`), then an endpoint in it.
    private mutating func chooseInLocality(
        level: Int,
        requestHash: UInt64,
        now: ContinuousClock.Instant,
        using rng: inout some RandomNumberGenerator
    ) -> Int? {
        let overprovisioning = Double(PriorityLoad.overprovisioningPercent) / 100
        let position: Int?
        do {
            // Scoped so that this reference is gone before the groups are mutated below (no copy-on-write).
            let groups = self.tiers[level].localities
            position = self.localityRotations[level].pickWeighted(count: groups.count) { position in
                let group = groups[position]
                guard group.total > 0 else { return 0 }
                return group.weight * min(1, overprovisioning * Double(group.healthy.count) / Double(group.total))
            }
        }
        guard let position else { return nil }
        return self.choose(in: .locality(position), level: level, requestHash: requestHash, now: now, using: &rng)
    }

    /// Which candidate set of a level.
    enum SetChoice {
        case all
        case healthy
        case locality(Int)
    }

    /// Runs the policy's algorithm over one candidate set of a level. Accesses the set in place: a key path or a
    /// copy would make the set's arrays shared and copy them on the next mutation.
    private mutating func choose(
        in set: SetChoice,
        level: Int,
        requestHash: UInt64,
        now: ContinuousClock.Instant,
        using rng: inout some RandomNumberGenerator
    ) -> Int? {
        let endpoints = self.endpoints
        let stats = self.stats
        // One clock computation per pick; the rest works on durations.
        let sinceOrigin = self.policy.slowStart == nil ? nil : self.origin?.offset(of: now)
        let slowStart = self.policy.slowStart
        let algorithm = self.policy.algorithm
        switch set {
        case .all:
            return Self.choose(
                in: &self.tiers[level].all,
                endpoints: endpoints,
                stats: stats,
                algorithm: algorithm,
                slowStart: slowStart,
                requestHash: requestHash,
                sinceOrigin: sinceOrigin,
                using: &rng
            )
        case .healthy:
            return Self.choose(
                in: &self.tiers[level].healthy,
                endpoints: endpoints,
                stats: stats,
                algorithm: algorithm,
                slowStart: slowStart,
                requestHash: requestHash,
                sinceOrigin: sinceOrigin,
                using: &rng
            )
        case .locality(let position):
            return Self.choose(
                in: &self.tiers[level].localities[position].healthy,
                endpoints: endpoints,
                stats: stats,
                algorithm: algorithm,
                slowStart: slowStart,
                requestHash: requestHash,
                sinceOrigin: sinceOrigin,
                using: &rng
            )
        }
    }

    private static func choose(
        in set: inout CandidateSet,
        endpoints: [BalancerEndpoint],
        stats: [EndpointStats],
        algorithm: LoadBalancerPolicy.Algorithm,
        slowStart: SlowStart?,
        requestHash: UInt64,
        sinceOrigin: Duration?,
        using rng: inout some RandomNumberGenerator
    ) -> Int? {
        let members = set.members
        guard !members.isEmpty else { return nil }
        // Fields are read one by one: calling a method on `set` would copy the whole set (five references).
        let warming = slowStart?.isWarming(elapsed: Self.elapsed(since: set.newestCreatedAt, sinceOrigin)) ?? false
        let equalWeights = set.equalWeights
        let position: Int?
        switch algorithm {
        case .roundRobin:
            if equalWeights && !warming {
                position = set.roundRobin.pickEqual(count: members.count, using: &rng)
            } else {
                position = set.roundRobin.pickWeighted(count: members.count) { position in
                    let endpoint = stats[members[position]]
                    let factor = slowStart?.factor(elapsed: Self.elapsed(since: endpoint.createdAt, sinceOrigin)) ?? 1
                    return endpoint.weight * factor
                }
            }
        case .leastRequest:
            if equalWeights && !warming {
                position = LeastRequest.pickOfTwo(
                    count: members.count,
                    activeRequests: { stats[members[$0]].activeRequests },
                    using: &rng
                )
            } else {
                position = set.roundRobin.pickWeighted(count: members.count) { position in
                    let endpoint = stats[members[position]]
                    let factor = slowStart?.factor(elapsed: Self.elapsed(since: endpoint.createdAt, sinceOrigin)) ?? 1
                    return LeastRequest.dynamicWeight(
                        weight: endpoint.weight * factor,
                        activeRequests: endpoint.activeRequests
                    )
                }
            }
        case .random:
            if equalWeights {
                position = Int(rng.next(upperBound: UInt(members.count)))
            } else {
                position = RandomPick.pick(cumulative: set.cumulativeWeights, using: &rng)
            }
        case .ringHash, .maglev:
            if set.hashTable == nil {
                set.hashTable = ConsistentHashTable(members: members, endpoints: endpoints, algorithm: algorithm)
            }
            // Tables hold endpoint indexes already.
            return set.hashTable?.lookup(requestHash)
        case .passthrough:
            return nil
        }
        return position.map { members[$0] }
    }

    /// Time since a creation offset, both measured from the balancer's origin.
    private static func elapsed(since createdAt: Duration?, _ sinceOrigin: Duration?) -> Duration? {
        guard let createdAt, let sinceOrigin else { return nil }
        return sinceOrigin - createdAt
    }
}

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
        let level = self.load.level(for: algorithm.isConsistentHash ? requestHash : rng.next())
        let chosen: Int?
        if self.load.panic[level] {
            chosen = self.choose(in: \.all, level: level, requestHash: requestHash, now: now, using: &rng)
        } else if !self.tiers[level].localities.isEmpty {
            chosen = self.chooseInLocality(level: level, requestHash: requestHash, now: now, using: &rng)
        } else {
            chosen = self.choose(in: \.healthy, level: level, requestHash: requestHash, now: now, using: &rng)
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
        let groups = self.tiers[level].localities
        let overprovisioning = Double(PriorityLoad.overprovisioningPercent) / 100
        let position = self.tiers[level].localityRotation.pickWeighted(count: groups.count) { position in
            let group = groups[position]
            guard group.total > 0 else { return 0 }
            return group.weight * min(1, overprovisioning * Double(group.healthy.count) / Double(group.total))
        }
        guard let position else { return nil }
        return self.choose(
            in: \.localities[position].healthy,
            level: level,
            requestHash: requestHash,
            now: now,
            using: &rng
        )
    }

    /// Runs the policy's algorithm over one candidate set of a level.
    private mutating func choose(
        in set: WritableKeyPath<Tier, CandidateSet>,
        level: Int,
        requestHash: UInt64,
        now: ContinuousClock.Instant,
        using rng: inout some RandomNumberGenerator
    ) -> Int? {
        let endpoints = self.endpoints
        let slowStart = self.policy.slowStart
        let algorithm = self.policy.algorithm
        return Self.choose(
            in: &self.tiers[level][keyPath: set],
            endpoints: endpoints,
            algorithm: algorithm,
            slowStart: slowStart,
            requestHash: requestHash,
            now: now,
            using: &rng
        )
    }

    private static func choose(
        in set: inout CandidateSet,
        endpoints: [BalancerEndpoint],
        algorithm: LoadBalancerPolicy.Algorithm,
        slowStart: SlowStart?,
        requestHash: UInt64,
        now: ContinuousClock.Instant,
        using rng: inout some RandomNumberGenerator
    ) -> Int? {
        guard !set.isEmpty else { return nil }
        let members = set.members
        let position: Int?
        switch algorithm {
        case .roundRobin:
            if set.equalWeights && !set.isWarming(slowStart, now: now) {
                position = set.roundRobin.pickEqual(count: members.count, using: &rng)
            } else {
                position = set.roundRobin.pickWeighted(count: members.count) { position in
                    let endpoint = endpoints[members[position]]
                    let factor = slowStart?.factor(createdAt: endpoint.createdAt, now: now) ?? 1
                    return Double(endpoint.effectiveWeight) * factor
                }
            }
        case .leastRequest:
            if set.equalWeights && !set.isWarming(slowStart, now: now) {
                position = LeastRequest.pickOfTwo(
                    count: members.count,
                    activeRequests: { endpoints[members[$0]].activeRequests },
                    using: &rng
                )
            } else {
                position = set.roundRobin.pickWeighted(count: members.count) { position in
                    let endpoint = endpoints[members[position]]
                    let factor = slowStart?.factor(createdAt: endpoint.createdAt, now: now) ?? 1
                    return LeastRequest.dynamicWeight(
                        weight: Double(endpoint.effectiveWeight) * factor,
                        activeRequests: endpoint.activeRequests
                    )
                }
            }
        case .random:
            if set.equalWeights {
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
}

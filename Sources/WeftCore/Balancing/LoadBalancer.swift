/// Picks an endpoint for each new connection or request of one destination (a service's subset), the way
/// Envoy's cluster load balancer does for Istio: priority level (locality failover) by health → panic or not →
/// locality (with `distribute`) → endpoint by the policy's algorithm.
///
/// A value type: the owner (one per destination, per event loop or behind a lock) keeps it in a `var`, builds it
/// once per endpoint-set change, tells it about health and load changes, and calls `pick` per decision. Building
/// precomputes priority levels, candidate sets and consistent-hash tables, so `pick` does not allocate.
///
/// ```swift
/// let policy = LoadBalancerPolicy(settings: rule.trafficPolicy?.loadBalancer,
///                                 outlierDetection: rule.trafficPolicy?.outlierDetection)
/// var balancer = LoadBalancer(policy: policy, endpoints: endpoints, source: BalancerSource(locality: myLocality))
/// let hash = policy.hashKey.flatMap { $0.hash(for: request).hash }       // L7 with consistentHash only
/// switch balancer.pick(hash: hash, now: instant, using: &rng) {          // instant: read from the clock
/// case .endpoint(let index):
///     balancer.requestStarted(at: index)                                  // …requestFinished(at:) when done
///     connect(to: balancer.endpoints[index].key)
/// case .originalDestination: connect(to: originalDestination)             // PASSTHROUGH
/// case .noEndpoint: fail(responseFlag: "UH")                              // no healthy upstream
/// }
/// balancer.setHealthy(false, forKey: ejectedKey)                          // from OutlierDetector actions
/// ```
package struct LoadBalancer: Sendable {
    package let policy: LoadBalancerPolicy
    /// The endpoints, in the order given; decisions refer to them by index.
    package private(set) var endpoints: [BalancerEndpoint]
    /// Each endpoint's priority level (0 preferred), or nil when `distribute` excludes it.
    package private(set) var levels: [Int?]
    /// Current share of traffic and panic state per level.
    package private(set) var load: PriorityLoad

    /// The numbers `pick` reads, per endpoint, without the strings and dictionaries of `BalancerEndpoint`: copying
    /// an endpoint out of `endpoints` costs reference counting on five fields, which dominated weighted picks.
    var stats: [EndpointStats]

    struct EndpointStats: Sendable {
        var weight: Double
        var activeRequests: UInt32
        /// Offset of `createdAt` from `origin`.
        var createdAt: Duration?
    }

    /// The earliest `createdAt`: warmup times are kept as offsets from it (see `TimeOrigin`).
    let origin: TimeOrigin?

    /// Weight of each endpoint's locality under `distribute`.
    private let localityWeights: [UInt32?]?
    private let indexByKey: [String: Int]
    var tiers: [Tier]
    /// With `distribute`: the rotation among each level's localities (kept apart from `tiers` so that choosing
    /// a locality can read the tier while advancing the rotation).
    var localityRotations: [RoundRobin]

    /// One priority level.
    struct Tier: Sendable {
        var members: [Int]
        var all: CandidateSet
        var healthy: CandidateSet
        /// With `distribute`: healthy endpoints per locality.
        var localities: [LocalityGroup]
    }

    struct LocalityGroup: Sendable {
        var weight: Double
        var total: Int
        var healthy: CandidateSet
    }

    package init(policy: LoadBalancerPolicy, endpoints: [BalancerEndpoint], source: BalancerSource = BalancerSource()) {
        self.policy = policy
        self.endpoints = endpoints
        let origin = endpoints.compactMap(\.createdAt).min().map(TimeOrigin.init)
        self.origin = origin
        self.stats = endpoints.map { endpoint in
            EndpointStats(
                weight: Double(endpoint.effectiveWeight),
                activeRequests: endpoint.activeRequests,
                createdAt: origin.flatMap { origin in endpoint.createdAt.map { origin.offset(of: $0) } }
            )
        }
        var keys: [String: Int] = [:]
        for (index, endpoint) in endpoints.enumerated() where keys[endpoint.key] == nil { keys[endpoint.key] = index }
        self.indexByKey = keys

        var localityWeights: [UInt32?]?
        switch policy.locality {
        case .off:
            self.levels = Array(repeating: 0, count: endpoints.count)
        case .failover(let rules, let failoverPriority):
            self.levels = LocalityFailover.priorities(
                of: endpoints,
                source: source,
                failover: rules,
                failoverPriority: failoverPriority
            ).map { $0 }
        case .distribute(let rules):
            localityWeights = LocalityDistribute.localityWeights(of: endpoints, source: source, distribute: rules)
            self.levels =
                localityWeights.map { weights in weights.map { $0 == nil ? nil : 0 } }
                ?? Array(repeating: 0, count: endpoints.count)
        }
        // Hash-based algorithms pick endpoints, not localities: the weights only exclude.
        self.localityWeights = policy.algorithm.isConsistentHash ? nil : localityWeights

        let levelCount = (self.levels.compactMap { $0 }.max() ?? -1) + 1
        var membersByLevel = Array(repeating: [Int](), count: levelCount)
        for (index, level) in self.levels.enumerated() {
            if let level { membersByLevel[level].append(index) }
        }
        self.tiers = []
        self.localityRotations = Array(repeating: RoundRobin(count: 0), count: levelCount)
        self.load = PriorityLoad(levels: [], panicThresholdPercent: policy.panicThresholdPercent)
        self.tiers = membersByLevel.map { self.makeTier(members: $0) }
        self.recomputeLoad()
    }

    // MARK: - Live state

    /// Marks an endpoint healthy or not (registry health, outlier ejection). Rebuilds its level's candidate sets
    /// and the load split; no-op when nothing changes.
    package mutating func setHealthy(_ healthy: Bool, at index: Int) {
        guard self.endpoints.indices.contains(index), self.endpoints[index].healthy != healthy else { return }
        self.endpoints[index].healthy = healthy
        guard let level = self.levels[index] else { return }
        self.refreshHealth(level: level)
        self.recomputeLoad()
    }

    /// `setHealthy(_:at:)` by endpoint key; unknown keys are ignored.
    package mutating func setHealthy(_ healthy: Bool, forKey key: String) {
        guard let index = self.indexByKey[key] else { return }
        self.setHealthy(healthy, at: index)
    }

    /// The index of the endpoint with this key.
    package func index(ofKey key: String) -> Int? { self.indexByKey[key] }

    /// A request or connection to `endpoints[index]` started (LEAST_REQUEST reads the count).
    package mutating func requestStarted(at index: Int) {
        self.endpoints[index].activeRequests &+= 1
        self.stats[index].activeRequests &+= 1
    }

    /// A request or connection to `endpoints[index]` finished.
    package mutating func requestFinished(at index: Int) {
        if self.endpoints[index].activeRequests > 0 { self.endpoints[index].activeRequests -= 1 }
        self.stats[index].activeRequests = self.endpoints[index].activeRequests
    }

    /// Sets the active request count directly (when the owner tracks it elsewhere).
    package mutating func setActiveRequests(_ count: UInt32, at index: Int) {
        self.endpoints[index].activeRequests = count
        self.stats[index].activeRequests = count
    }

    // MARK: - Building

    private func makeTier(members: [Int]) -> Tier {
        let healthyMembers = members.filter { self.endpoints[$0].healthy }
        let algorithm = self.policy.algorithm
        let healthy = CandidateSet(
            members: healthyMembers,
            endpoints: self.endpoints,
            createdAt: self.stats.map(\.createdAt),
            algorithm: algorithm,
            buildTable: true
        )
        var all = CandidateSet(
            members: members,
            endpoints: self.endpoints,
            createdAt: self.stats.map(\.createdAt),
            algorithm: algorithm,
            buildTable: false
        )
        // Share the table when nothing is unhealthy; otherwise the panic table is built on first use.
        if healthyMembers.count == members.count { all.hashTable = healthy.hashTable }
        return Tier(
            members: members,
            all: all,
            healthy: healthy,
            localities: self.makeLocalityGroups(members: members)
        )
    }

    private func makeLocalityGroups(members: [Int]) -> [LocalityGroup] {
        guard let weights = self.localityWeights else { return [] }
        var order: [Locality] = []
        var byLocality: [Locality: [Int]] = [:]
        for index in members {
            let locality = self.endpoints[index].locality
            if byLocality[locality] == nil { order.append(locality) }
            byLocality[locality, default: []].append(index)
        }
        return order.map { locality in
            let groupMembers = byLocality[locality]!
            return LocalityGroup(
                weight: Double(weights[groupMembers[0]] ?? 0),
                total: groupMembers.count,
                healthy: CandidateSet(
                    members: groupMembers.filter { self.endpoints[$0].healthy },
                    endpoints: self.endpoints,
                    createdAt: self.stats.map(\.createdAt),
                    algorithm: self.policy.algorithm,
                    buildTable: false
                )
            )
        }
    }

    private mutating func refreshHealth(level: Int) {
        let rebuilt = self.makeTier(members: self.tiers[level].members)
        // The panic set's members did not change: keep its rotation and any table already built.
        let keptAll = self.tiers[level].all
        self.tiers[level] = rebuilt
        self.tiers[level].all = keptAll
        if rebuilt.healthy.count == rebuilt.members.count {
            self.tiers[level].all.hashTable = rebuilt.healthy.hashTable
        }
    }

    private mutating func recomputeLoad() {
        self.load = PriorityLoad(
            levels: self.tiers.map { (healthy: $0.healthy.count, total: $0.members.count) },
            panicThresholdPercent: self.policy.panicThresholdPercent
        )
    }
}

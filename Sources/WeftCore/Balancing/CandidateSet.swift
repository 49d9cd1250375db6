/// One list of endpoints a balancer chooses among (a priority level's healthy endpoints, all of them in panic, or
/// one locality's), with the per-set state its algorithm keeps. Built when the endpoint set or its health changes,
/// so a pick only reads it and advances a cursor.
struct CandidateSet: Sendable {
    /// Indexes into the balancer's endpoints.
    private(set) var members: [Int]
    /// All members have the same weight: the cheap paths of round robin, least request and random apply.
    private(set) var equalWeights: Bool
    /// The newest `createdAt` among members, as an offset from the balancer's time origin: while it is within the
    /// warmup window, weights are live.
    private(set) var newestCreatedAt: Duration?
    /// RANDOM with unequal weights.
    private(set) var cumulativeWeights: [UInt64]
    var roundRobin: RoundRobin
    /// Ring or Maglev table over the members, for consistent hashing; built on demand for panic sets.
    var hashTable: ConsistentHashTable?

    init(
        members: [Int],
        endpoints: [BalancerEndpoint],
        createdAt: [Duration?],
        algorithm: LoadBalancerPolicy.Algorithm,
        buildTable: Bool
    ) {
        self.members = members
        let firstWeight = members.first.map { endpoints[$0].effectiveWeight }
        self.equalWeights = members.allSatisfy { endpoints[$0].effectiveWeight == firstWeight }
        self.newestCreatedAt = members.compactMap { createdAt[$0] }.max()
        self.cumulativeWeights =
            algorithm == .random && !self.equalWeights
            ? RandomPick.cumulativeWeights(members.lazy.map { endpoints[$0].effectiveWeight }) : []
        self.roundRobin = RoundRobin(count: members.count)
        self.hashTable =
            buildTable ? ConsistentHashTable(members: members, endpoints: endpoints, algorithm: algorithm) : nil
    }

    var isEmpty: Bool { self.members.isEmpty }
    var count: Int { self.members.count }
}

/// A consistent-hash table over a candidate set.
enum ConsistentHashTable: Hashable, Sendable {
    case ring(RingHash)
    case maglev(Maglev)

    /// nil when the algorithm does not hash.
    init?(members: [Int], endpoints: [BalancerEndpoint], algorithm: LoadBalancerPolicy.Algorithm) {
        let entries = members.map { (key: endpoints[$0].key, weight: endpoints[$0].effectiveWeight, value: $0) }
        switch algorithm {
        case .ringHash(let minimumRingSize): self = .ring(RingHash(members: entries, minimumRingSize: minimumRingSize))
        case .maglev(let tableSize): self = .maglev(Maglev(members: entries, tableSize: tableSize))
        case .roundRobin, .leastRequest, .random, .passthrough: return nil
        }
    }

    func lookup(_ hash: UInt64) -> Int? {
        switch self {
        case .ring(let ring): return ring.lookup(hash)
        case .maglev(let maglev): return maglev.lookup(hash)
        }
    }
}

import WeftCore

/// The balancers a data plane would keep: one `LoadBalancer` per route target (service port, and subset), built
/// once per endpoint-set change, found per decision by the target's hostname, port and subset.
///
/// The lookup hashes the hostname: `RouteTarget` carries no index a caller could use instead, so this is what an
/// agent built on today's API pays per decision (NOTES.md suggests a target index).
struct BalancerTable {
    struct Key: Hashable {
        let hostname: String
        let port: Int
        let subset: String?
    }

    private var balancers: [LoadBalancer] = []
    private let slots: [Key: Int]
    private let now: ContinuousClock.Instant

    init(shape: MeshShape, snapshot: MeshSnapshot, now: ContinuousClock.Instant) {
        var slots: [Key: Int] = [:]
        for service in 0..<shape.services {
            let hostname = shape.hostname(ofService: service)
            let source = TrafficSource(namespace: shape.namespace(ofService: service))
            for port in [MeshShape.httpPort, MeshShape.tcpPort] {
                for subset in [nil, "v1", "v2"] {
                    guard
                        case .success(let target) = snapshot.target(
                            hostname: hostname,
                            port: port,
                            subset: subset,
                            from: source
                        )
                    else { fatalError("no target for \(hostname):\(port) subset \(subset ?? "-")") }
                    slots[Key(hostname: hostname, port: port, subset: subset)] = self.balancers.count
                    self.balancers.append(Self.balancer(for: target))
                }
            }
        }
        self.slots = slots
        self.now = now
    }

    private static func balancer(for target: RouteTarget) -> LoadBalancer {
        let policy = LoadBalancerPolicy(
            settings: target.trafficPolicy.loadBalancer,
            outlierDetection: target.trafficPolicy.outlierDetection
        )
        let endpoints = target.endpoints.map { endpoint in
            BalancerEndpoint(
                key: "\(endpoint.address):\(endpoint.port)",
                weight: UInt32(endpoint.weight),
                labels: endpoint.labels,
                healthy: endpoint.health == .healthy
            )
        }
        return LoadBalancer(policy: policy, endpoints: endpoints)
    }

    /// The balancer of a target, found the way every decision finds it.
    func slot(for target: RouteTarget) -> Int? {
        self.slots[Key(hostname: target.hostname, port: target.port, subset: target.subset)]
    }

    /// Finds the target's balancer and picks an endpoint, counting the request as started and finished (what
    /// LEAST_REQUEST reads). Returns the endpoint index, or -1 when there is none.
    mutating func pick(for target: RouteTarget, using rng: inout some RandomNumberGenerator) -> Int {
        guard let slot = self.slot(for: target) else { return -1 }
        return self.pick(slot: slot, using: &rng)
    }

    /// The pick alone, for a balancer already found (to separate the lookup's cost from the algorithm's).
    mutating func pick(slot: Int, using rng: inout some RandomNumberGenerator) -> Int {
        guard case .endpoint(let index) = self.balancers[slot].pick(now: self.now, using: &rng) else { return -1 }
        self.balancers[slot].requestStarted(at: index)
        self.balancers[slot].requestFinished(at: index)
        return index
    }

    var count: Int { self.balancers.count }
}

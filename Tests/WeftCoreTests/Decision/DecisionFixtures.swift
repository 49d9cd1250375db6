import WeftCore

/// The bookinfo-like mesh the decision pipeline tests run against, built like `Scripts/examples/bookinfo.yaml`:
/// reviews v1/v2/v3 with a jason route to v2 and an 80/20 canary v1/v3, a TCP route to mongodb v1, mesh-wide
/// STRICT mTLS, an ALLOW policy for ratings from the reviews identity and a DENY policy for reviews' admin paths.
enum DecisionFixture {
    static let reviewsPrincipal = "cluster.local/ns/default/sa/bookinfo-reviews"

    static func config() -> MeshConfig {
        var (config, _) = Fixture.bookinfo()
        config.services.append(
            Fixture.service("mongodb", ports: [(27017, "mongo")], clusterIP: "10.96.0.14")
        )
        // The database runs on a VM: a WorkloadEntry in the ambient mesh.
        var mongo = WorkloadEntry()
        mongo.metadata = ObjectMeta(name: "mongodb-vm", namespace: "default")
        mongo.spec.address = "10.248.0.14"
        mongo.spec.serviceAccount = "bookinfo-mongodb"
        mongo.spec.labels = ["app": "mongodb", "version": "v1", WorkloadEntry.dataplaneModeLabel: "ambient"]
        config.workloadEntries = [mongo]

        var retries = HTTPRetry()
        retries.attempts = 3
        retries.perTryTimeout = .seconds(2)
        retries.retryOn = [.fiveXX, .connectFailure]
        var canary = Fixture.httpRoute(name: "canary", to: [("reviews", "v1", 80), ("reviews", "v3", 20)])
        canary.retries = retries
        canary.timeout = .seconds(10)
        var mongoRoute = TCPRoute()
        var mongoMatch = L4MatchAttributes()
        mongoMatch.port = 27017
        mongoRoute.match = [mongoMatch]
        mongoRoute.route = [RouteDestination(destination: Destination(host: "mongodb", subset: "v1"), weight: nil)]
        config.virtualServices = [
            Fixture.virtualService(
                "reviews",
                hosts: ["reviews"],
                http: [
                    Fixture.httpRoute(
                        name: "jason-gets-v2",
                        match: [Fixture.match(headers: ["end-user": .exact("jason")])],
                        to: [("reviews", "v2", nil)]
                    ),
                    canary,
                ]
            ),
            Fixture.virtualService("mongodb", hosts: ["mongodb"], tcp: [mongoRoute]),
        ]

        var mongoPolicy = TrafficPolicy()
        var pool = ConnectionPoolSettings()
        var tcp = ConnectionPoolSettings.TCP()
        tcp.maxConnections = 100
        tcp.connectTimeout = .seconds(3)
        pool.tcp = tcp
        mongoPolicy.connectionPool = pool
        var reviews = Fixture.reviewsSubsets()
        var reviewsPolicy = TrafficPolicy()
        reviewsPolicy.loadBalancer = Fixture.loadBalancer(.leastRequest)
        reviews.trafficPolicy = reviewsPolicy
        config.destinationRules = [
            reviews,
            Fixture.destinationRule(
                "mongodb",
                host: "mongodb",
                subsets: [("v1", ["version": "v1"])],
                trafficPolicy: mongoPolicy
            ),
        ]

        var strict = PeerAuthentication()
        strict.metadata = ObjectMeta(name: "default", namespace: "istio-system")
        strict.mode = .strict
        config.peerAuthentications = [strict]

        var allow = AuthorizationPolicy()
        allow.metadata = ObjectMeta(name: "ratings-from-reviews", namespace: "default")
        allow.selector = LabelSelector(["app": "ratings"])
        var fromReviews = AuthorizationPolicy.Rule()
        var source = AuthorizationPolicy.Source()
        source.principals = [Self.reviewsPrincipal]
        fromReviews.from = [source]
        var port = AuthorizationPolicy.Operation()
        port.ports = [9080]
        fromReviews.to = [port]
        allow.rules = [fromReviews]

        var deny = AuthorizationPolicy()
        deny.metadata = ObjectMeta(name: "deny-reviews-admin", namespace: "default")
        deny.selector = LabelSelector(["app": "reviews"])
        deny.action = .deny
        var adminPaths = AuthorizationPolicy.Rule()
        var admin = AuthorizationPolicy.Operation()
        admin.ports = [9080]
        admin.paths = ["/admin*"]
        adminPaths.to = [admin]
        deny.rules = [adminPaths]
        config.authorizationPolicies = [allow, deny]
        return config
    }

    /// Bookinfo's workloads plus `legacy`, a plaintext client outside the mesh.
    static func workloads() -> WorkloadRegistry {
        var (_, registry) = Fixture.bookinfo()
        var legacy = Fixture.workload("legacy", labels: ["app": "legacy"], ip: "10.248.0.50")
        legacy.dataplane = .plaintext
        registry.workloads.append(legacy)
        return registry
    }

    static func pipeline(outbound: MeshSettings.OutboundTrafficPolicy = .allowAny) -> DecisionPipeline {
        var settings = MeshSettings()
        settings.outboundTrafficPolicy = outbound
        return DecisionPipeline(
            snapshot: MeshSnapshot(config: Self.config(), enrolled: Self.workloads(), settings: settings)
        )
    }

    /// Decides one connection or request from the workload named `from` (namespace `default`).
    static func decide(
        _ pipeline: DecisionPipeline,
        from name: String,
        to destination: DestinationAddress,
        request: HTTPRequestHead? = nil,
        seed: UInt64 = 1
    ) -> Decision {
        let source = pipeline.snapshot.workloads(named: name)[0]
        var balancers = pipeline.makeBalancers(for: BalancerSource(workload: source))
        var rng = SplitMix64(seed: seed)
        return pipeline.decide(
            DecisionInput(source: DecisionSource(workload: source), destination: destination, request: request),
            balancers: &balancers,
            now: testEpoch,
            using: &rng
        )
    }

    static func get(
        _ path: String = "/",
        authority: String = "reviews:9080",
        headers: [(String, String)] = []
    )
        -> HTTPRequestHead
    {
        HTTPRequestHead(authority: authority, path: path, headers: headers.map { HTTPHeaderField($0.0, $0.1) })
    }
}

extension Decision {
    /// The text of the step with this label, if present.
    func step(_ label: String) -> String? {
        self.steps.first { $0.label == label }?.text
    }

    /// The workload behind the chosen endpoint.
    var endpointWorkload: String? {
        switch self.endpoint {
        case .endpoint(let endpoint, _): return endpoint.workload?.name
        case .workload(let workload): return workload.workload.name
        default: return nil
        }
    }
}

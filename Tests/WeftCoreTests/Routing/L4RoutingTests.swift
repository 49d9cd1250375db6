import Testing
import WeftCore

@Suite("L4 routing: VirtualService tcp routes, else the service")
struct L4RoutingTests {
    func snapshot(
        tcp: [TCPRoute] = [],
        rules: [DestinationRule] = [Fixture.reviewsSubsets()],
        settings: MeshSettings = MeshSettings()
    )
        -> MeshSnapshot
    {
        var (config, workloads) = Fixture.bookinfo()
        if !tcp.isEmpty {
            config.virtualServices = [Fixture.virtualService("reviews-tcp", hosts: ["reviews"], tcp: tcp)]
        }
        config.destinationRules = rules
        return MeshSnapshot(config: config, enrolled: workloads, settings: settings)
    }

    func tcpRoute(match: [L4MatchAttributes] = [], to destinations: [(String, String?, Int?, Int?)]) -> TCPRoute {
        var route = TCPRoute()
        route.match = match
        route.route = destinations.map {
            RouteDestination(destination: Destination(host: $0.0, subset: $0.1, port: $0.3), weight: $0.2)
        }
        return route
    }

    func route(
        _ snapshot: MeshSnapshot,
        to destination: DestinationAddress = dst("10.96.0.13", 9080),
        from source: TrafficSource = Fixture.productpageSource,
        seed: UInt64 = 1
    ) -> L4RouteDecision {
        var rng = SplitMix64(seed: seed)
        return snapshot.routeL4(to: destination, from: source, using: &rng)
    }

    @Test("Without a VirtualService a connection goes to all endpoints of the service port")
    func defaultRoute() throws {
        let plan = try #require(self.route(self.snapshot()).plan)
        #expect(plan.rule == nil)
        #expect(plan.target.hostname == Fixture.reviewsHost)
        #expect(plan.target.subset == nil)
        #expect(plan.target.endpoints.map(\.address.description) == ["10.248.0.21", "10.248.0.22", "10.248.0.23"])
        #expect(
            plan.target.destinationRule == ResourceID(kind: .destinationRule, namespace: "default", name: "reviews")
        )
        #expect(
            plan.description
                == "reviews.default.svc.cluster.local:9080 → reviews.default.svc.cluster.local:9080 (default route)"
        )
    }

    @Test("The first tcp route whose match accepts the connection wins")
    func firstMatch() throws {
        var otherPort = L4MatchAttributes()
        otherPort.port = 9999
        var fromSleep = L4MatchAttributes()
        fromSleep.sourceLabels = ["app": "sleep"]
        var thisPort = L4MatchAttributes()
        thisPort.port = 9080
        let snapshot = self.snapshot(tcp: [
            self.tcpRoute(match: [otherPort, fromSleep], to: [("reviews", "v1", nil, nil)]),
            self.tcpRoute(match: [thisPort], to: [("reviews", "v2", nil, nil)]),
            self.tcpRoute(to: [("reviews", "v3", nil, nil)]),
        ])
        let plan = try #require(self.route(snapshot).plan)
        #expect(plan.rule?.description == "VirtualService default/reviews-tcp tcp[1] match[0]")
        #expect(plan.target.subset == "v2")
        #expect(plan.target.endpoints.map(\.workload?.name) == ["reviews-v2"])
        let sleep = TrafficSource(namespace: "test", labels: ["app": "sleep"])
        let fromSleepPlan = try #require(self.route(snapshot, from: sleep).plan)
        #expect(fromSleepPlan.rule?.description == "VirtualService default/reviews-tcp tcp[0] match[1]")
    }

    @Test(
        "destinationSubnets, sourceNamespace and gateways restrict a tcp match",
        arguments: [
            (["10.96.0.0/24"], nil, [], "v1"), (["10.97.0.0/16"], nil, [], "v3"), ([], "default", [], "v1"),
            ([], "test", [], "v3"), ([], nil, ["mesh"], "v1"), ([], nil, ["istio-system/gw"], "v3"),
        ] as [([String], String?, [String], String)]
    )
    func matchConditions(subnets: [String], namespace: String?, gateways: [String], expected: String) throws {
        var match = L4MatchAttributes()
        match.destinationSubnets = try subnets.map { try CIDR(parsing: $0) }
        match.sourceNamespace = namespace
        match.gateways = gateways
        let snapshot = self.snapshot(tcp: [
            self.tcpRoute(match: [match], to: [("reviews", "v1", nil, nil)]),
            self.tcpRoute(to: [("reviews", "v3", nil, nil)]),
        ])
        #expect(self.route(snapshot).plan?.target.subset == expected)
    }

    @Test("When no tcp route matches, the service's default route applies (as Istio adds one)")
    func fallbackToService() throws {
        var match = L4MatchAttributes()
        match.port = 1
        let snapshot = self.snapshot(tcp: [self.tcpRoute(match: [match], to: [("ratings", nil, nil, nil)])])
        let plan = try #require(self.route(snapshot).plan)
        #expect(plan.rule == nil)
        #expect(plan.target.hostname == Fixture.reviewsHost)
    }

    @Test("A destination port and another host are honoured; the target's policy comes from that host's rule")
    func otherHostAndPort() throws {
        var config = Fixture.bookinfo()
        config.config.services.append(
            Fixture.service("ratings-admin", selector: ["app": "ratings"], ports: [(9090, "tcp"), (9091, "tcp-b")])
        )
        config.config.virtualServices = [
            Fixture.virtualService(
                "reviews-tcp",
                hosts: ["reviews"],
                tcp: [self.tcpRoute(to: [("ratings-admin", nil, nil, 9091)])]
            )
        ]
        var policy = TrafficPolicy()
        policy.loadBalancer = Fixture.loadBalancer(.roundRobin)
        config.config.destinationRules = [
            Fixture.destinationRule("ratings-admin", host: "ratings-admin", trafficPolicy: policy)
        ]
        let snapshot = MeshSnapshot(config: config.config, enrolled: config.workloads)
        let plan = try #require(self.route(snapshot).plan)
        #expect(plan.target.description == "ratings-admin.default.svc.cluster.local:9091")
        #expect(plan.target.endpoints.map(\.port) == [9091])
        #expect(plan.target.trafficPolicy.loadBalancer.policy == .simple(.roundRobin))
    }

    @Test("Reasons when there is no route")
    func noRoute() {
        let zero = self.snapshot(tcp: [self.tcpRoute(to: [("reviews", "v1", 0, nil), ("reviews", "v2", 0, nil)])])
        #expect(
            self.route(zero)
                == .noRoute(
                    .allWeightsZero(
                        rule: MatchedRule(
                            virtualService: ResourceID(
                                kind: .virtualService,
                                namespace: "default",
                                name: "reviews-tcp"
                            ),
                            kind: .tcp,
                            index: 0
                        )
                    )
                )
        )
        let typo = self.snapshot(tcp: [self.tcpRoute(to: [("reveiws", nil, nil, nil)])])
        #expect(
            self.route(typo).description
                == "no route: destination host reveiws.default.svc.cluster.local (chosen by VirtualService default/reviews-tcp tcp[0]) is not a known service"
        )
        let subset = self.snapshot(tcp: [self.tcpRoute(to: [("reviews", "v9", nil, nil)])])
        #expect(
            self.route(subset).description
                == "no route: subset v9 of reviews.default.svc.cluster.local (chosen by VirtualService default/reviews-tcp tcp[0]) is not defined (in DestinationRule default/reviews)"
        )
        var settings = MeshSettings()
        settings.outboundTrafficPolicy = .registryOnly
        #expect(
            self.route(self.snapshot(settings: settings), to: dst("1.1.1.1", 443))
                == .noRoute(.blockedByOutboundPolicy(dst("1.1.1.1", 443)))
        )
        #expect(self.route(self.snapshot(), to: dst("1.1.1.1", 443)) == .passthrough(dst("1.1.1.1", 443)))
    }

    @Test("A service without endpoints has no route, unless it passes traffic through")
    func noEndpoints() throws {
        var config = MeshConfig()
        config.services = [Fixture.service("empty", clusterIP: "10.96.1.1")]
        var passthrough = ServiceEntry()
        passthrough.metadata = ObjectMeta(name: "legacy-range", namespace: "default")
        passthrough.hosts = ["legacy.internal"]
        passthrough.addresses = [try CIDR(parsing: "172.16.0.0/16")]
        passthrough.ports = [ServicePort(number: 5432, name: "tcp-pg")]
        config.serviceEntries = [passthrough]
        let snapshot = MeshSnapshot(config: config)
        #expect(
            self.route(snapshot, to: dst("10.96.1.1", 9080)).description
                == "no route: empty.default.svc.cluster.local has no endpoints"
        )
        let plan = try #require(self.route(snapshot, to: dst("172.16.4.4", 5432)).plan)
        #expect(plan.target.resolution == .passthrough)
        #expect(plan.target.endpoints == [])
    }

    @Test("A workload's own address is routed straight to it")
    func workloadDirect() {
        guard case .workload(let workload) = self.route(self.snapshot(), to: dst("10.248.0.12", 9080)) else {
            Issue.record("expected a direct workload decision")
            return
        }
        #expect(workload.workload == WorkloadKey(namespace: "default", name: "ratings-v1"))
    }
}

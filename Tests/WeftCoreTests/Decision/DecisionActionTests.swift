import Testing
import WeftCore

@Suite("Decision pipeline: local answers, policy merge, data-plane mode")
struct DecisionActionTests {
    /// Bookinfo with the reviews VirtualService replaced by `http`.
    static func pipeline(_ http: [HTTPRoute], evaluatesDestination: Bool = true) -> DecisionPipeline {
        var config = DecisionFixture.config()
        config.virtualServices[0] = Fixture.virtualService("reviews", hosts: ["reviews"], http: http)
        return DecisionPipeline(
            snapshot: MeshSnapshot(config: config, enrolled: DecisionFixture.workloads()),
            evaluatesDestination: evaluatesDestination
        )
    }

    static func request(_ pipeline: DecisionPipeline, path: String = "/") -> Decision {
        DecisionFixture.decide(
            pipeline,
            from: "productpage-v1",
            to: dst("10.96.0.13", 9080),
            request: DecisionFixture.get(path)
        )
    }

    @Test("A fault abort at 100 % answers the request on the way, even where the destination would deny it")
    func faultAbort() throws {
        var route = Fixture.httpRoute(name: "chaos", to: [("reviews", "v1", nil)])
        var fault = HTTPFaultInjection()
        var abort = HTTPFaultInjection.Abort()
        abort.kind = .httpStatus(503)
        abort.percentage = .all
        fault.abort = abort
        route.fault = fault
        let pipeline = Self.pipeline([route])
        let decision = Self.request(pipeline, path: "/admin")
        #expect(decision.outcome == .answered(.faultAbort(.httpStatus(503))))
        #expect(decision.isAllowedAndRouted)
        #expect(decision.step("fault") == "abort with HTTP 503")
        #expect(decision.step("result") == "answered on the way: fault injection aborts with HTTP 503")
        // What the destination would have said stays visible.
        #expect(decision.authorization.isAllowed == false)
    }

    @Test("A redirect is answered by the route: nothing is balanced or authorized")
    func redirect() throws {
        var route = HTTPRoute()
        route.name = "moved"
        var redirect = HTTPRedirect()
        redirect.uri = "/v2/reviews"
        route.redirect = redirect
        let decision = Self.request(Self.pipeline([route]), path: "/reviews/1")
        #expect(
            decision.outcome
                == .answered(.redirect(RedirectPlan(status: 301, location: "http://reviews:9080/v2/reviews")))
        )
        #expect(decision.endpoint == .notChosen)
        #expect(decision.resilience == nil)
        #expect(decision.authorization == .notEnforced(.answeredByRoute))
        #expect(decision.step("route") == "VirtualService default/reviews http[0] \"moved\"")
        #expect(decision.step("result") == "answered on the way: redirect 301 → http://reviews:9080/v2/reviews")
    }

    @Test("The rewritten request is what the destination's policy sees")
    func rewriteReachesAuthorization() throws {
        var route = Fixture.httpRoute(name: "to-admin", to: [("reviews", "v1", nil)])
        var rewrite = HTTPRewrite()
        rewrite.uri = "/admin"
        route.rewrite = rewrite
        route.match = [Fixture.match(uri: .prefix("/ops"))]
        let decision = Self.request(Self.pipeline([route]), path: "/ops/stats")
        #expect(decision.step("rewrite") == "path /admin/stats")
        #expect(decision.authorization.check?.request.http?.path == "/admin/stats")
        #expect(decision.step("result") == "denied by AuthorizationPolicy default/deny-reviews-admin (rules[0])")
    }

    @Test("Balancers follow Istio's merge: port-level settings beat the top level, a subset's own policy beats both")
    func policyMerge() throws {
        var config = DecisionFixture.config()
        var policy = TrafficPolicy()
        policy.loadBalancer = Fixture.loadBalancer(.roundRobin)
        var port = PortTrafficPolicy()
        port.port = 9080
        port.loadBalancer = Fixture.loadBalancer(.random)
        policy.portLevelSettings = [port]
        var rule = Fixture.reviewsSubsets()
        rule.trafficPolicy = policy
        var v3 = TrafficPolicy()
        v3.loadBalancer = Fixture.loadBalancer(.leastRequest)
        rule.subsets[2].trafficPolicy = v3
        config.destinationRules[0] = rule
        let pipeline = DecisionPipeline(snapshot: MeshSnapshot(config: config, enrolled: DecisionFixture.workloads()))
        let source = pipeline.snapshot.workloads(named: "productpage-v1")[0]
        let cache = pipeline.makeBalancers(for: BalancerSource(workload: source))
        let id = ResourceID(kind: .destinationRule, namespace: "default", name: "reviews")
        func algorithm(_ subset: String?) -> LoadBalancerPolicy.Algorithm? {
            cache.balancer(
                for: BalancerKey(hostname: Fixture.reviewsHost, port: 9080, subset: subset, destinationRule: id)
            )?
            .policy.algorithm
        }
        #expect(algorithm(nil) == .random)
        #expect(algorithm("v1") == .random)
        #expect(algorithm("v3") == .leastRequest)
    }

    @Test("In data-plane mode the destination side is left to the destination's agent")
    func dataPlaneMode() throws {
        let pipeline = Self.pipeline(
            [Fixture.httpRoute(name: "all", to: [("reviews", "v1", nil)])],
            evaluatesDestination: false
        )
        let decision = Self.request(pipeline, path: "/admin")
        #expect(decision.outcome == .forwarded)
        #expect(decision.mtls == nil)
        #expect(decision.authorization == .notEnforced(.leftToDestination))
        #expect(decision.endpointWorkload == "reviews-v1")
        #expect(decision.endpoint.serviceEndpoint?.spiffeURI == "spiffe://cluster.local/ns/default/sa/bookinfo-reviews")
    }
}

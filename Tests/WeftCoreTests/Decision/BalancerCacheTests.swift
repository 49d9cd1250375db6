import Testing
import WeftCore

@Suite("Balancer cache: one balancer per destination and subset")
struct BalancerCacheTests {
    static let pipeline = DecisionFixture.pipeline()

    static func cache() -> BalancerCache {
        let source = Self.pipeline.snapshot.workloads(named: "productpage-v1")[0]
        return Self.pipeline.makeBalancers(for: BalancerSource(workload: source))
    }

    @Test("Every route target of the snapshot has a balancer, keyed by host, port, subset and DestinationRule")
    func prebuilt() throws {
        let cache = Self.cache()
        let rule = ResourceID(kind: .destinationRule, namespace: "default", name: "reviews")
        for subset in ["v1", "v2", "v3"] {
            let key = BalancerKey(hostname: Fixture.reviewsHost, port: 9080, subset: subset, destinationRule: rule)
            let balancer = try #require(cache.balancer(for: key), "no balancer for \(key)")
            #expect(balancer.endpoints.map(\.key) == ["10.248.0.2\(subset.dropFirst()):9080"])
            #expect(balancer.policy.algorithm == .leastRequest)
        }
        let whole = BalancerKey(hostname: Fixture.reviewsHost, port: 9080, subset: nil, destinationRule: rule)
        #expect(cache.balancer(for: whole)?.endpoints.count == 3)
        // Services without DestinationRule: one balancer each, Istio's default algorithm.
        let ratings = BalancerKey(hostname: Fixture.ratingsHost, port: 9080, subset: nil, destinationRule: nil)
        #expect(cache.balancer(for: ratings)?.policy.algorithm == .leastRequest)
    }

    /// Asks for reviews v2 (jason's route) with v2's only endpoint ejected, under the given reviews policy.
    static func jasonWithV2Ejected(_ policy: TrafficPolicy) -> (Decision, BalancerKey) {
        var config = DecisionFixture.config()
        config.destinationRules[0].trafficPolicy = policy
        let pipeline = DecisionPipeline(snapshot: MeshSnapshot(config: config, enrolled: DecisionFixture.workloads()))
        let source = pipeline.snapshot.workloads(named: "productpage-v1")[0]
        var cache = pipeline.makeBalancers(for: BalancerSource(workload: source))
        let rule = ResourceID(kind: .destinationRule, namespace: "default", name: "reviews")
        let key = BalancerKey(hostname: Fixture.reviewsHost, port: 9080, subset: "v2", destinationRule: rule)
        let updated = cache.update(key) { $0.setHealthy(false, forKey: "10.248.0.22:9080") }
        #expect(updated)
        var rng = SplitMix64(seed: 1)
        let decision = pipeline.decide(
            DecisionInput(
                source: DecisionSource(workload: source),
                destination: dst("10.96.0.13", 9080),
                request: DecisionFixture.get(headers: [("end-user", "jason")])
            ),
            balancers: &cache,
            now: testEpoch,
            using: &rng
        )
        return (decision, key)
    }

    @Test("With outlier detection (minHealthPercent 0) a subset whose only endpoint is ejected has no healthy endpoint")
    func ejection() throws {
        var policy = TrafficPolicy()
        policy.outlierDetection = OutlierDetection()
        let (decision, key) = Self.jasonWithV2Ejected(policy)
        #expect(decision.outcome == .noHealthyEndpoint(key))
        #expect(decision.authorization == .notEnforced(.notRouted))
        #expect(
            decision.step("result")
                == "no route: reviews.default.svc.cluster.local:9080 subset v2 has no healthy endpoint"
        )
        // The settings that led there stay in the explanation.
        #expect(
            decision.step("outlier")
                == "consecutive5xxErrors 5, interval 10s, baseEjectionTime 30s, maxEjectionPercent 10%"
        )
    }

    @Test("Without outlier detection Envoy's 50 % panic threshold applies: the ejected endpoint still gets traffic")
    func panic() throws {
        let (decision, _) = Self.jasonWithV2Ejected(TrafficPolicy())
        #expect(decision.endpointWorkload == "reviews-v2")
        #expect(
            decision.step("balance")
                == "LEAST_REQUEST over 1 endpoint (panic: too few healthy, unhealthy ones included)"
        )
        #expect(decision.isAllowedAndRouted)
    }

    @Test("An empty cache builds a balancer on first use")
    func lazy() throws {
        let source = Self.pipeline.snapshot.workloads(named: "productpage-v1")[0]
        var cache = BalancerCache(source: BalancerSource(workload: source))
        #expect(cache.count == 0)
        var rng = SplitMix64(seed: 3)
        let decision = Self.pipeline.decide(
            DecisionInput(source: DecisionSource(workload: source), destination: dst("10.96.0.12", 9080)),
            balancers: &cache,
            now: testEpoch,
            using: &rng
        )
        #expect(decision.endpointWorkload == "ratings-v1")
        #expect(cache.count == 1)
    }

    @Test("A consistent hash on a header keeps one user on one endpoint and says which key it used")
    func consistentHash() throws {
        var config = DecisionFixture.config()
        var hash = ConsistentHash()
        hash.key = .httpHeaderName("end-user")
        var settings = LoadBalancerSettings()
        settings.policy = .consistentHash(hash)
        var policy = TrafficPolicy()
        policy.loadBalancer = settings
        config.destinationRules = [Fixture.destinationRule("reviews", host: "reviews", trafficPolicy: policy)]
        config.virtualServices = []
        let pipeline = DecisionPipeline(snapshot: MeshSnapshot(config: config, enrolled: DecisionFixture.workloads()))
        let picks = (1...20).map { seed in
            DecisionFixture.decide(
                pipeline,
                from: "productpage-v1",
                to: dst("10.96.0.13", 9080),
                request: DecisionFixture.get(headers: [("end-user", "alice")]),
                seed: UInt64(seed)
            )
        }
        #expect(Set(picks.compactMap(\.endpointWorkload)).count == 1, "one user, one endpoint")
        #expect(picks[0].step("balance") == "RING_HASH on header end-user over 3 endpoints")
        let anonymous = DecisionFixture.decide(
            pipeline,
            from: "productpage-v1",
            to: dst("10.96.0.13", 9080),
            request: DecisionFixture.get()
        )
        #expect(anonymous.step("balance") == "RING_HASH on header end-user (key missing: random) over 3 endpoints")
    }
}

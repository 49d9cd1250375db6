import PropertyBased
import Testing
import WeftCore

@Suite("Decision pipeline: picks over many decisions")
struct DecisionSamplingTests {
    static let pipeline = DecisionFixture.pipeline()

    /// Runs `count` canary requests from productpage with one generator and one balancer cache, as
    /// `weft explain --samples` does, and counts the subsets chosen.
    static func canarySubsets(count: Int, seed: UInt64) -> [String: Int] {
        let source = Self.pipeline.snapshot.workloads(named: "productpage-v1")[0]
        var balancers = Self.pipeline.makeBalancers(for: BalancerSource(workload: source))
        var rng = SplitMix64(seed: seed)
        let input = DecisionInput(
            source: DecisionSource(workload: source),
            destination: dst("10.96.0.13", 9080),
            request: DecisionFixture.get()
        )
        var subsets: [String: Int] = [:]
        for _ in 0..<count {
            let decision = Self.pipeline.decide(input, balancers: &balancers, now: testEpoch, using: &rng)
            subsets[decision.target?.subset ?? "none", default: 0] += 1
        }
        return subsets
    }

    @Test("The 80/20 canary converges: 10,000 seeded picks land within ±2 points of 80 % v1 and 20 % v3")
    func canaryConverges() async {
        await propertyCheck(count: 6, input: Gen.uint64()) { seed in
            let subsets = Self.canarySubsets(count: 10_000, seed: seed)
            #expect(Set(subsets.keys) == ["v1", "v3"], "only the canary's subsets: \(subsets)")
            let v1 = Double(subsets["v1", default: 0]) / 100
            let v3 = Double(subsets["v3", default: 0]) / 100
            #expect(abs(v1 - 80) <= 2, "v1 got \(v1) %")
            #expect(abs(v3 - 20) <= 2, "v3 got \(v3) %")
        }
    }

    @Test("The same seed gives the same decisions")
    func reproducible() {
        #expect(Self.canarySubsets(count: 500, seed: 42) == Self.canarySubsets(count: 500, seed: 42))
        #expect(Self.canarySubsets(count: 500, seed: 42) != Self.canarySubsets(count: 500, seed: 43))
    }

    @Test("ROUND_ROBIN state lives in the caller's balancer cache: consecutive picks rotate over the subset")
    func roundRobinRotates() {
        var config = DecisionFixture.config()
        var policy = TrafficPolicy()
        policy.loadBalancer = Fixture.loadBalancer(.roundRobin)
        config.destinationRules = [Fixture.destinationRule("reviews", host: "reviews", trafficPolicy: policy)]
        config.virtualServices = []
        let pipeline = DecisionPipeline(snapshot: MeshSnapshot(config: config, enrolled: DecisionFixture.workloads()))
        let source = pipeline.snapshot.workloads(named: "productpage-v1")[0]
        var balancers = pipeline.makeBalancers(for: BalancerSource(workload: source))
        var rng = SplitMix64(seed: 7)
        let input = DecisionInput(source: DecisionSource(workload: source), destination: dst("10.96.0.13", 9080))
        let picks = (0..<6).map { _ in
            pipeline.decide(input, balancers: &balancers, now: testEpoch, using: &rng).endpointWorkload ?? "none"
        }
        #expect(Set(picks[0..<3]) == ["reviews-v1", "reviews-v2", "reviews-v3"], "one full rotation: \(picks)")
        #expect(Array(picks[3..<6]) == Array(picks[0..<3]), "then the same order again")
    }
}

import PropertyBased
import Testing
import WeftCore

@Suite("ROUND_ROBIN")
struct RoundRobinTests {
    @Test("Equal weights visit every endpoint once per cycle, in order")
    func equalWeights() {
        var balancer = LoadBalancer(policy: LoadBalancerPolicy(algorithm: .roundRobin), endpoints: endpoints(count: 4))
        var rng = SplitMix64(seed: 7)
        let picks = (0..<8).map { _ in balancer.pick(now: testEpoch, using: &rng).endpointIndex! }
        let start = picks[0]
        #expect(picks == (0..<8).map { (start + $0) % 4 })
    }

    @Test("Weighted splits are exact over each cycle of Σ weights picks")
    func weightedExact() async {
        await propertyCheck(input: Gen.int(in: 1...10).array(of: 1...8)) { weights in
            var balancer = LoadBalancer(
                policy: LoadBalancerPolicy(algorithm: .roundRobin),
                endpoints: endpoints(weights: weights.map(UInt32.init))
            )
            let cycle = weights.reduce(0, +)
            for _ in 0..<2 {
                let counts = balancer.histogram(picks: cycle)
                #expect((0..<weights.count).map { counts[$0] ?? 0 } == weights)
            }
        }
    }

    @Test("Smooth weighted round robin interleaves instead of bunching")
    func smooth() {
        var balancer = LoadBalancer(
            policy: LoadBalancerPolicy(algorithm: .roundRobin),
            endpoints: endpoints(weights: [5, 1, 1])
        )
        var rng = SplitMix64(seed: 1)
        let picks = (0..<7).map { _ in balancer.pick(now: testEpoch, using: &rng).endpointIndex! }
        // nginx's classic example: a a b a c a a.
        #expect(picks == [0, 0, 1, 0, 2, 0, 0])
    }
}

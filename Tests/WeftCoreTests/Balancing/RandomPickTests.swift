import PropertyBased
import Testing
import WeftCore

@Suite("RANDOM")
struct RandomPickTests {
    @Test("Weighted random converges to the weights (seeded, 100 000 draws, within 1 point)")
    func converges() async {
        await propertyCheck(count: 20, input: Gen.int(in: 1...20).array(of: 2...6), Gen.uint64()) { weights, seed in
            var balancer = LoadBalancer(
                policy: LoadBalancerPolicy(algorithm: .random),
                endpoints: endpoints(weights: weights.map(UInt32.init))
            )
            let draws = 100_000
            let counts = balancer.histogram(picks: draws, seed: seed)
            let total = Double(weights.reduce(0, +))
            for (index, weight) in weights.enumerated() {
                let share = Double(counts[index] ?? 0) / Double(draws)
                #expect(abs(share - Double(weight) / total) < 0.01, "endpoint \(index): \(share)")
            }
        }
    }

    @Test("Equal weights spread evenly")
    func equal() {
        var balancer = LoadBalancer(policy: LoadBalancerPolicy(algorithm: .random), endpoints: endpoints(count: 5))
        let counts = balancer.histogram(picks: 50_000, seed: 3)
        for index in 0..<5 { #expect(abs((counts[index] ?? 0) - 10_000) < 500) }
    }
}

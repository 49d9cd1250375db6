import PropertyBased
import Testing
import WeftCore

@Suite("LEAST_REQUEST")
struct LeastRequestTests {
    @Test("Of two endpoints, the less loaded one is always chosen")
    func prefersLessLoaded() async {
        await propertyCheck(input: Gen.int(in: 0...1000), Gen.int(in: 0...1000), Gen.uint64()) { first, second, seed in
            guard first != second else { return }
            var candidates = endpoints(count: 2)
            candidates[0].activeRequests = UInt32(first)
            candidates[1].activeRequests = UInt32(second)
            var balancer = LoadBalancer(policy: LoadBalancerPolicy(algorithm: .leastRequest), endpoints: candidates)
            var rng = SplitMix64(seed: seed)
            let expected = first < second ? 0 : 1
            for _ in 0..<20 { #expect(balancer.pick(now: testEpoch, using: &rng) == .endpoint(expected)) }
        }
    }

    @Test("With many endpoints, the most loaded one is never chosen (it loses every pair)")
    func neverTheBusiest() async {
        await propertyCheck(input: Gen.int(in: 0...50).array(of: 3...12), Gen.uint64()) { loads, seed in
            guard let busiest = loads.max(), loads.count(where: { $0 == busiest }) == 1 else { return }
            var candidates = endpoints(count: loads.count)
            for (index, load) in loads.enumerated() { candidates[index].activeRequests = UInt32(load) }
            var balancer = LoadBalancer(policy: LoadBalancerPolicy(algorithm: .leastRequest), endpoints: candidates)
            let counts = balancer.histogram(picks: 200, seed: seed)
            #expect(counts[loads.firstIndex(of: busiest)!] == nil)
        }
    }

    @Test("Ties are broken at random")
    func ties() {
        var balancer = LoadBalancer(
            policy: LoadBalancerPolicy(algorithm: .leastRequest),
            endpoints: endpoints(count: 2)
        )
        let counts = balancer.histogram(picks: 10_000, seed: 11)
        #expect(abs((counts[0] ?? 0) - 5_000) < 300)
        #expect(abs((counts[1] ?? 0) - 5_000) < 300)
    }

    @Test("Active requests follow requestStarted and requestFinished")
    func tracksLoad() {
        var balancer = LoadBalancer(
            policy: LoadBalancerPolicy(algorithm: .leastRequest),
            endpoints: endpoints(count: 2)
        )
        balancer.requestStarted(at: 0)
        balancer.requestStarted(at: 0)
        balancer.requestFinished(at: 0)
        #expect(balancer.endpoints[0].activeRequests == 1)
        // Endpoint 1 is idle, so it wins every pair.
        let counts = balancer.histogram(picks: 50)
        #expect(counts == [1: 50])
        balancer.requestFinished(at: 1)
        #expect(balancer.endpoints[1].activeRequests == 0)
    }

    @Test("Unequal weights: weight / (active + 1) decides")
    func weighted() {
        var candidates = endpoints(weights: [2, 1])
        // Dynamic weights: 2 / (3 + 1) = 0.5 and 1 / (0 + 1) = 1, so endpoint 1 takes two thirds.
        candidates[0].activeRequests = 3
        var balancer = LoadBalancer(policy: LoadBalancerPolicy(algorithm: .leastRequest), endpoints: candidates)
        let counts = balancer.histogram(picks: 300)
        #expect(counts == [0: 100, 1: 200])
    }
}

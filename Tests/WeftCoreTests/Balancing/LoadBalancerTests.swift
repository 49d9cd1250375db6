import Testing
import WeftCore

@Suite("LoadBalancer: panic, locality, warmup, hashing")
struct LoadBalancerTests {
    @Test("Unhealthy endpoints get no traffic above the panic threshold")
    func avoidsUnhealthy() {
        var candidates = endpoints(count: 4)
        candidates[2].healthy = false
        for algorithm in [
            LoadBalancerPolicy.Algorithm.roundRobin, .leastRequest, .random, .ringHash(minimumRingSize: 1024),
        ] {
            var balancer = LoadBalancer(
                policy: LoadBalancerPolicy(algorithm: algorithm, panicThresholdPercent: 50),
                endpoints: candidates
            )
            let counts = balancer.histogram(picks: 400, hash: { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 })
            #expect(counts[2] == nil, "\(algorithm) sent traffic to the unhealthy endpoint")
            #expect(counts.values.reduce(0, +) == 400)
        }
    }

    @Test("Below the panic threshold every endpoint takes traffic, healthy or not")
    func panic() {
        var candidates = endpoints(count: 4)
        for index in 1..<4 { candidates[index].healthy = false }
        // 25 % healthy < 50 %: panic.
        var balancer = LoadBalancer(
            policy: LoadBalancerPolicy(algorithm: .roundRobin, panicThresholdPercent: 50),
            endpoints: candidates
        )
        #expect(balancer.load.panic == [true])
        #expect(Set(balancer.histogram(picks: 8).keys) == [0, 1, 2, 3])
        // At Istio's default threshold 0 there is no panic: only the healthy endpoint.
        var strict = LoadBalancer(
            policy: LoadBalancerPolicy(algorithm: .roundRobin, panicThresholdPercent: 0),
            endpoints: candidates
        )
        #expect(strict.histogram(picks: 8) == [0: 8])
    }

    @Test("Nothing healthy and no panic: no endpoint (UH)")
    func noHealthyUpstream() {
        var candidates = endpoints(count: 2)
        candidates[0].healthy = false
        candidates[1].healthy = false
        var balancer = LoadBalancer(
            policy: LoadBalancerPolicy(algorithm: .leastRequest, panicThresholdPercent: 0),
            endpoints: candidates
        )
        #expect(balancer.histogram(picks: 3) == [-1: 3])
        var empty = LoadBalancer(policy: LoadBalancerPolicy(), endpoints: [])
        #expect(empty.histogram(picks: 1) == [-1: 1])
    }

    @Test("PASSTHROUGH always goes to the original destination")
    func passthrough() {
        var balancer = LoadBalancer(policy: LoadBalancerPolicy(algorithm: .passthrough), endpoints: endpoints(count: 3))
        #expect(balancer.histogram(picks: 5) == [-2: 5])
    }

    @Test("Health changes move traffic, and setHealthy by key finds the endpoint")
    func healthChanges() {
        var balancer = LoadBalancer(
            policy: LoadBalancerPolicy(algorithm: .roundRobin, panicThresholdPercent: 0),
            endpoints: endpoints(count: 3)
        )
        balancer.setHealthy(false, forKey: "10.0.0.2:80")
        #expect(balancer.index(ofKey: "10.0.0.2:80") == 1)
        #expect(Set(balancer.histogram(picks: 6).keys) == [0, 2])
        balancer.setHealthy(true, at: 1)
        #expect(Set(balancer.histogram(picks: 6).keys) == [0, 1, 2])
        balancer.setHealthy(false, forKey: "unknown")
    }

    // MARK: - Locality failover

    static let failoverPolicy = LoadBalancerPolicy(
        algorithm: .roundRobin,
        locality: .failover(rules: [], failoverPriority: []),
        panicThresholdPercent: 0
    )

    static let zonal = [
        endpoint("local-1", at: "r/z1/s"), endpoint("local-2", at: "r/z1/s"),
        endpoint("zone-1", at: "r/z2/s"), endpoint("far-1", at: "other/z/s"),
    ]

    @Test("Locality failover keeps traffic in the caller's locality while it is healthy")
    func prefersLocal() {
        var balancer = LoadBalancer(
            policy: Self.failoverPolicy,
            endpoints: Self.zonal,
            source: BalancerSource(locality: Locality(parsing: "r/z1/s"))
        )
        #expect(balancer.levels == [0, 0, 1, 2])
        #expect(Set(balancer.histogram(picks: 100).keys) == [0, 1])
    }

    @Test("Failover order: same zone, then same region, then elsewhere")
    func failoverOrder() {
        var balancer = LoadBalancer(
            policy: Self.failoverPolicy,
            endpoints: Self.zonal,
            source: BalancerSource(locality: Locality(parsing: "r/z1/s"))
        )
        balancer.setHealthy(false, at: 0)
        // Half of level 0 healthy → 70 % health: 70 % stays local, 30 % spills to the next zone.
        #expect(balancer.load.percent == [70, 30, 0])
        let spill = balancer.histogram(picks: 10_000)
        #expect(spill[0] == nil)
        #expect(abs((spill[1] ?? 0) - 7_000) < 300)
        #expect(abs((spill[2] ?? 0) - 3_000) < 300)
        balancer.setHealthy(false, at: 1)
        #expect(balancer.histogram(picks: 50) == [2: 50])
        balancer.setHealthy(false, at: 2)
        #expect(balancer.histogram(picks: 50) == [3: 50])
        balancer.setHealthy(false, at: 3)
        #expect(balancer.histogram(picks: 5) == [-1: 5])
    }

    @Test("distribute splits traffic between localities by weight")
    func distribute() {
        var rule = LocalityLoadBalancerSetting.Distribute()
        rule.from = "r/z1/*"
        rule.to = ["r/z1/*": 80, "r/z2/*": 20]
        let candidates = [
            endpoint("a", at: "r/z1/s"), endpoint("b", at: "r/z1/s"), endpoint("c", at: "r/z2/s"),
            endpoint("d", at: "other/z/s"),
        ]
        var balancer = LoadBalancer(
            policy: LoadBalancerPolicy(algorithm: .roundRobin, locality: .distribute([rule])),
            endpoints: candidates,
            source: BalancerSource(locality: Locality(parsing: "r/z1/s"))
        )
        #expect(balancer.levels == [0, 0, 0, nil])
        let counts = balancer.histogram(picks: 1000)
        // Localities by smooth weighted round robin: exactly 800 / 200; endpoints in z1 alternate.
        #expect(counts == [0: 400, 1: 400, 2: 200])
    }

    // MARK: - Warmup

    @Test("A warming endpoint's share ramps up over the window")
    func warmupRamps() {
        var candidates = endpoints(count: 2)
        candidates[1].createdAt = testEpoch
        let policy = LoadBalancerPolicy(
            algorithm: .roundRobin,
            slowStart: SlowStart(duration: .seconds(100), minimumPercent: 10, aggression: 1)
        )
        var shares: [Double] = []
        for second in [0, 25, 50, 75, 100] {
            var balancer = LoadBalancer(policy: policy, endpoints: candidates)
            let counts = balancer.histogram(picks: 1000, now: testEpoch + .seconds(second))
            shares.append(Double(counts[1] ?? 0) / 1000)
        }
        // Weight factors 0.1, 0.25, 0.5, 0.75, 1 → shares f / (1 + f).
        let expected = [0.1 / 1.1, 0.25 / 1.25, 0.5 / 1.5, 0.75 / 1.75, 0.5]
        for (share, want) in zip(shares, expected) { #expect(abs(share - want) < 0.002, "\(shares)") }
    }

    @Test("Warmup also scales LEAST_REQUEST")
    func warmupLeastRequest() {
        var candidates = endpoints(count: 2)
        candidates[0].createdAt = testEpoch
        var balancer = LoadBalancer(
            policy: LoadBalancerPolicy(algorithm: .leastRequest, slowStart: SlowStart(duration: .seconds(10))),
            endpoints: candidates
        )
        // At 1 s: weights 0.1 and 1 → the new endpoint gets 1 pick in 11.
        let counts = balancer.histogram(picks: 1100, now: testEpoch + .seconds(1))
        #expect(counts == [0: 100, 1: 1000])
    }

    // MARK: - Consistent hashing through the balancer

    @Test(
        "The same hash always reaches the same endpoint; a missing hash is spread",
        arguments: [
            LoadBalancerPolicy.Algorithm.ringHash(minimumRingSize: 1024), .maglev(tableSize: 65537),
        ]
    )
    func hashing(algorithm: LoadBalancerPolicy.Algorithm) {
        var balancer = LoadBalancer(policy: LoadBalancerPolicy(algorithm: algorithm), endpoints: endpoints(count: 5))
        let sticky = balancer.histogram(picks: 50, hash: { _ in XXHash64.hash("alice") })
        #expect(sticky.count == 1)
        let spread = balancer.histogram(picks: 500)
        #expect(spread.count == 5)
    }

    @Test(
        "Ejecting an endpoint moves only its keys",
        arguments: [
            LoadBalancerPolicy.Algorithm.ringHash(minimumRingSize: 1024), .maglev(tableSize: 65537),
        ]
    )
    func hashingAfterEjection(algorithm: LoadBalancerPolicy.Algorithm) {
        var balancer = LoadBalancer(
            policy: LoadBalancerPolicy(algorithm: algorithm, panicThresholdPercent: 0),
            endpoints: endpoints(count: 10)
        )
        var rng = SplitMix64(seed: 5)
        let keys = (0..<2000).map { XXHash64.hash("k\($0)") }
        let before = keys.map { balancer.pick(hash: $0, now: testEpoch, using: &rng).endpointIndex! }
        balancer.setHealthy(false, at: 3)
        let after = keys.map { balancer.pick(hash: $0, now: testEpoch, using: &rng).endpointIndex! }
        #expect(!after.contains(3))
        let movedOthers = zip(before, after).count(where: { $0.0 != 3 && $0.0 != $0.1 })
        #expect(Double(movedOthers) / 2000 < 0.05)
    }

    @Test("A consistent-hash level in panic hashes over all its endpoints")
    func hashingInPanic() {
        var candidates = endpoints(count: 4)
        for index in 0..<3 { candidates[index].healthy = false }
        var balancer = LoadBalancer(
            policy: LoadBalancerPolicy(algorithm: .maglev(tableSize: 65537), panicThresholdPercent: 50),
            endpoints: candidates
        )
        let counts = balancer.histogram(picks: 400, hash: { XXHash64.hash("k\($0)") })
        #expect(counts.count == 4)
    }
}

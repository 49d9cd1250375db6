import Testing
import WeftCore

@Suite("LoadBalancerPolicy from DestinationRule settings")
struct LoadBalancerPolicyTests {
    static func settings(_ policy: LoadBalancerSettings.Policy?) -> LoadBalancerSettings {
        var settings = LoadBalancerSettings()
        settings.policy = policy
        return settings
    }

    @Test(
        "simple and consistentHash map to algorithms (UNSPECIFIED and LEAST_CONN are LEAST_REQUEST)",
        arguments: [
            (nil, LoadBalancerPolicy.Algorithm.leastRequest),
            (.simple(.unspecified), .leastRequest),
            (.simple(.leastRequest), .leastRequest),
            (.simple(.leastConn), .leastRequest),
            (.simple(.roundRobin), .roundRobin),
            (.simple(.random), .random),
            (.simple(.passthrough), .passthrough),
        ] as [(LoadBalancerSettings.Policy?, LoadBalancerPolicy.Algorithm)]
    )
    func simple(policy: LoadBalancerSettings.Policy?, expected: LoadBalancerPolicy.Algorithm) {
        #expect(LoadBalancerPolicy(settings: Self.settings(policy), outlierDetection: nil).algorithm == expected)
    }

    @Test("No settings at all: LEAST_REQUEST, no locality failover without outlier detection, Envoy's 50 % panic")
    func defaults() {
        let policy = LoadBalancerPolicy(settings: nil, outlierDetection: nil)
        #expect(policy == LoadBalancerPolicy(algorithm: .leastRequest, locality: .off, panicThresholdPercent: 50))
    }

    @Test("With outlier detection: proximity failover and minHealthPercent as the panic threshold")
    func withOutlierDetection() {
        var outlier = OutlierDetection()
        outlier.minHealthPercent = 30
        let policy = LoadBalancerPolicy(settings: nil, outlierDetection: outlier)
        #expect(policy.locality == .failover(rules: [], failoverPriority: []))
        #expect(policy.panicThresholdPercent == 30)
        #expect(LoadBalancerPolicy(settings: nil, outlierDetection: OutlierDetection()).panicThresholdPercent == 0)
    }

    @Test("consistentHash carries its key and algorithm")
    func consistentHash() {
        var ring = ConsistentHash()
        ring.key = .httpHeaderName("x-user")
        ring.algorithm = .ringHash(minimumRingSize: 2048)
        let ringPolicy = LoadBalancerPolicy(settings: Self.settings(.consistentHash(ring)), outlierDetection: nil)
        #expect(ringPolicy.algorithm == .ringHash(minimumRingSize: 2048))
        #expect(ringPolicy.hashKey == .httpHeaderName("x-user"))
        var maglev = ConsistentHash()
        maglev.algorithm = .maglev(tableSize: 65537)
        let maglevPolicy = LoadBalancerPolicy(settings: Self.settings(.consistentHash(maglev)), outlierDetection: nil)
        #expect(maglevPolicy.algorithm == .maglev(tableSize: 65537))
        #expect(maglevPolicy.hashKey == .useSourceIp)
    }

    @Test("Locality settings: disabled, distribute, failover rules and priorities")
    func locality() {
        var settings = LoadBalancerSettings()
        var locality = LocalityLoadBalancerSetting()
        var failover = LocalityLoadBalancerSetting.Failover()
        failover.from = "us-east"
        failover.to = "eu-west"
        locality.failover = [failover]
        locality.failoverPriority = ["topology.istio.io/network"]
        settings.localityLbSetting = locality
        let outlier = OutlierDetection()
        #expect(
            LoadBalancerPolicy(settings: settings, outlierDetection: outlier).locality
                == .failover(rules: [failover], failoverPriority: ["topology.istio.io/network"])
        )
        // Failover needs outlier detection.
        #expect(LoadBalancerPolicy(settings: settings, outlierDetection: nil).locality == .off)
        var distribute = LocalityLoadBalancerSetting.Distribute()
        distribute.from = "*"
        distribute.to = ["us-east/*": 100]
        settings.localityLbSetting?.distribute = [distribute]
        #expect(LoadBalancerPolicy(settings: settings, outlierDetection: nil).locality == .distribute([distribute]))
        settings.localityLbSetting?.enabled = false
        #expect(LoadBalancerPolicy(settings: settings, outlierDetection: outlier).locality == .off)
    }

    @Test("Warmup applies to ROUND_ROBIN and LEAST_REQUEST only")
    func warmup() {
        var warmup = Warmup()
        warmup.duration = .seconds(60)
        warmup.minimumPercent = 20
        warmup.aggression = 2
        for (simple, applies) in [
            (LoadBalancerSettings.Simple.roundRobin, true), (.leastRequest, true), (.random, false),
            (.passthrough, false),
        ] {
            var settings = Self.settings(.simple(simple))
            settings.warmup = warmup
            let expected = applies ? SlowStart(duration: .seconds(60), minimumPercent: 20, aggression: 2) : nil
            #expect(LoadBalancerPolicy(settings: settings, outlierDetection: nil).slowStart == expected)
        }
    }
}

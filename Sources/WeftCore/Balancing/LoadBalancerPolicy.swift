/// Everything a `LoadBalancer` needs to know about how to balance: the algorithm, the consistent-hash key,
/// locality preference, warmup and the panic threshold. Built from Istio config by
/// `init(settings:outlierDetection:)`; `Hashable` so that the agent rebuilds a balancer only when its policy or
/// its endpoints change.
package struct LoadBalancerPolicy: Hashable, Sendable {
    package enum Algorithm: Hashable, Sendable {
        case roundRobin
        case leastRequest
        case random
        /// No choice: the connection goes to the original destination (Istio PASSTHROUGH, Envoy ORIGINAL_DST).
        case passthrough
        case ringHash(minimumRingSize: Int)
        case maglev(tableSize: Int)

        package var isConsistentHash: Bool {
            switch self {
            case .ringHash, .maglev: return true
            case .roundRobin, .leastRequest, .random, .passthrough: return false
            }
        }
    }

    /// How endpoint localities shape the choice.
    package enum LocalityMode: Hashable, Sendable {
        /// One priority level; locality is ignored.
        case off
        /// Priority levels by proximity or `failoverPriority` labels (`LocalityFailover`), spilling over by health
        /// (`PriorityLoad`).
        case failover(rules: [LocalityLoadBalancerSetting.Failover], failoverPriority: [String])
        /// Locality weights (`LocalityDistribute`): first a locality by weight, then an endpoint in it. Hash-based
        /// algorithms ignore the weights (as Envoy does by default) but still drop excluded endpoints.
        case distribute([LocalityLoadBalancerSetting.Distribute])
    }

    package var algorithm: Algorithm
    /// The request key for `ringHash` and `maglev`; without one every request hashes at random.
    package var hashKey: ConsistentHash.Key?
    package var locality: LocalityMode
    /// Warmup for ROUND_ROBIN and LEAST_REQUEST; nil when off.
    package var slowStart: SlowStart?
    /// Below this percentage of healthy endpoints, a priority level balances over all its endpoints.
    package var panicThresholdPercent: Int

    /// Envoy's default `healthy_panic_threshold`, in force when Istio has no `outlierDetection` to take
    /// `minHealthPercent` from.
    package static let envoyDefaultPanicThresholdPercent = 50

    package init(
        algorithm: Algorithm = .leastRequest,
        hashKey: ConsistentHash.Key? = nil,
        locality: LocalityMode = .off,
        slowStart: SlowStart? = nil,
        panicThresholdPercent: Int = LoadBalancerPolicy.envoyDefaultPanicThresholdPercent
    ) {
        self.algorithm = algorithm
        self.hashKey = hashKey
        self.locality = locality
        self.slowStart = slowStart
        self.panicThresholdPercent = panicThresholdPercent
    }
}

extension LoadBalancerPolicy {
    /// The policy Istio would program for a DestinationRule's `loadBalancer` and `outlierDetection` (the
    /// effective ones for the subset and port: merging subset and port-level settings is the caller's job).
    ///
    /// - Algorithm: nil, `UNSPECIFIED`, `LEAST_REQUEST` and the deprecated `LEAST_CONN` → LEAST_REQUEST (Istio's
    ///   default); `consistentHash` → ring hash or Maglev with its key.
    /// - Locality: `enabled: false` turns it off; `distribute` applies on its own; failover (proximity tiers,
    ///   `failover` rules, `failoverPriority`) applies only with `outlierDetection`, because without it nothing
    ///   ever marks endpoints unhealthy (istiod's rule). A nil `localityLbSetting` means the mesh default
    ///   (enabled, proximity failover).
    /// - Warmup: only for ROUND_ROBIN and LEAST_REQUEST, and only with a positive duration.
    /// - Panic threshold: `outlierDetection.minHealthPercent` (Istio's default 0); Envoy's 50 % without
    ///   outlier detection.
    package init(settings: LoadBalancerSettings?, outlierDetection: OutlierDetection?) {
        var algorithm = Algorithm.leastRequest
        var hashKey: ConsistentHash.Key?
        switch settings?.policy {
        case nil, .simple(.unspecified), .simple(.leastRequest), .simple(.leastConn): algorithm = .leastRequest
        case .simple(.roundRobin): algorithm = .roundRobin
        case .simple(.random): algorithm = .random
        case .simple(.passthrough): algorithm = .passthrough
        case .consistentHash(let consistentHash):
            hashKey = consistentHash.key
            switch consistentHash.algorithm {
            case .ringHash(let minimumRingSize): algorithm = .ringHash(minimumRingSize: minimumRingSize)
            case .maglev(let tableSize): algorithm = .maglev(tableSize: tableSize)
            }
        }

        var locality = LocalityMode.off
        let localitySetting = settings?.localityLbSetting ?? LocalityLoadBalancerSetting()
        if localitySetting.enabled != false {
            if !localitySetting.distribute.isEmpty {
                locality = .distribute(localitySetting.distribute)
            } else if outlierDetection != nil {
                locality = .failover(
                    rules: localitySetting.failover,
                    failoverPriority: localitySetting.failoverPriority
                )
            }
        }

        var slowStart: SlowStart?
        if let warmup = settings?.warmup, warmup.duration > .zero,
            algorithm == .roundRobin || algorithm == .leastRequest
        {
            slowStart = SlowStart(warmup)
        }

        self.init(
            algorithm: algorithm,
            hashKey: hashKey,
            locality: locality,
            slowStart: slowStart,
            panicThresholdPercent: outlierDetection?.minHealthPercent ?? Self.envoyDefaultPanicThresholdPercent
        )
    }
}

/// Istio `DestinationRule` (networking.istio.io), validated; see ../shared/reference/ztunnel.md §7.2.
package struct DestinationRule: Hashable, Sendable {
    package var metadata = ObjectMeta()
    package var host: String = ""
    package var trafficPolicy: TrafficPolicy?
    package var subsets: [Subset] = []
    package var exportTo: [String] = []
    package var workloadSelector: LabelSelector?

    package init() {}
}

package struct Subset: Hashable, Sendable {
    package var name: String = ""
    package var labels: [String: String] = [:]
    /// Overrides the rule's top-level policy field by field group (Istio merges at that level).
    package var trafficPolicy: TrafficPolicy?

    package init(name: String = "", labels: [String: String] = [:]) {
        self.name = name
        self.labels = labels
    }
}

package struct TrafficPolicy: Hashable, Sendable {
    package var loadBalancer: LoadBalancerSettings?
    package var connectionPool: ConnectionPoolSettings?
    package var outlierDetection: OutlierDetection?
    package var tls: ClientTLSSettings?
    package var portLevelSettings: [PortTrafficPolicy] = []
    package var retryBudget: RetryBudget?

    package init() {}
}

package struct PortTrafficPolicy: Hashable, Sendable {
    package var port: Int = 0
    package var loadBalancer: LoadBalancerSettings?
    package var connectionPool: ConnectionPoolSettings?
    package var outlierDetection: OutlierDetection?
    package var tls: ClientTLSSettings?

    package init() {}
}

package struct LoadBalancerSettings: Hashable, Sendable {
    package enum Simple: String, Hashable, Sendable, CaseIterable {
        /// Istio maps UNSPECIFIED to LEAST_REQUEST.
        case unspecified = "UNSPECIFIED"
        case leastRequest = "LEAST_REQUEST"
        /// Deprecated alias of LEAST_REQUEST.
        case leastConn = "LEAST_CONN"
        case roundRobin = "ROUND_ROBIN"
        case random = "RANDOM"
        case passthrough = "PASSTHROUGH"
    }

    package enum Policy: Hashable, Sendable {
        case simple(Simple)
        case consistentHash(ConsistentHash)
    }

    /// nil: Istio's default (LEAST_REQUEST).
    package var policy: Policy?
    package var localityLbSetting: LocalityLoadBalancerSetting?
    package var warmup: Warmup?

    package init() {}
}

package struct ConsistentHash: Hashable, Sendable {
    package enum Key: Hashable, Sendable {
        case httpHeaderName(String)
        case httpCookie(name: String, path: String?, ttl: Duration?)
        case useSourceIp
        case httpQueryParameterName(String)
    }

    package enum Algorithm: Hashable, Sendable {
        /// Envoy's ring hash; Istio's default minimum ring size is 1024.
        case ringHash(minimumRingSize: Int)
        /// Maglev; the table size must be prime, Envoy's default is 65537.
        case maglev(tableSize: Int)
    }

    package var key: Key = .useSourceIp
    package var algorithm: Algorithm = .ringHash(minimumRingSize: 1024)

    package init() {}
}

package struct LocalityLoadBalancerSetting: Hashable, Sendable {
    package struct Distribute: Hashable, Sendable {
        package var from: String = ""
        /// Locality → weight; weights are 1–100 and sum to 100.
        package var to: [String: Int] = [:]
        package init() {}
    }

    package struct Failover: Hashable, Sendable {
        package var from: String = ""
        package var to: String = ""
        package init() {}
    }

    package var distribute: [Distribute] = []
    package var failover: [Failover] = []
    package var failoverPriority: [String] = []
    /// nil: the mesh default (enabled).
    package var enabled: Bool?

    package init() {}
}

package struct Warmup: Hashable, Sendable {
    package var duration: Duration = .zero
    /// Istio's default is 10 %.
    package var minimumPercent: Double = 10
    /// Istio's default is 1.0 (linear).
    package var aggression: Double = 1.0

    package init() {}
}

package struct ConnectionPoolSettings: Hashable, Sendable {
    package struct TCP: Hashable, Sendable {
        /// Istio's default is 2^32−1 (effectively unlimited).
        package var maxConnections: Int = Int(UInt32.max)
        package var connectTimeout: Duration = .seconds(10)
        package var tcpKeepalive: TCPKeepalive?
        package var maxConnectionDuration: Duration?
        /// 1 h by default; zero turns the idle timeout off.
        package var idleTimeout: Duration = .seconds(3600)
        package init() {}
    }

    package struct TCPKeepalive: Hashable, Sendable {
        package var probes: Int?
        package var time: Duration?
        package var interval: Duration?
        package init() {}
    }

    package struct HTTP: Hashable, Sendable {
        package enum H2UpgradePolicy: String, Hashable, Sendable, CaseIterable {
            case `default` = "DEFAULT"
            case doNotUpgrade = "DO_NOT_UPGRADE"
            case upgrade = "UPGRADE"
        }

        package var http1MaxPendingRequests: Int = Int(UInt32.max)
        package var http2MaxRequests: Int = Int(UInt32.max)
        /// 0 = unlimited; 1 disables keep-alive.
        package var maxRequestsPerConnection: Int = 0
        package var maxRetries: Int = Int(UInt32.max)
        package var idleTimeout: Duration = .seconds(3600)
        package var h2UpgradePolicy: H2UpgradePolicy = .default
        package var useClientProtocol: Bool = false
        package var maxConcurrentStreams: Int = Int(Int32.max)
        package init() {}
    }

    package var tcp: TCP?
    package var http: HTTP?

    package init() {}
}

/// Istio's outlier detection; defaults from ztunnel.md §7.2 (`IS cluster_traffic_policy.go applyOutlierDetection`).
package struct OutlierDetection: Hashable, Sendable {
    package var splitExternalLocalOriginErrors: Bool = false
    package var consecutiveLocalOriginFailures: Int = 5
    /// 502/503/504 only; off (nil) by default.
    package var consecutiveGatewayErrors: Int?
    /// Default 5; 0 disables.
    package var consecutive5xxErrors: Int = 5
    package var interval: Duration = .seconds(10)
    package var baseEjectionTime: Duration = .seconds(30)
    package var maxEjectionPercent: Int = 10
    /// Istio's panic threshold; 0 % by default (Envoy's own default is 50 %).
    package var minHealthPercent: Int = 0

    package init() {}
}

package struct ClientTLSSettings: Hashable, Sendable {
    package enum Mode: String, Hashable, Sendable, CaseIterable {
        case disable = "DISABLE"
        case simple = "SIMPLE"
        case mutual = "MUTUAL"
        case istioMutual = "ISTIO_MUTUAL"
    }

    package var mode: Mode = .istioMutual

    package init() {}
}

/// Envoy retry budget (`trafficPolicy.retryBudget`).
package struct RetryBudget: Hashable, Sendable {
    /// Share of active requests that may be retries; default 20 %.
    package var percent: Double = 20
    package var minRetryConcurrency: Int = 3

    package init() {}
}

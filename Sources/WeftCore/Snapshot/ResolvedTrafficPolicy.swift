/// The traffic policy in force for one destination (service, port, subset), after Istio's merge of a
/// DestinationRule's top level, port-level settings, subset and the subset's port-level settings.
package struct ResolvedTrafficPolicy: Hashable, Sendable {
    /// Never nil: `LoadBalancerSettings()` (no policy) means Istio's default, LEAST_REQUEST.
    package var loadBalancer: LoadBalancerSettings
    package var connectionPool: ConnectionPoolSettings?
    package var outlierDetection: OutlierDetection?
    package var tls: ClientTLSSettings?
    package var retryBudget: RetryBudget?

    package init(
        loadBalancer: LoadBalancerSettings = LoadBalancerSettings(),
        connectionPool: ConnectionPoolSettings? = nil,
        outlierDetection: OutlierDetection? = nil,
        tls: ClientTLSSettings? = nil,
        retryBudget: RetryBudget? = nil
    ) {
        self.loadBalancer = loadBalancer
        self.connectionPool = connectionPool
        self.outlierDetection = outlierDetection
        self.tls = tls
        self.retryBudget = retryBudget
    }

    /// What applies when no DestinationRule does.
    package static let defaults = ResolvedTrafficPolicy()

    /// True when requests are balanced by a consistent hash (ring hash or Maglev); retries then do not avoid
    /// previously tried hosts (Istio's `DefaultConsistentHashPolicy`).
    package var usesConsistentHash: Bool {
        if case .consistentHash = self.loadBalancer.policy { return true }
        return false
    }

    /// Istio's `MergeTrafficPolicy` for one port: start from the DestinationRule's top level with its matching
    /// `portLevelSettings` applied, then let the subset's policy replace whole field groups (load balancer,
    /// connection pool, outlier detection, TLS) that it sets, then apply the subset's matching port-level
    /// settings. A matching port-level entry replaces all four groups, including with "unset": per Istio's docs
    /// port-level policies do not inherit.
    package init(rule: TrafficPolicy?, subset: TrafficPolicy?, port: Int) {
        var merged = Self.applyingPortLevel(of: rule, port: port, to: Self.groups(of: rule))
        if let subset {
            if let loadBalancer = subset.loadBalancer { merged.loadBalancer = loadBalancer }
            if let connectionPool = subset.connectionPool { merged.connectionPool = connectionPool }
            if let outlierDetection = subset.outlierDetection { merged.outlierDetection = outlierDetection }
            if let tls = subset.tls { merged.tls = tls }
            if let retryBudget = subset.retryBudget { merged.retryBudget = retryBudget }
            merged = Self.applyingPortLevel(of: subset, port: port, to: merged)
        }
        self.init(
            loadBalancer: merged.loadBalancer ?? LoadBalancerSettings(),
            connectionPool: merged.connectionPool,
            outlierDetection: merged.outlierDetection,
            tls: merged.tls,
            retryBudget: merged.retryBudget
        )
    }

    private struct Groups {
        var loadBalancer: LoadBalancerSettings?
        var connectionPool: ConnectionPoolSettings?
        var outlierDetection: OutlierDetection?
        var tls: ClientTLSSettings?
        var retryBudget: RetryBudget?
    }

    private static func groups(of policy: TrafficPolicy?) -> Groups {
        Groups(
            loadBalancer: policy?.loadBalancer,
            connectionPool: policy?.connectionPool,
            outlierDetection: policy?.outlierDetection,
            tls: policy?.tls,
            retryBudget: policy?.retryBudget
        )
    }

    private static func applyingPortLevel(of policy: TrafficPolicy?, port: Int, to groups: Groups) -> Groups {
        guard let settings = policy?.portLevelSettings.first(where: { $0.port == port }) else { return groups }
        var result = groups
        result.loadBalancer = settings.loadBalancer
        result.connectionPool = settings.connectionPool
        result.outlierDetection = settings.outlierDetection
        result.tls = settings.tls
        return result
    }
}

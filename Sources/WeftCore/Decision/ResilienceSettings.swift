/// The resilience settings in force for one routed connection or request (architecture §6 step 5): what the route
/// says (timeout, retries, fault, mirrors) and what the destination's traffic policy says (connection-pool limits
/// as circuit breakers, outlier detection, retry budget, connect timeout).
package struct ResilienceSettings: Hashable, Sendable {
    /// Whole-request timeout; nil: none (Istio's default). Always nil for TCP.
    package var timeout: Duration?
    /// Retries: the route's, Istio's default when the route sets none, `disabled` for TCP and local answers.
    package var retry: RetryPlan
    /// The route's fault injection and which parts fire for this request; nil when none is configured.
    package var fault: FaultDecision?
    /// Mirrors that fire for this request.
    package var mirrors: [MirrorDecision]
    /// `connectionPool.tcp.connectTimeout` (Istio's default 10 s).
    package var connectTimeout: Duration
    /// `connectionPool` limits, with Istio's defaults (in effect unlimited) where unset.
    package var limits: ConnectionPoolLimits
    /// The outlier detector's settings; nil when the traffic policy has no `outlierDetection` (then nothing is
    /// ever ejected, as in Istio).
    package var outlierDetection: OutlierDetector.Settings?
    /// `minHealthPercent` when outlier detection is on: below it the balancer panics.
    package var minHealthPercent: Int?
    package var retryBudget: RetryBudget?

    package init(
        timeout: Duration?,
        retry: RetryPlan,
        fault: FaultDecision?,
        mirrors: [MirrorDecision],
        policy: ResolvedTrafficPolicy
    ) {
        self.timeout = timeout
        self.retry = retry
        self.fault = fault
        self.mirrors = mirrors
        self.connectTimeout = policy.connectionPool?.tcp?.connectTimeout ?? ConnectionPoolSettings.TCP().connectTimeout
        self.limits = ConnectionPoolLimits(settings: policy.connectionPool)
        self.outlierDetection = policy.outlierDetection.map { OutlierDetector.Settings($0) }
        self.minHealthPercent = policy.outlierDetection?.minHealthPercent
        self.retryBudget = policy.retryBudget
    }

    /// A TCP connection: no request-level settings, the target's policy.
    package init(tcp policy: ResolvedTrafficPolicy) {
        self.init(timeout: nil, retry: .disabled, fault: nil, mirrors: [], policy: policy)
    }

    /// Traffic no DestinationRule applies to (a workload address, a passthrough): Istio's defaults.
    package static let defaults = ResilienceSettings(tcp: .defaults)

    /// Whether the fault injection aborts this request, and with what.
    package var firedAbort: HTTPFaultInjection.Abort.Kind? { self.fault?.abort }
}

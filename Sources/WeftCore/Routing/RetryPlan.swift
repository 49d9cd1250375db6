/// The retry policy in force for a route, as Istio programs Envoy (`retry.ConvertPolicy`,
/// ztunnel.md §7.1).
package struct RetryPlan: Hashable, Sendable {
    /// Retries after the first try; 0 means none.
    package var attempts: Int
    /// Limit of each try; nil: the route timeout bounds the tries together.
    package var perTryTimeout: Duration?
    /// Named `retryOn` conditions (never `.statusCode`).
    package var conditions: [RetryCondition]
    /// Status codes retried under `retriable-status-codes`.
    package var retriableStatusCodes: [Int]
    /// Exponential backoff starts here; Envoy's default is 25 ms.
    package var backoffBase: Duration
    /// Envoy caps the backoff at 10 × the base.
    package var backoffMax: Duration
    /// Prefer hosts not tried yet (a preference: with no other healthy host, retry the same one).
    package var avoidPreviousHosts: Bool
    /// How often host selection is retried to find an untried host (Istio sets 5).
    package var hostSelectionMaxAttempts: Int
    /// Retry in other localities' priority levels (`retryRemoteLocalities`).
    package var retryRemoteLocalities: Bool

    /// Istio's `retryOn` when a route sets none.
    package static let istioDefaultConditions: [RetryCondition] = [
        .connectFailure, .refusedStream, .grpcUnavailable, .grpcCancelled, .retriableStatusCodes,
    ]
    /// Istio's retriable status codes by default (503; `EXCLUDE_UNSAFE_503_FROM_DEFAULT_RETRY` aside).
    package static let istioDefaultStatusCodes = [503]

    /// No retries (`attempts: 0`, or a route that does not forward).
    package static let disabled = RetryPlan(
        attempts: 0,
        perTryTimeout: nil,
        conditions: [],
        retriableStatusCodes: [],
        backoffBase: .milliseconds(25),
        backoffMax: .milliseconds(250),
        avoidPreviousHosts: false,
        hostSelectionMaxAttempts: 0,
        retryRemoteLocalities: false
    )

    package init(
        attempts: Int,
        perTryTimeout: Duration?,
        conditions: [RetryCondition],
        retriableStatusCodes: [Int],
        backoffBase: Duration,
        backoffMax: Duration,
        avoidPreviousHosts: Bool,
        hostSelectionMaxAttempts: Int,
        retryRemoteLocalities: Bool
    ) {
        self.attempts = attempts
        self.perTryTimeout = perTryTimeout
        self.conditions = conditions
        self.retriableStatusCodes = retriableStatusCodes
        self.backoffBase = backoffBase
        self.backoffMax = backoffMax
        self.avoidPreviousHosts = avoidPreviousHosts
        self.hostSelectionMaxAttempts = hostSelectionMaxAttempts
        self.retryRemoteLocalities = retryRemoteLocalities
    }

    /// The plan for a route's `retries` (nil: not set, so Istio's default applies).
    ///
    /// - Unset: 2 attempts on connect-failure, refused-stream, unavailable, cancelled and 503, avoiding previous
    ///   hosts unless the destination balances by consistent hash.
    /// - `attempts: 0`: no retries.
    /// - Otherwise Istio's default overridden field by field: `retryOn` (status codes in it become retriable
    ///   status codes, and `retriable-status-codes` is added), `perTryTimeout`, `backoff`.
    package init(_ retry: HTTPRetry?, routeTimeout: Duration?, consistentHash: Bool) {
        guard let retry else {
            self.init(
                attempts: 2,
                perTryTimeout: routeTimeout,
                conditions: Self.istioDefaultConditions,
                retriableStatusCodes: Self.istioDefaultStatusCodes,
                backoffBase: .milliseconds(25),
                backoffMax: .milliseconds(250),
                avoidPreviousHosts: !consistentHash,
                hostSelectionMaxAttempts: 5,
                retryRemoteLocalities: false
            )
            return
        }
        guard retry.attempts > 0 else {
            self = .disabled
            return
        }
        var conditions = Self.istioDefaultConditions
        var codes = Self.istioDefaultStatusCodes
        if !retry.retryOn.isEmpty {
            conditions = []
            codes = []
            for condition in retry.retryOn {
                if case .statusCode(let code) = condition {
                    codes.append(code)
                } else if !conditions.contains(condition) {
                    conditions.append(condition)
                }
            }
            if !codes.isEmpty && !conditions.contains(.retriableStatusCodes) {
                conditions.append(.retriableStatusCodes)
            }
        }
        self.init(
            attempts: retry.attempts,
            perTryTimeout: retry.perTryTimeout ?? routeTimeout,
            conditions: conditions,
            retriableStatusCodes: codes,
            backoffBase: retry.backoff,
            backoffMax: retry.backoff * 10,
            avoidPreviousHosts: retry.retryIgnorePreviousHosts && !consistentHash,
            hostSelectionMaxAttempts: 5,
            retryRemoteLocalities: retry.retryRemoteLocalities
        )
    }

    /// Whether a response with this status may be retried (Envoy's router: `5xx` any 5xx, `gateway-error`
    /// 502/503/504, `retriable-4xx` 409, `retriable-status-codes` the listed codes).
    package func retries(status: Int) -> Bool {
        guard self.attempts > 0 else { return false }
        for condition in self.conditions {
            switch condition {
            case .fiveXX where (500...599).contains(status): return true
            case .gatewayError where [502, 503, 504].contains(status): return true
            case .retriable4xx where status == 409: return true
            case .retriableStatusCodes where self.retriableStatusCodes.contains(status): return true
            default: continue
            }
        }
        return false
    }
}

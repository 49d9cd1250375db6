/// Connection-pool limits as circuit breakers (Istio `connectionPool`, Envoy's cluster circuit breakers): counters
/// of what is open or in flight toward one destination, and an admit/reject answer before each new one.
///
/// A value type: the owner increments through `open…`/`start…`/`enqueue…` (which refuse past the limit and then
/// change nothing) and decrements through the matching `close…`/`finish…`/`dequeue…`. Envoy counts these per
/// cluster and per worker thread's view of shared counters; Weft's owner decides the scope (one per destination,
/// shared under a lock, or one per event loop with limits divided).
///
/// ```swift
/// var breaker = CircuitBreaker(limits: ConnectionPoolLimits(settings: policy.connectionPool))
/// guard case .admit = breaker.startRequest() else { return respond(503, responseFlag: "UO") }
/// defer { breaker.finishRequest() }
/// ```
package struct CircuitBreaker: Hashable, Sendable {
    package var limits: ConnectionPoolLimits
    package private(set) var connections = 0
    package private(set) var pendingRequests = 0
    package private(set) var activeRequests = 0
    package private(set) var activeRetries = 0

    package init(limits: ConnectionPoolLimits) {
        self.limits = limits
    }

    /// Why a new connection, request or retry was refused.
    package enum Overflow: Hashable, Sendable, CustomStringConvertible {
        case maxConnections(Int)
        case maxPendingRequests(Int)
        case maxRequests(Int)
        case maxRetries(Int)
        /// The retry budget allowed this many concurrent retries.
        case retryBudget(Int)

        /// Envoy's response flag: `UO`, upstream overflow (circuit breaking). A refused retry is not a failure of
        /// its own: the request ends with the response that triggered the retry, so it carries no flag.
        package var responseFlag: String? {
            switch self {
            case .maxConnections, .maxPendingRequests, .maxRequests: return "UO"
            case .maxRetries, .retryBudget: return nil
            }
        }

        package var description: String {
            switch self {
            case .maxConnections(let limit): return "circuit breaker: \(limit) connections open (tcp.maxConnections)"
            case .maxPendingRequests(let limit):
                return "circuit breaker: \(limit) requests pending (http.http1MaxPendingRequests)"
            case .maxRequests(let limit): return "circuit breaker: \(limit) requests active (http.http2MaxRequests)"
            case .maxRetries(let limit): return "circuit breaker: \(limit) retries active (http.maxRetries)"
            case .retryBudget(let limit): return "retry budget: \(limit) retries active"
            }
        }
    }

    /// The answer to "may I open one more?".
    package enum Admission: Hashable, Sendable {
        case admit
        case reject(Overflow)

        package var isAdmitted: Bool { self == .admit }
    }

    // MARK: - Connections

    /// A new upstream connection. Over the limit, an HTTP request waits for a connection instead (pending) and a
    /// TCP connection is refused with `UO`.
    package mutating func openConnection() -> Admission {
        guard self.connections < self.limits.maxConnections else {
            return .reject(.maxConnections(self.limits.maxConnections))
        }
        self.connections += 1
        return .admit
    }

    package mutating func closeConnection() {
        self.connections = max(0, self.connections - 1)
    }

    /// Whether a connection that has served `requestsServed` requests must not take another
    /// (`maxRequestsPerConnection`; 0 means unlimited, 1 disables keep-alive).
    package func shouldRetire(requestsServed: Int) -> Bool {
        self.limits.maxRequestsPerConnection > 0 && requestsServed >= self.limits.maxRequestsPerConnection
    }

    // MARK: - Requests

    /// A request waiting for a connection.
    package mutating func enqueuePending() -> Admission {
        guard self.pendingRequests < self.limits.maxPendingRequests else {
            return .reject(.maxPendingRequests(self.limits.maxPendingRequests))
        }
        self.pendingRequests += 1
        return .admit
    }

    package mutating func dequeuePending() {
        self.pendingRequests = max(0, self.pendingRequests - 1)
    }

    /// A request in flight (any HTTP version: Envoy's `max_requests`, which Istio names `http2MaxRequests`).
    package mutating func startRequest() -> Admission {
        guard self.activeRequests < self.limits.maxRequests else {
            return .reject(.maxRequests(self.limits.maxRequests))
        }
        self.activeRequests += 1
        return .admit
    }

    package mutating func finishRequest() {
        self.activeRequests = max(0, self.activeRequests - 1)
    }

    // MARK: - Retries

    /// A retry about to be sent. With a retry budget, the budget replaces `maxRetries` (as in Envoy): at most
    /// `max(minRetryConcurrency, percent × (active + pending requests))` retries at once.
    package mutating func startRetry(budget: RetryBudget? = nil) -> Admission {
        if let budget {
            let limit = budget.maxConcurrentRetries(
                activeRequests: self.activeRequests,
                pendingRequests: self.pendingRequests
            )
            guard self.activeRetries < limit else { return .reject(.retryBudget(limit)) }
        } else {
            guard self.activeRetries < self.limits.maxRetries else {
                return .reject(.maxRetries(self.limits.maxRetries))
            }
        }
        self.activeRetries += 1
        return .admit
    }

    package mutating func finishRetry() {
        self.activeRetries = max(0, self.activeRetries - 1)
    }
}

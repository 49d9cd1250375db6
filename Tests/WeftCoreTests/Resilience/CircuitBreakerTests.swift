import PropertyBased
import Testing
import WeftCore

@Suite("Circuit breakers (connection-pool limits)")
struct CircuitBreakerTests {
    @Test("Each limit admits exactly its value, then rejects with UO")
    func admitsExactlyTheLimit() async {
        await propertyCheck(input: Gen.int(in: 0...60), Gen.int(in: 0...10)) { limit, extra in
            var breaker = CircuitBreaker(
                limits: ConnectionPoolLimits(maxConnections: limit, maxPendingRequests: limit, maxRequests: limit)
            )
            let connections = (0..<(limit + extra)).map { _ in breaker.openConnection() }
            let pending = (0..<(limit + extra)).map { _ in breaker.enqueuePending() }
            let requests = (0..<(limit + extra)).map { _ in breaker.startRequest() }
            #expect(connections.count(where: \.isAdmitted) == limit)
            #expect(pending.count(where: \.isAdmitted) == limit)
            #expect(requests.count(where: \.isAdmitted) == limit)
            // Admissions come first; every rejection after them names the limit.
            #expect(connections.dropFirst(limit).allSatisfy { $0 == .reject(.maxConnections(limit)) })
            #expect(pending.dropFirst(limit).allSatisfy { $0 == .reject(.maxPendingRequests(limit)) })
            #expect(requests.dropFirst(limit).allSatisfy { $0 == .reject(.maxRequests(limit)) })
            #expect(breaker.connections == limit)
            #expect(breaker.pendingRequests == limit)
            #expect(breaker.activeRequests == limit)
        }
    }

    @Test("Finishing frees a place")
    func release() {
        var breaker = CircuitBreaker(limits: ConnectionPoolLimits(maxRequests: 1))
        #expect(breaker.startRequest() == .admit)
        #expect(breaker.startRequest() == .reject(.maxRequests(1)))
        breaker.finishRequest()
        #expect(breaker.startRequest() == .admit)
        // Extra finishes never go below zero.
        breaker.finishRequest()
        breaker.finishRequest()
        #expect(breaker.activeRequests == 0)
        breaker.closeConnection()
        breaker.dequeuePending()
        breaker.finishRetry()
        #expect(breaker.connections == 0 && breaker.pendingRequests == 0 && breaker.activeRetries == 0)
    }

    @Test(
        "Overflow reasons carry Envoy's UO flag, except refused retries",
        arguments: [
            (CircuitBreaker.Overflow.maxConnections(1), "UO" as String?),
            (.maxPendingRequests(1), "UO"), (.maxRequests(1), "UO"), (.maxRetries(1), nil), (.retryBudget(3), nil),
        ]
    )
    func responseFlags(overflow: CircuitBreaker.Overflow, flag: String?) {
        #expect(overflow.responseFlag == flag)
    }

    @Test("Overflow reasons name the setting")
    func descriptions() {
        #expect(
            CircuitBreaker.Overflow.maxPendingRequests(5).description
                == "circuit breaker: 5 requests pending (http.http1MaxPendingRequests)"
        )
        #expect(CircuitBreaker.Overflow.retryBudget(3).description == "retry budget: 3 retries active")
    }

    @Test("maxRetries limits concurrent retries; a retry budget replaces it")
    func retries() {
        var breaker = CircuitBreaker(limits: ConnectionPoolLimits(maxRetries: 1))
        #expect(breaker.startRetry() == .admit)
        #expect(breaker.startRetry() == .reject(.maxRetries(1)))
        // The budget's floor (minRetryConcurrency 3) allows more than maxRetries here.
        #expect(breaker.startRetry(budget: RetryBudget()) == .admit)
        #expect(breaker.startRetry(budget: RetryBudget()) == .admit)
        #expect(breaker.startRetry(budget: RetryBudget()) == .reject(.retryBudget(3)))
    }

    @Test(
        "maxRequestsPerConnection retires connections (0 = never)",
        arguments: [(0, 1_000_000, false), (1, 1, true), (1, 0, false), (100, 99, false), (100, 100, true)]
    )
    func retire(limit: Int, served: Int, retire: Bool) {
        let breaker = CircuitBreaker(limits: ConnectionPoolLimits(maxRequestsPerConnection: limit))
        #expect(breaker.shouldRetire(requestsServed: served) == retire)
    }

    @Test("Limits come from connectionPool with Istio's defaults for what is unset")
    func limitsFromSettings() {
        #expect(ConnectionPoolLimits(settings: nil) == ConnectionPoolLimits())
        #expect(ConnectionPoolLimits().maxConnections == 4_294_967_295)
        var settings = ConnectionPoolSettings()
        var tcp = ConnectionPoolSettings.TCP()
        tcp.maxConnections = 100
        var http = ConnectionPoolSettings.HTTP()
        http.http1MaxPendingRequests = 10
        http.http2MaxRequests = 1000
        http.maxRequestsPerConnection = 1
        http.maxRetries = 3
        settings.tcp = tcp
        settings.http = http
        #expect(
            ConnectionPoolLimits(settings: settings)
                == ConnectionPoolLimits(
                    maxConnections: 100,
                    maxPendingRequests: 10,
                    maxRequests: 1000,
                    maxRequestsPerConnection: 1,
                    maxRetries: 3
                )
        )
    }
}

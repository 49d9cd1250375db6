/// The limits a `CircuitBreaker` enforces, from Istio's `connectionPool` with its defaults.
package struct ConnectionPoolLimits: Hashable, Sendable {
    /// `tcp.maxConnections`.
    package var maxConnections: Int
    /// `http.http1MaxPendingRequests`.
    package var maxPendingRequests: Int
    /// `http.http2MaxRequests` (Envoy's `max_requests`, every protocol).
    package var maxRequests: Int
    /// `http.maxRequestsPerConnection`; 0 = unlimited.
    package var maxRequestsPerConnection: Int
    /// `http.maxRetries`: concurrent retries.
    package var maxRetries: Int

    /// Istio's default for every limit: 2^32 − 1, in effect unlimited.
    package static let unlimited = Int(UInt32.max)

    package init(
        maxConnections: Int = ConnectionPoolLimits.unlimited,
        maxPendingRequests: Int = ConnectionPoolLimits.unlimited,
        maxRequests: Int = ConnectionPoolLimits.unlimited,
        maxRequestsPerConnection: Int = 0,
        maxRetries: Int = ConnectionPoolLimits.unlimited
    ) {
        self.maxConnections = maxConnections
        self.maxPendingRequests = maxPendingRequests
        self.maxRequests = maxRequests
        self.maxRequestsPerConnection = maxRequestsPerConnection
        self.maxRetries = maxRetries
    }

    /// The limits of a DestinationRule's effective `connectionPool`; a missing `tcp` or `http` part keeps Istio's
    /// defaults.
    package init(settings: ConnectionPoolSettings?) {
        let tcp = settings?.tcp ?? ConnectionPoolSettings.TCP()
        let http = settings?.http ?? ConnectionPoolSettings.HTTP()
        self.init(
            maxConnections: tcp.maxConnections,
            maxPendingRequests: http.http1MaxPendingRequests,
            maxRequests: http.http2MaxRequests,
            maxRequestsPerConnection: http.maxRequestsPerConnection,
            maxRetries: http.maxRetries
        )
    }
}

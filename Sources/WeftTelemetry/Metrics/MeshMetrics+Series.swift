import Prometheus

/// Bytes one proxied connection carried, by direction (never by "sent"/"received", whose meaning flips with the
/// reporter, see ``ConnectionAccessRecord``).
package struct ConnectionBytes: Hashable, Sendable {
    /// From the client towards the server: Istio's `istio_tcp_received_bytes_total`.
    package var clientToServer: UInt64
    /// From the server back to the client: Istio's `istio_tcp_sent_bytes_total`.
    package var serverToClient: UInt64

    package init(clientToServer: UInt64, serverToClient: UInt64) {
        self.clientToServer = clientToServer
        self.serverToClient = serverToClient
    }

    package static let zero = ConnectionBytes(clientToServer: 0, serverToClient: 0)
}

/// The live series of one open connection, fetched once when it opened (ztunnel's `ConnectionResult`).
///
/// Bytes may be added as they flow (`add(_:)` is an atomic add), so long connections show up in `/metrics` before
/// they close. Call ``closed(responseFlags:)`` exactly once.
package struct ConnectionSeries: Sendable {
    /// The labels the connection opened with.
    package let labels: TrafficLabels
    private let receivedBytes: Prometheus.Counter
    private let sentBytes: Prometheus.Counter
    private let metrics: MeshMetrics

    init(labels: TrafficLabels, receivedBytes: Prometheus.Counter, sentBytes: Prometheus.Counter, metrics: MeshMetrics)
    {
        self.labels = labels
        self.receivedBytes = receivedBytes
        self.sentBytes = sentBytes
        self.metrics = metrics
    }

    /// Adds bytes carried since the last call.
    package func add(_ bytes: ConnectionBytes) {
        if bytes.clientToServer > 0 { self.receivedBytes.increment(by: MeshMetrics.clamped(bytes.clientToServer)) }
        if bytes.serverToClient > 0 { self.sentBytes.increment(by: MeshMetrics.clamped(bytes.serverToClient)) }
    }

    /// Counts the close. A flag given here labels only the close counter (ztunnel's `record_with_flag`): the
    /// opened and byte series keep the labels the connection had while it was open.
    package func closed(responseFlags: ResponseFlags? = nil) {
        var labels = self.labels
        if let responseFlags { labels.responseFlags = responseFlags }
        self.metrics.counter(IstioMetrics.tcpConnectionsClosed, labels.labelPairs).increment()
    }
}

/// The series of one request label set: `istio_requests_total` and the three request histograms.
package struct RequestSeries: Sendable {
    private let requests: Prometheus.Counter
    private let duration: ValueHistogram
    private let requestBytes: ValueHistogram
    private let responseBytes: ValueHistogram

    init(
        requests: Prometheus.Counter,
        duration: ValueHistogram,
        requestBytes: ValueHistogram,
        responseBytes: ValueHistogram
    ) {
        self.requests = requests
        self.duration = duration
        self.requestBytes = requestBytes
        self.responseBytes = responseBytes
    }

    /// Counts one request; the duration is recorded in whole milliseconds, as Envoy does.
    package func record(duration: Duration, requestBytes: UInt64, responseBytes: UInt64) {
        self.requests.increment()
        self.duration.record(Double(duration.wholeMilliseconds))
        self.requestBytes.record(Double(requestBytes))
        self.responseBytes.record(Double(responseBytes))
    }
}

import CoreMetrics
import Prometheus

/// Records the mesh's traffic into Istio's standard metric families and renders them for `/metrics`.
///
/// **Owns** one `PrometheusCollectorRegistry`, passed in or created here. It deliberately does not go through
/// swift-metrics' global `MetricsSystem.bootstrap`:
/// - the global system is set once per process (a second bootstrap traps), so two agents hosted in one test
///   process would share every counter and no test could assert one agent's numbers;
/// - a metric created before the bootstrap silently records into a no-op handler;
/// - the Istio families need exact names, HELP texts, label order and per-family histogram buckets, which the
///   registry's own API expresses directly.
/// Code that prefers swift-metrics' API (`Counter(label:dimensions:factory:)`) passes ``metricsFactory``: its
/// metrics land in the same registry, still with no global state. Only the executable's composition root may
/// additionally bootstrap the global system with that factory, for third-party libraries.
///
/// **Hot paths** keep the handle returned by ``connectionOpened(_:)`` or ``requestSeries(_:)``: a handle
/// increments atomics, while each `record…` call on `MeshMetrics` looks the series up under the registry's lock.
package final class MeshMetrics: Sendable {
    /// The registry behind `/metrics`; exposed so the admin server and tests can share it.
    package let registry: PrometheusCollectorRegistry

    /// Registers the `istio_build` gauge (`component`, `tag`) with value 1.
    package init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), build: BuildInfo) {
        self.registry = registry
        let labels = [(IstioLabelNames.component, build.component), (IstioLabelNames.tag, build.tag)]
        registry.makeGauge(descriptor: Self.descriptor(IstioMetrics.build), labels: labels).set(Int64(1))
    }

    /// A swift-metrics factory writing into ``registry`` (for `Counter(label:dimensions:factory:)` and friends).
    package var metricsFactory: any MetricsFactory { PrometheusMetricsFactory(registry: self.registry) }

    // MARK: - L4

    /// Counts an opened connection and returns the handle that records its bytes and its close.
    package func connectionOpened(_ labels: TrafficLabels) -> ConnectionSeries {
        let pairs = labels.labelPairs
        self.counter(IstioMetrics.tcpConnectionsOpened, pairs).increment()
        return ConnectionSeries(
            labels: labels,
            receivedBytes: self.counter(IstioMetrics.tcpReceivedBytes, pairs),
            sentBytes: self.counter(IstioMetrics.tcpSentBytes, pairs),
            metrics: self
        )
    }

    /// Counts a closed connection with all its bytes, for callers that kept no ``ConnectionSeries``.
    package func connectionClosed(_ labels: TrafficLabels, bytes: ConnectionBytes) {
        let pairs = labels.labelPairs
        self.counter(IstioMetrics.tcpReceivedBytes, pairs).increment(by: Self.clamped(bytes.clientToServer))
        self.counter(IstioMetrics.tcpSentBytes, pairs).increment(by: Self.clamped(bytes.serverToClient))
        self.counter(IstioMetrics.tcpConnectionsClosed, pairs).increment()
    }

    /// Counts a connection that failed before carrying bytes (its labels' `response_flags` say why).
    package func connectionFailed(_ labels: TrafficLabels) {
        self.counter(IstioMetrics.tcpConnectionsFailed, labels.labelPairs).increment()
    }

    // MARK: - L7

    /// The four request series for one label set (which includes the response code).
    package func requestSeries(_ labels: TrafficLabels) -> RequestSeries {
        assert(labels.isRequest, "request metrics need request_protocol http or grpc")
        let pairs = labels.labelPairs
        return RequestSeries(
            requests: self.counter(IstioMetrics.requests, pairs),
            duration: self.histogram(IstioMetrics.requestDuration, pairs),
            requestBytes: self.histogram(IstioMetrics.requestBytes, pairs),
            responseBytes: self.histogram(IstioMetrics.responseBytes, pairs)
        )
    }

    /// Counts a completed request and records its duration and wire sizes.
    package func requestCompleted(
        _ labels: TrafficLabels,
        duration: Duration,
        requestBytes: UInt64,
        responseBytes: UInt64
    ) {
        self.requestSeries(labels).record(duration: duration, requestBytes: requestBytes, responseBytes: responseBytes)
    }

    // MARK: - DNS

    /// Counts a query the DNS proxy received.
    package func dnsRequest(_ labels: DNSLabels) {
        self.counter(IstioMetrics.dnsRequests, labels.labelPairs).increment()
    }

    /// Counts a query forwarded upstream and records how long the upstream took.
    package func dnsForwarded(_ labels: DNSLabels, duration: Duration) {
        let pairs = labels.labelPairs
        self.counter(IstioMetrics.dnsUpstreamRequests, pairs).increment()
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        self.histogram(IstioMetrics.dnsUpstreamRequestDuration, pairs).record(max(0, seconds))
    }

    /// Counts a forwarded query the upstream did not answer.
    package func dnsUpstreamFailure(_ labels: DNSLabels) {
        self.counter(IstioMetrics.dnsUpstreamFailures, labels.labelPairs).increment()
    }

    // MARK: - Exposition

    /// The Prometheus text exposition (format 0.0.4) for `GET /metrics`, families in name order.
    package func exposition() -> String {
        PrometheusExposition.stablyOrdered(self.registry.emitToString())
    }

    // MARK: - Registry access

    func counter(_ family: IstioMetricFamily, _ labels: [(String, String)]) -> Prometheus.Counter {
        self.registry.makeCounter(descriptor: Self.descriptor(family), labels: labels)
    }

    private func histogram(_ family: IstioMetricFamily, _ labels: [(String, String)]) -> ValueHistogram {
        guard case .histogram(let buckets) = family.kind else {
            preconditionFailure("\(family.name) is not a histogram")
        }
        return self.registry.makeValueHistogram(descriptor: Self.descriptor(family), labels: labels, buckets: buckets)
    }

    /// The full name goes in `metricName` with an empty unit, so the registry uses it verbatim.
    private static func descriptor(_ family: IstioMetricFamily) -> MetricNameDescriptor {
        MetricNameDescriptor(metricName: family.name, unitName: "", helpText: family.help)
    }

    /// Prometheus counters are signed; a byte count beyond `Int64.max` is not a real case but must not trap.
    static func clamped(_ value: UInt64) -> Int64 { Int64(clamping: value) }
}

/// `istio_build`'s labels: which component this is and its version.
package struct BuildInfo: Hashable, Sendable {
    /// `component`: ztunnel writes `ztunnel`, Envoy `proxy`; Weft writes what the agent passes (`weft`).
    package var component: String
    /// `tag`: the version string.
    package var tag: String

    package init(component: String, tag: String) {
        self.component = component
        self.tag = tag
    }
}

/// Every metric family Weft exports, with the names, types, HELP texts and label names Istio uses (style G18).
///
/// Names are the Prometheus names that ztunnel (L4, `ztunnel.md` §6.1) and Envoy's `istio_stats` filter (L7, §6.2)
/// export, so Istio dashboards, Kiali and alert rules work on Weft's `/metrics` unchanged. Nothing else in Weft
/// spells a metric or label name: recording code goes through ``MeshMetrics`` and ``TrafficLabels``.
package enum IstioMetrics {
    // MARK: - L4 (ztunnel `src/proxy/metrics.rs`)

    package static let tcpConnectionsOpened = IstioMetricFamily(
        name: "istio_tcp_connections_opened_total",
        kind: .counter,
        help: "The total number of TCP connections opened"
    )
    package static let tcpConnectionsClosed = IstioMetricFamily(
        name: "istio_tcp_connections_closed_total",
        kind: .counter,
        help: "The total number of TCP connections closed"
    )
    /// Bytes in the request direction (client to server), whichever side reports (`ztunnel.md` §6.1).
    package static let tcpReceivedBytes = IstioMetricFamily(
        name: "istio_tcp_received_bytes_total",
        kind: .counter,
        help: "The size of total bytes received during request in case of a TCP connection"
    )
    /// Bytes in the response direction (server to client), whichever side reports.
    package static let tcpSentBytes = IstioMetricFamily(
        name: "istio_tcp_sent_bytes_total",
        kind: .counter,
        help: "The size of total bytes sent during response in case of a TCP connection"
    )
    /// Connections that never carried bytes (connect, TLS or policy failure); unstable in ztunnel too.
    package static let tcpConnectionsFailed = IstioMetricFamily(
        name: "istio_tcp_connections_failed_total",
        kind: .counter,
        help: "The total number of TCP connections that failed to establish (unstable)"
    )

    // MARK: - L7 (Envoy `istio_stats.cc`)

    package static let requests = IstioMetricFamily(
        name: "istio_requests_total",
        kind: .counter,
        help: "The total number of requests handled by the proxy"
    )
    /// Whole milliseconds from the first request byte to the last response byte, as Envoy's `requestComplete()`.
    package static let requestDuration = IstioMetricFamily(
        name: "istio_request_duration_milliseconds",
        kind: .histogram(buckets: IstioMetrics.defaultBuckets),
        help: "The duration of requests in milliseconds"
    )
    /// Wire bytes received from the downstream per request (headers and body).
    package static let requestBytes = IstioMetricFamily(
        name: "istio_request_bytes",
        kind: .histogram(buckets: IstioMetrics.defaultBuckets),
        help: "The size of requests in bytes"
    )
    /// Wire bytes sent to the downstream per request (headers and body).
    package static let responseBytes = IstioMetricFamily(
        name: "istio_response_bytes",
        kind: .histogram(buckets: IstioMetrics.defaultBuckets),
        help: "The size of responses in bytes"
    )

    // MARK: - DNS proxy (ztunnel `src/dns/metrics.rs`)

    package static let dnsRequests = IstioMetricFamily(
        name: "istio_dns_requests_total",
        kind: .counter,
        help: "Total number of DNS requests (unstable)"
    )
    package static let dnsUpstreamRequests = IstioMetricFamily(
        name: "istio_dns_upstream_requests_total",
        kind: .counter,
        help: "Total number of DNS requests forwarded to upstream (unstable)"
    )
    package static let dnsUpstreamFailures = IstioMetricFamily(
        name: "istio_dns_upstream_failures_total",
        kind: .counter,
        help: "Total number of DNS requests that failed to forward upstream (unstable)"
    )
    /// ztunnel's buckets are 0.5 ms, 1 ms, 10 ms, 0.1 s, 1 s and 5 s (its source lists them unsorted).
    package static let dnsUpstreamRequestDuration = IstioMetricFamily(
        name: "istio_dns_upstream_request_duration_seconds",
        kind: .histogram(buckets: [0.0005, 0.001, 0.01, 0.1, 1, 5]),
        help: "Total time in seconds Istio takes to get DNS response from upstream (unstable)"
    )

    // MARK: - Meta (ztunnel `src/metrics/meta.rs`)

    /// Always 1; the labels `component` and `tag` carry the information.
    package static let build = IstioMetricFamily(
        name: "istio_build",
        kind: .gauge,
        help: "Istio component build info"
    )

    /// Envoy's default histogram buckets, which Istio keeps for its duration and size histograms.
    package static let defaultBuckets: [Double] = [
        0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1_800_000,
        3_600_000,
    ]

    /// Every family above, in the order `/metrics` lists them (alphabetical).
    package static let all: [IstioMetricFamily] = [
        build, dnsRequests, dnsUpstreamFailures, dnsUpstreamRequestDuration, dnsUpstreamRequests, requestBytes,
        requestDuration, requests, responseBytes, tcpConnectionsClosed, tcpConnectionsFailed, tcpConnectionsOpened,
        tcpReceivedBytes, tcpSentBytes,
    ]
}

/// One metric family: its Prometheus name, type and HELP text.
package struct IstioMetricFamily: Hashable, Sendable {
    /// The Prometheus type, with the bucket upper bounds of a histogram (`+Inf` is implicit).
    package enum Kind: Hashable, Sendable {
        case counter
        case gauge
        case histogram(buckets: [Double])
    }

    package let name: String
    package let kind: Kind
    /// Constant per family: the registry refuses a second registration with a different text.
    package let help: String
}

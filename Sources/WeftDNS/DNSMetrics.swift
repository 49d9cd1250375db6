/// The DNS proxy's metric families, named as ztunnel registers them (reference §6.1, ztunnel `src/dns/metrics.rs`),
/// so that Istio dashboards work unchanged. WeftDNS does no I/O: WeftTelemetry registers these names, and the server
/// increments them from each `DNSResolution` and `DNSForwarderStateMachine` action.
package enum DNSMetrics {
    /// Counter: every query (answered, forwarded or refused).
    package static let requests = "istio_dns_requests_total"
    /// Counter: queries sent to the upstream resolver (`DNSAction.forward`).
    package static let upstreamRequests = "istio_dns_upstream_requests_total"
    /// Counter: forwarded queries that got no usable answer (`expire`, `fail`, `overloaded`).
    package static let upstreamFailures = "istio_dns_upstream_failures_total"
    /// Histogram, seconds: `ResponseAction.deliver`'s `elapsed`.
    package static let upstreamRequestDuration = "istio_dns_upstream_request_duration_seconds"
    /// Histogram buckets of `upstreamRequestDuration`, in seconds (0.5 ms … 5 s, reference §6.1).
    package static let upstreamRequestDurationBuckets: [Double] = [0.0005, 0.001, 0.01, 0.1, 1, 5]

    /// Label keys: `DNSRecordType.metricLabel`, `DNSTransport.metricLabel`, then the asking workload's canonical
    /// service and revision (`unknown` when not known), as ztunnel's `DnsLabels`.
    package static let labelNames = [
        "request_query_type", "request_protocol", "source_canonical_service", "source_canonical_revision",
    ]
}

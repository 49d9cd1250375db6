/// The label names of Istio's standard metrics and the two orders they appear in.
///
/// Prometheus ignores label order, but people diff `/metrics` against ztunnel's and Envoy's output, so
/// ``TrafficLabels`` renders TCP series in ztunnel's `CommonTrafficLabels` order and request series in the order
/// Envoy's `istio_stats` filter pushes its tags (`ztunnel.md` §6.1–6.2). The two differ in where the destination
/// service labels sit.
package enum IstioLabelNames {
    package static let reporter = "reporter"
    package static let sourceWorkload = "source_workload"
    package static let sourceCanonicalService = "source_canonical_service"
    package static let sourceCanonicalRevision = "source_canonical_revision"
    package static let sourceWorkloadNamespace = "source_workload_namespace"
    package static let sourcePrincipal = "source_principal"
    package static let sourceApp = "source_app"
    package static let sourceVersion = "source_version"
    package static let sourceCluster = "source_cluster"
    package static let destinationService = "destination_service"
    package static let destinationServiceNamespace = "destination_service_namespace"
    package static let destinationServiceName = "destination_service_name"
    package static let destinationWorkload = "destination_workload"
    package static let destinationCanonicalService = "destination_canonical_service"
    package static let destinationCanonicalRevision = "destination_canonical_revision"
    package static let destinationWorkloadNamespace = "destination_workload_namespace"
    package static let destinationPrincipal = "destination_principal"
    package static let destinationApp = "destination_app"
    package static let destinationVersion = "destination_version"
    package static let destinationCluster = "destination_cluster"
    package static let requestProtocol = "request_protocol"
    package static let responseCode = "response_code"
    package static let grpcResponseStatus = "grpc_response_status"
    package static let responseFlags = "response_flags"
    package static let connectionSecurityPolicy = "connection_security_policy"
    package static let sourceRegion = "source_region"
    package static let sourceZone = "source_zone"
    package static let destinationRegion = "destination_region"
    package static let destinationZone = "destination_zone"

    /// DNS proxy labels (ztunnel `DnsLabels`).
    package static let requestQueryType = "request_query_type"
    /// `istio_build` labels.
    package static let component = "component"
    package static let tag = "tag"

    /// The placeholder Istio writes for any label value it does not know.
    package static let unknown = "unknown"

    /// ztunnel's `CommonTrafficLabels` order for the `istio_tcp_*` families (locality labels follow when known).
    package static let tcpOrder: [String] = [
        reporter, sourceWorkload, sourceCanonicalService, sourceCanonicalRevision, sourceWorkloadNamespace,
        sourcePrincipal, sourceApp, sourceVersion, sourceCluster, destinationService, destinationServiceNamespace,
        destinationServiceName, destinationWorkload, destinationCanonicalService, destinationCanonicalRevision,
        destinationWorkloadNamespace, destinationPrincipal, destinationApp, destinationVersion, destinationCluster,
        requestProtocol, responseFlags, connectionSecurityPolicy,
    ]

    /// Envoy's `istio_stats` order for `istio_requests_total` and the request histograms.
    package static let requestOrder: [String] = [
        reporter, sourceWorkload, sourceCanonicalService, sourceCanonicalRevision, sourceWorkloadNamespace,
        sourcePrincipal, sourceApp, sourceVersion, sourceCluster, destinationWorkload, destinationWorkloadNamespace,
        destinationPrincipal, destinationApp, destinationVersion, destinationService, destinationCanonicalService,
        destinationCanonicalRevision, destinationServiceName, destinationServiceNamespace, destinationCluster,
        requestProtocol, responseCode, grpcResponseStatus, responseFlags, connectionSecurityPolicy,
    ]

    /// Appended to ``tcpOrder`` only when some peer's locality is known, as ztunnel does.
    package static let localityOrder: [String] = [sourceRegion, sourceZone, destinationRegion, destinationZone]
}

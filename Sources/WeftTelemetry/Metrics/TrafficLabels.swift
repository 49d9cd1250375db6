/// The labels of one TCP or HTTP series of Istio's standard metrics, as a plain value.
///
/// ``labelPairs`` renders them in Istio's order with `unknown` for every missing value (`ztunnel.md` §6.1–6.2):
/// a TCP series (``requestProtocol`` `.tcp`) in ztunnel's `CommonTrafficLabels` order, an HTTP or gRPC series in
/// the order of Envoy's `istio_stats` filter with `response_code` and `grpc_response_status`. Being `Hashable`,
/// a value can key a cache of series handles.
package struct TrafficLabels: Hashable, Sendable {
    /// Which proxy reports: the client's (`source`), the server's (`destination`), or a waypoint.
    package enum Reporter: String, Hashable, Sendable {
        case source
        case destination
        case waypoint
    }

    /// `request_protocol`: always `tcp` for L4 series; `grpc` when the request was gRPC (content type).
    package enum RequestProtocol: String, Hashable, Sendable {
        case tcp
        case http
        case grpc
    }

    /// `connection_security_policy`. ztunnel writes `unknown` for plaintext where Envoy writes `none`.
    package enum SecurityPolicy: String, Hashable, Sendable {
        case mutualTLS = "mutual_tls"
        case none
        case unknown
    }

    package var reporter: Reporter
    package var source: WorkloadLabels
    package var destination: WorkloadLabels
    /// The service the client addressed, if it addressed one (not a bare workload address).
    package var destinationService: ServiceLabels?
    package var requestProtocol: RequestProtocol
    package var responseFlags: ResponseFlags
    package var connectionSecurityPolicy: SecurityPolicy
    /// HTTP status sent downstream; `nil` (no response, e.g. a reset) renders as `0`, as in Envoy. L7 only.
    package var responseCode: Int?
    /// gRPC status of a gRPC response; `nil` renders as the empty string, as in Envoy. L7 only.
    package var grpcResponseStatus: Int?

    package init(
        reporter: Reporter,
        source: WorkloadLabels = .unknown,
        destination: WorkloadLabels = .unknown,
        destinationService: ServiceLabels? = nil,
        requestProtocol: RequestProtocol = .tcp,
        responseFlags: ResponseFlags = .none,
        connectionSecurityPolicy: SecurityPolicy = .unknown,
        responseCode: Int? = nil,
        grpcResponseStatus: Int? = nil
    ) {
        self.reporter = reporter
        self.source = source
        self.destination = destination
        self.destinationService = destinationService
        self.requestProtocol = requestProtocol
        self.responseFlags = responseFlags
        self.connectionSecurityPolicy = connectionSecurityPolicy
        self.responseCode = responseCode
        self.grpcResponseStatus = grpcResponseStatus
    }

    /// Whether these labels describe an HTTP or gRPC request series rather than a TCP connection series.
    package var isRequest: Bool { self.requestProtocol != .tcp }

    /// The label pairs in Istio's order for this kind of series; missing values are `unknown`.
    package var labelPairs: [(String, String)] {
        self.isRequest ? self.requestLabelPairs : self.tcpLabelPairs
    }

    /// ztunnel's `CommonTrafficLabels` order, plus the locality labels when some locality is known.
    private var tcpLabelPairs: [(String, String)] {
        typealias L = IstioLabelNames
        let service = self.destinationService
        var pairs: [(String, String)] = [(L.reporter, self.reporter.rawValue)]
        pairs.reserveCapacity(L.tcpOrder.count + L.localityOrder.count)
        pairs += self.sourcePairs
        pairs += [
            (L.destinationService, Self.value(service?.hostname)),
            (L.destinationServiceNamespace, Self.value(service?.namespace)),
            (L.destinationServiceName, Self.value(service?.name)),
            (L.destinationWorkload, Self.value(self.destination.workload)),
            (L.destinationCanonicalService, Self.value(self.destination.canonicalService)),
            (L.destinationCanonicalRevision, Self.value(self.destination.canonicalRevision)),
            (L.destinationWorkloadNamespace, Self.value(self.destination.namespace)),
            (L.destinationPrincipal, Self.value(self.destination.principal)),
            (L.destinationApp, Self.value(self.destination.app)),
            (L.destinationVersion, Self.value(self.destination.version)),
            (L.destinationCluster, Self.value(self.destination.cluster)),
            (L.requestProtocol, self.requestProtocol.rawValue),
            (L.responseFlags, self.responseFlags.rawValue),
            (L.connectionSecurityPolicy, self.connectionSecurityPolicy.rawValue),
        ]
        if self.source.hasLocality || self.destination.hasLocality {
            pairs += [
                (L.sourceRegion, Self.value(self.source.region)),
                (L.sourceZone, Self.value(self.source.zone)),
                (L.destinationRegion, Self.value(self.destination.region)),
                (L.destinationZone, Self.value(self.destination.zone)),
            ]
        }
        return pairs
    }

    /// Envoy's `istio_stats` order: destination workload first, then the service, then the response.
    private var requestLabelPairs: [(String, String)] {
        typealias L = IstioLabelNames
        let service = self.destinationService
        var pairs: [(String, String)] = [(L.reporter, self.reporter.rawValue)]
        pairs.reserveCapacity(L.requestOrder.count)
        pairs += self.sourcePairs
        pairs += [
            (L.destinationWorkload, Self.value(self.destination.workload)),
            (L.destinationWorkloadNamespace, Self.value(self.destination.namespace)),
            (L.destinationPrincipal, Self.value(self.destination.principal)),
            (L.destinationApp, Self.value(self.destination.app)),
            (L.destinationVersion, Self.value(self.destination.version)),
            (L.destinationService, Self.value(service?.hostname)),
            (L.destinationCanonicalService, Self.value(self.destination.canonicalService)),
            (L.destinationCanonicalRevision, Self.value(self.destination.canonicalRevision)),
            (L.destinationServiceName, Self.value(service?.name)),
            (L.destinationServiceNamespace, Self.value(service?.namespace)),
            (L.destinationCluster, Self.value(self.destination.cluster)),
            (L.requestProtocol, self.requestProtocol.rawValue),
            (L.responseCode, String(self.responseCode ?? 0)),
            (L.grpcResponseStatus, self.grpcResponseStatus.map { String($0) } ?? ""),
            (L.responseFlags, self.responseFlags.rawValue),
            (L.connectionSecurityPolicy, self.connectionSecurityPolicy.rawValue),
        ]
        return pairs
    }

    /// The eight `source_*` labels, in the order both ztunnel and Envoy use.
    private var sourcePairs: [(String, String)] {
        typealias L = IstioLabelNames
        return [
            (L.sourceWorkload, Self.value(self.source.workload)),
            (L.sourceCanonicalService, Self.value(self.source.canonicalService)),
            (L.sourceCanonicalRevision, Self.value(self.source.canonicalRevision)),
            (L.sourceWorkloadNamespace, Self.value(self.source.namespace)),
            (L.sourcePrincipal, Self.value(self.source.principal)),
            (L.sourceApp, Self.value(self.source.app)),
            (L.sourceVersion, Self.value(self.source.version)),
            (L.sourceCluster, Self.value(self.source.cluster)),
        ]
    }

    /// Istio's `DefaultedUnknown`: a missing or empty value is `unknown`.
    private static func value(_ text: String?) -> String {
        guard let text, !text.isEmpty else { return IstioLabelNames.unknown }
        return text
    }
}

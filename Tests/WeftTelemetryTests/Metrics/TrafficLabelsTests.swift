import Testing
import WeftCore
import WeftTelemetry

@Suite("Istio traffic labels")
struct TrafficLabelsTests {
    /// Compares label pairs as `key=value` texts, so a failure shows exactly which label differs.
    private func texts(_ pairs: [(String, String)]) -> [String] { pairs.map { "\($0)=\($1)" } }

    private func bookinfo() throws -> TrafficLabels {
        TrafficLabels(
            reporter: .destination,
            source: WorkloadLabels(
                workloadName: "sleep",
                namespace: "default",
                identity: try SpiffeID(trustDomain: "cluster.local", namespace: "default", serviceAccount: "sleep"),
                labels: ["app": "sleep"]
            ),
            destination: WorkloadLabels(
                workloadName: "reviews-v2",
                namespace: "bookinfo",
                identity: try SpiffeID(parsing: "spiffe://cluster.local/ns/bookinfo/sa/reviews"),
                labels: ["app": "ignored", "app.kubernetes.io/name": "reviews", "app.kubernetes.io/version": "v2"]
            ),
            destinationService: ServiceLabels(hostname: "reviews.bookinfo.svc.cluster.local"),
            connectionSecurityPolicy: .mutualTLS
        )
    }

    @Test("An unknown TCP peer renders every label in ztunnel's order as unknown")
    func unknownDefaults() {
        let pairs = TrafficLabels(reporter: .source).labelPairs
        #expect(pairs.map(\.0) == IstioLabelNames.tcpOrder)
        #expect(
            self.texts(pairs) == [
                "reporter=source", "source_workload=unknown", "source_canonical_service=unknown",
                "source_canonical_revision=unknown", "source_workload_namespace=unknown", "source_principal=unknown",
                "source_app=unknown", "source_version=unknown", "source_cluster=unknown",
                "destination_service=unknown", "destination_service_namespace=unknown",
                "destination_service_name=unknown", "destination_workload=unknown",
                "destination_canonical_service=unknown", "destination_canonical_revision=unknown",
                "destination_workload_namespace=unknown", "destination_principal=unknown", "destination_app=unknown",
                "destination_version=unknown", "destination_cluster=unknown", "request_protocol=tcp",
                "response_flags=-", "connection_security_policy=unknown",
            ]
        )
    }

    @Test("Known workloads: canonical service rules, SPIFFE principals, service FQDN, name and namespace")
    func knownWorkloadsTCP() throws {
        #expect(
            self.texts(try self.bookinfo().labelPairs) == [
                "reporter=destination", "source_workload=sleep", "source_canonical_service=sleep",
                "source_canonical_revision=latest", "source_workload_namespace=default",
                "source_principal=spiffe://cluster.local/ns/default/sa/sleep", "source_app=sleep",
                "source_version=latest", "source_cluster=unknown",
                "destination_service=reviews.bookinfo.svc.cluster.local", "destination_service_namespace=bookinfo",
                "destination_service_name=reviews", "destination_workload=reviews-v2",
                "destination_canonical_service=reviews", "destination_canonical_revision=v2",
                "destination_workload_namespace=bookinfo",
                "destination_principal=spiffe://cluster.local/ns/bookinfo/sa/reviews", "destination_app=reviews",
                "destination_version=v2", "destination_cluster=unknown", "request_protocol=tcp",
                "response_flags=-", "connection_security_policy=mutual_tls",
            ]
        )
    }

    @Test("HTTP series use Envoy's istio_stats order with response_code and an empty grpc_response_status")
    func httpOrder() throws {
        var labels = try self.bookinfo()
        labels.requestProtocol = .http
        labels.responseCode = 200
        #expect(labels.labelPairs.map(\.0) == IstioLabelNames.requestOrder)
        #expect(
            self.texts(labels.labelPairs) == [
                "reporter=destination", "source_workload=sleep", "source_canonical_service=sleep",
                "source_canonical_revision=latest", "source_workload_namespace=default",
                "source_principal=spiffe://cluster.local/ns/default/sa/sleep", "source_app=sleep",
                "source_version=latest", "source_cluster=unknown", "destination_workload=reviews-v2",
                "destination_workload_namespace=bookinfo",
                "destination_principal=spiffe://cluster.local/ns/bookinfo/sa/reviews", "destination_app=reviews",
                "destination_version=v2", "destination_service=reviews.bookinfo.svc.cluster.local",
                "destination_canonical_service=reviews", "destination_canonical_revision=v2",
                "destination_service_name=reviews", "destination_service_namespace=bookinfo",
                "destination_cluster=unknown", "request_protocol=http", "response_code=200",
                "grpc_response_status=", "response_flags=-", "connection_security_policy=mutual_tls",
            ]
        )
    }

    @Test("gRPC series carry the gRPC status; a reset with no response has response_code 0")
    func grpcAndReset() {
        let grpc = TrafficLabels(reporter: .source, requestProtocol: .grpc, responseCode: 200, grpcResponseStatus: 14)
        #expect(
            grpc.labelPairs.suffix(5).map { "\($0)=\($1)" } == [
                "request_protocol=grpc", "response_code=200", "grpc_response_status=14", "response_flags=-",
                "connection_security_policy=unknown",
            ]
        )
        let reset = TrafficLabels(
            reporter: .source,
            requestProtocol: .http,
            responseFlags: .upstreamRemoteReset,
            connectionSecurityPolicy: .none
        )
        #expect(
            reset.labelPairs.suffix(5).map { "\($0)=\($1)" } == [
                "request_protocol=http", "response_code=0", "grpc_response_status=", "response_flags=UR",
                "connection_security_policy=none",
            ]
        )
    }

    @Test("Empty values render as unknown, like missing ones")
    func emptyIsUnknown() {
        let labels = TrafficLabels(
            reporter: .source,
            source: WorkloadLabels(workload: "", namespace: "default", principal: ""),
            destinationService: ServiceLabels(hostname: "", name: "", namespace: "")
        )
        let values = Dictionary(uniqueKeysWithValues: labels.labelPairs)
        #expect(values["source_workload"] == "unknown")
        #expect(values["source_workload_namespace"] == "default")
        #expect(values["source_principal"] == "unknown")
        #expect(values["destination_service"] == "unknown")
    }

    @Test("Locality labels follow ztunnel's list only when some locality is known")
    func locality() {
        let without = TrafficLabels(reporter: .source)
        #expect(without.labelPairs.count == 23)
        let with = TrafficLabels(reporter: .source, destination: WorkloadLabels(region: "eu-west", zone: "eu-west-1a"))
        #expect(with.labelPairs.map(\.0) == IstioLabelNames.tcpOrder + IstioLabelNames.localityOrder)
        #expect(
            with.labelPairs.suffix(4).map { "\($0)=\($1)" } == [
                "source_region=unknown", "source_zone=unknown", "destination_region=eu-west",
                "destination_zone=eu-west-1a",
            ]
        )
    }

    @Test("Response flags combine Envoy-style and default to -")
    func responseFlags() {
        #expect(ResponseFlags(combining: []).rawValue == "-")
        #expect(ResponseFlags(combining: [.none]).rawValue == "-")
        #expect(
            ResponseFlags(combining: [.upstreamConnectionFailure, .none, .upstreamRetryLimitExceeded]).rawValue
                == "UF,URX"
        )
        #expect(ResponseFlags(rawValue: "").rawValue == "-")
        #expect(ResponseFlags.deny.description == "DENY")
    }

    @Test("DNS labels: ztunnel's four labels, lower-cased query type and transport")
    func dnsLabels() {
        let labels = DNSLabels(queryType: "AAAA", transport: "UDP", sourceCanonicalService: "sleep")
        #expect(
            labels.labelPairs.map { "\($0)=\($1)" } == [
                "request_query_type=aaaa", "request_protocol=udp", "source_canonical_service=sleep",
                "source_canonical_revision=unknown",
            ]
        )
    }
}

import Testing
import WeftCore
import WeftTelemetry

@Suite("Mesh metrics and the /metrics exposition")
struct MeshMetricsTests {
    private func sleepToReviews() throws -> TrafficLabels {
        TrafficLabels(
            reporter: .source,
            source: WorkloadLabels(
                workloadName: "sleep",
                namespace: "default",
                identity: try SpiffeID(parsing: "spiffe://cluster.local/ns/default/sa/sleep")
            ),
            destination: WorkloadLabels(
                workloadName: "reviews-v1",
                namespace: "default",
                identity: try SpiffeID(parsing: "spiffe://cluster.local/ns/default/sa/reviews"),
                labels: ["app": "reviews", "version": "v1"]
            ),
            destinationService: ServiceLabels(hostname: "reviews.default.svc.cluster.local"),
            connectionSecurityPolicy: .mutualTLS
        )
    }

    /// The rendered label set of ``sleepToReviews()``, as a Prometheus exposition writes it.
    private let sleepToReviewsText =
        #"reporter="source",source_workload="sleep",source_canonical_service="sleep",source_canonical_revision="latest","#
        + #"source_workload_namespace="default",source_principal="spiffe://cluster.local/ns/default/sa/sleep","#
        + #"source_app="sleep",source_version="latest",source_cluster="unknown","#
        + #"destination_service="reviews.default.svc.cluster.local",destination_service_namespace="default","#
        + #"destination_service_name="reviews",destination_workload="reviews-v1","#
        + #"destination_canonical_service="reviews",destination_canonical_revision="v1","#
        + #"destination_workload_namespace="default","#
        + #"destination_principal="spiffe://cluster.local/ns/default/sa/reviews",destination_app="reviews","#
        + #"destination_version="v1",destination_cluster="unknown",request_protocol="tcp",response_flags="-","#
        + #"connection_security_policy="mutual_tls""#

    @Test("A recorded connection gives exactly Istio's four TCP series, with HELP and TYPE lines")
    func recordedConnection() throws {
        let metrics = MeshMetrics(build: BuildInfo(component: "weft", tag: "0.1.0"))
        let series = metrics.connectionOpened(try self.sleepToReviews())
        series.add(ConnectionBytes(clientToServer: 100, serverToClient: 4000))
        series.add(ConnectionBytes(clientToServer: 20, serverToClient: 96))
        series.closed()
        let labels = self.sleepToReviewsText
        #expect(
            metrics.exposition() == """
                # HELP istio_build Istio component build info
                # TYPE istio_build gauge
                istio_build{component="weft",tag="0.1.0"} 1.0
                # HELP istio_tcp_connections_closed_total The total number of TCP connections closed
                # TYPE istio_tcp_connections_closed_total counter
                istio_tcp_connections_closed_total{\(labels)} 1
                # HELP istio_tcp_connections_opened_total The total number of TCP connections opened
                # TYPE istio_tcp_connections_opened_total counter
                istio_tcp_connections_opened_total{\(labels)} 1
                # HELP istio_tcp_received_bytes_total The size of total bytes received during request in case of a TCP connection
                # TYPE istio_tcp_received_bytes_total counter
                istio_tcp_received_bytes_total{\(labels)} 120
                # HELP istio_tcp_sent_bytes_total The size of total bytes sent during response in case of a TCP connection
                # TYPE istio_tcp_sent_bytes_total counter
                istio_tcp_sent_bytes_total{\(labels)} 4096

                """
        )
    }

    @Test("The exposition parses as Prometheus text, families in name order with HELP and TYPE")
    func parsesAsPrometheusText() throws {
        let metrics = MeshMetrics(build: BuildInfo(component: "weft", tag: "dev"))
        var http = try self.sleepToReviews()
        http.requestProtocol = .http
        http.responseCode = 200
        metrics.requestCompleted(http, duration: .milliseconds(12), requestBytes: 300, responseBytes: 900)
        metrics.connectionClosed(
            try self.sleepToReviews(),
            bytes: ConnectionBytes(clientToServer: 7, serverToClient: 9)
        )
        metrics.connectionFailed(TrafficLabels(reporter: .source, responseFlags: .connect))
        metrics.dnsRequest(DNSLabels(queryType: "a", transport: "udp"))
        let text = try PrometheusText(parsing: metrics.exposition())
        #expect(
            text.familyOrder == [
                "istio_build", "istio_dns_requests_total", "istio_request_bytes", "istio_request_duration_milliseconds",
                "istio_requests_total", "istio_response_bytes", "istio_tcp_connections_closed_total",
                "istio_tcp_connections_failed_total", "istio_tcp_received_bytes_total", "istio_tcp_sent_bytes_total",
            ]
        )
        for family in IstioMetrics.all where text.types[family.name] != nil {
            #expect(text.help[family.name] == family.help, "HELP of \(family.name)")
        }
        #expect(text.types["istio_requests_total"] == "counter")
        #expect(text.types["istio_request_duration_milliseconds"] == "histogram")
        #expect(text.types["istio_build"] == "gauge")
        let request = try #require(text.samples(named: "istio_requests_total").first)
        #expect(request.labels.map(\.key) == IstioLabelNames.requestOrder)
        #expect(request.label("response_code") == "200")
        #expect(request.value == "1")
        let failed = try #require(text.samples(named: "istio_tcp_connections_failed_total").first)
        #expect(failed.label("response_flags") == "CONNECT")
        #expect(text.samples(named: "istio_tcp_sent_bytes_total").map(\.value) == ["9"])
        // connectionClosed counts no open: only the series it was asked to record exist.
        #expect(text.samples(named: "istio_tcp_connections_opened_total").isEmpty)
    }

    @Test("The duration histogram uses Istio's buckets, cumulative counts, _sum and _count")
    func durationHistogram() throws {
        let metrics = MeshMetrics(build: BuildInfo(component: "weft", tag: "dev"))
        let labels = TrafficLabels(reporter: .source, requestProtocol: .http, responseCode: 503)
        let series = metrics.requestSeries(labels)
        // 3.9 ms counts as 3, as Envoy truncates to whole milliseconds; 2500 ms falls in the le="2500" bucket.
        series.record(duration: .microseconds(3900), requestBytes: 10, responseBytes: 0)
        series.record(duration: .milliseconds(42), requestBytes: 10, responseBytes: 1_000_000)
        series.record(duration: .seconds(2.5), requestBytes: 10, responseBytes: 20)
        let text = try PrometheusText(parsing: metrics.exposition())
        let buckets = text.samples(named: "istio_request_duration_milliseconds_bucket")
        #expect(buckets.map { $0.label("le") ?? "?" } == IstioMetrics.defaultBuckets.map { "\($0)" } + ["+Inf"])
        #expect(
            buckets.map(\.value) == [
                "0", "0", "1", "1", "1", "2", "2", "2", "2", "2", "3", "3", "3", "3", "3", "3", "3", "3", "3", "3",
            ]
        )
        // Every bucket carries the series' labels before le.
        #expect(buckets.allSatisfy { $0.labels.dropLast().map(\.key) == IstioLabelNames.requestOrder })
        #expect(text.samples(named: "istio_request_duration_milliseconds_sum").map(\.value) == ["2545.0"])
        #expect(text.samples(named: "istio_request_duration_milliseconds_count").map(\.value) == ["3"])
        let responseBuckets = text.samples(named: "istio_response_bytes_bucket")
        #expect(responseBuckets.first { $0.label("le") == "25.0" }?.value == "2")
        #expect(responseBuckets.first { $0.label("le") == "3600000.0" }?.value == "3")
        #expect(text.samples(named: "istio_response_bytes_sum").map(\.value) == ["1000020.0"])
        #expect(text.samples(named: "istio_request_bytes_count").map(\.value) == ["3"])
    }

    @Test("Label values escape quotes, backslashes and newlines, and parse back to the original")
    func labelEscaping() throws {
        let metrics = MeshMetrics(build: BuildInfo(component: "weft", tag: "dev"))
        let odd = "we\"ird\\name\nline2"
        metrics.connectionClosed(
            TrafficLabels(reporter: .destination, source: WorkloadLabels(workload: odd)),
            bytes: .zero
        )
        let exposition = metrics.exposition()
        #expect(exposition.contains(#"source_workload="we\"ird\\name\nline2","#))
        let closed = try #require(
            try PrometheusText(parsing: exposition).samples(named: "istio_tcp_connections_closed_total").first
        )
        #expect(closed.label("source_workload") == odd)
    }

    @Test("A close flag labels only the close counter; bytes and opens keep the open labels")
    func closeFlag() throws {
        let metrics = MeshMetrics(build: BuildInfo(component: "weft", tag: "dev"))
        let series = metrics.connectionOpened(TrafficLabels(reporter: .destination))
        series.add(ConnectionBytes(clientToServer: 5, serverToClient: 0))
        series.closed(responseFlags: .deny)
        let text = try PrometheusText(parsing: metrics.exposition())
        #expect(text.samples(named: "istio_tcp_connections_opened_total").map { $0.label("response_flags") } == ["-"])
        #expect(text.samples(named: "istio_tcp_received_bytes_total").map { $0.label("response_flags") } == ["-"])
        #expect(
            text.samples(named: "istio_tcp_connections_closed_total").map { $0.label("response_flags") } == ["DENY"]
        )
        // No bytes flowed back, so that series exists (fetched at open) but stays at zero.
        #expect(text.samples(named: "istio_tcp_sent_bytes_total").map(\.value) == ["0"])
    }

    @Test("Each MeshMetrics owns its registry: two agents in one process never share counts")
    func isolatedRegistries() throws {
        let first = MeshMetrics(build: BuildInfo(component: "weft", tag: "a"))
        let second = MeshMetrics(build: BuildInfo(component: "weft", tag: "b"))
        _ = first.connectionOpened(TrafficLabels(reporter: .source))
        _ = first.connectionOpened(TrafficLabels(reporter: .source))
        let firstText = try PrometheusText(parsing: first.exposition())
        let secondText = try PrometheusText(parsing: second.exposition())
        #expect(firstText.samples(named: "istio_tcp_connections_opened_total").map(\.value) == ["2"])
        #expect(secondText.samples(named: "istio_tcp_connections_opened_total").isEmpty)
        #expect(secondText.samples(named: "istio_build").map { $0.label("tag") } == ["b"])
    }

    @Test("DNS metrics: counters and ztunnel's upstream duration buckets in seconds")
    func dnsMetrics() throws {
        let metrics = MeshMetrics(build: BuildInfo(component: "weft", tag: "dev"))
        let labels = DNSLabels(
            queryType: "A",
            transport: "udp",
            sourceCanonicalService: "sleep",
            sourceCanonicalRevision: "v1"
        )
        metrics.dnsRequest(labels)
        metrics.dnsRequest(labels)
        metrics.dnsForwarded(labels, duration: .milliseconds(3))
        metrics.dnsUpstreamFailure(labels)
        let text = try PrometheusText(parsing: metrics.exposition())
        #expect(
            text.samples(named: "istio_dns_requests_total").map(\.description)
                == [
                    "istio_dns_requests_total[request_query_type=a, request_protocol=udp, "
                        + "source_canonical_service=sleep, source_canonical_revision=v1] 2"
                ]
        )
        #expect(text.samples(named: "istio_dns_upstream_requests_total").map(\.value) == ["1"])
        #expect(text.samples(named: "istio_dns_upstream_failures_total").map(\.value) == ["1"])
        let buckets = text.samples(named: "istio_dns_upstream_request_duration_seconds_bucket")
        #expect(
            buckets.map { "\($0.label("le") ?? "?")=\($0.value)" } == [
                "0.0005=0", "0.001=0", "0.01=1", "0.1=1", "1.0=1", "5.0=1", "+Inf=1",
            ]
        )
    }
}

import Testing
import WeftCore
import WeftTelemetry

@Suite("Connection access-log lines (ztunnel fields)")
struct ConnectionAccessRecordTests {
    private func labels(reporter: TrafficLabels.Reporter, policy: TrafficLabels.SecurityPolicy) throws -> TrafficLabels
    {
        TrafficLabels(
            reporter: reporter,
            source: WorkloadLabels(
                workloadName: "sleep",
                namespace: "default",
                identity: try SpiffeID(parsing: "spiffe://cluster.local/ns/default/sa/sleep")
            ),
            destination: WorkloadLabels(
                workloadName: "reviews-v1",
                namespace: "default",
                identity: try SpiffeID(parsing: "spiffe://cluster.local/ns/default/sa/reviews")
            ),
            destinationService: ServiceLabels(hostname: "reviews.default.svc.cluster.local"),
            connectionSecurityPolicy: policy
        )
    }

    private func outbound() throws -> ConnectionAccessRecord {
        ConnectionAccessRecord(
            labels: try self.labels(reporter: .source, policy: .mutualTLS),
            sourceAddress: "10.248.1.2:43210",
            destinationAddress: "10.248.2.5:15008",
            hboneAddress: "10.248.2.5:9080"
        )
    }

    private let bytes = ConnectionBytes(clientToServer: 120, serverToClient: 4096)

    private let endpoints =
        "src.addr=10.248.1.2:43210 src.workload=sleep src.namespace=default "
        + "src.identity=spiffe://cluster.local/ns/default/sa/sleep dst.addr=10.248.2.5:15008 "
        + "dst.hbone_addr=10.248.2.5:9080 dst.service=reviews.default.svc.cluster.local dst.workload=reviews-v1 "
        + "dst.namespace=default dst.identity=spiffe://cluster.local/ns/default/sa/reviews"

    @Test("Opened: ztunnel's field order, identities shown for mutual TLS")
    func openedText() throws {
        #expect(
            try self.outbound().opened(at: fixedTime).text
                == "2026-11-20T09:05:03.012345Z\tinfo\taccess\tconnection opened\t\(self.endpoints) direction=outbound"
        )
    }

    @Test("Closed outbound: bytes_sent is what went upstream, duration in whole milliseconds")
    func closedOutboundText() throws {
        let outcome = ConnectionOutcome(bytes: self.bytes, duration: .milliseconds(1500) + .microseconds(999))
        #expect(
            try self.outbound().closed(outcome, at: fixedTime).text
                == "2026-11-20T09:05:03.012345Z\tinfo\taccess\tconnection complete\t\(self.endpoints) "
                + "direction=outbound bytes_sent=120 bytes_recv=4096 duration=1500ms"
        )
    }

    @Test("Closed inbound: the bytes flip, since the destination sent the server's bytes back")
    func closedInbound() throws {
        let record = ConnectionAccessRecord(
            labels: try self.labels(reporter: .destination, policy: .mutualTLS),
            sourceAddress: "10.248.1.2:43210",
            destinationAddress: "10.248.2.5:9080"
        )
        let line = record.closed(ConnectionOutcome(bytes: self.bytes, duration: .milliseconds(7)), at: fixedTime)
        #expect(line.text.hasSuffix("direction=inbound bytes_sent=4096 bytes_recv=120 duration=7ms"))
        #expect(!line.text.contains("dst.hbone_addr"))
    }

    @Test("Closed with an error: error level and a quoted reason")
    func closedWithError() throws {
        let outcome = ConnectionOutcome(
            bytes: .zero,
            duration: .seconds(10),
            error: "connection to 10.248.2.5:15008 timed out — is port 15008 reachable between nodes?"
        )
        let line = try self.outbound().closed(outcome, at: fixedTime)
        #expect(line.level == .error)
        #expect(
            line.text.hasPrefix("2026-11-20T09:05:03.012345Z\terror\taccess\tconnection complete\tsrc.addr=")
        )
        #expect(
            line.text.hasSuffix(
                "bytes_sent=0 bytes_recv=0 duration=10000ms "
                    + #"error="connection to 10.248.2.5:15008 timed out — is port 15008 reachable between nodes?""#
            )
        )
    }

    @Test("Closed as JSON: one object, fields in order, bytes as numbers")
    func closedJSON() throws {
        let outcome = ConnectionOutcome(bytes: self.bytes, duration: .milliseconds(1500))
        #expect(
            try self.outbound().closed(outcome, at: fixedTime).json
                == #"{"level":"info","time":"2026-11-20T09:05:03.012345Z","scope":"access","#
                + #""message":"connection complete","src.addr":"10.248.1.2:43210","src.workload":"sleep","#
                + #""src.namespace":"default","src.identity":"spiffe://cluster.local/ns/default/sa/sleep","#
                + #""dst.addr":"10.248.2.5:15008","dst.hbone_addr":"10.248.2.5:9080","#
                + #""dst.service":"reviews.default.svc.cluster.local","dst.workload":"reviews-v1","#
                + #""dst.namespace":"default","dst.identity":"spiffe://cluster.local/ns/default/sa/reviews","#
                + #""direction":"outbound","bytes_sent":120,"bytes_recv":4096,"duration":"1500ms"}"#
        )
    }

    @Test("Plaintext connections show no identities; unknown fields are left out")
    func plaintext() throws {
        let record = ConnectionAccessRecord(
            labels: TrafficLabels(
                reporter: .destination,
                destination: try self.labels(reporter: .destination, policy: .unknown).destination
            ),
            sourceAddress: "10.248.9.9:5000",
            destinationAddress: "10.248.2.5:9080"
        )
        #expect(
            record.opened(at: fixedTime).text
                == "2026-11-20T09:05:03.012345Z\tinfo\taccess\tconnection opened\tsrc.addr=10.248.9.9:5000 "
                + "dst.addr=10.248.2.5:9080 dst.workload=reviews-v1 dst.namespace=default direction=inbound"
        )
    }

    @Test("The workload falls back to the canonical service; clusters appear when known")
    func fallbacks() {
        let labels = TrafficLabels(
            reporter: .source,
            source: WorkloadLabels(canonicalService: "sleep", cluster: "Kubernetes"),
            destination: WorkloadLabels(canonicalService: "ratings")
        )
        let record = ConnectionAccessRecord(
            labels: labels,
            sourceAddress: "[fd00:248::2]:80",
            destinationAddress: "x:1"
        )
        #expect(
            record.opened(at: fixedTime).text.hasSuffix(
                "src.addr=[fd00:248::2]:80 src.workload=sleep src.cluster=Kubernetes dst.addr=x:1 dst.workload=ratings "
                    + "direction=outbound"
            )
        )
    }
}

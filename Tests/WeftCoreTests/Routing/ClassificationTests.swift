import Testing
import WeftCore

@Suite("Classifying original destinations")
struct ClassificationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let destination: DestinationAddress
        let client: String
        let policy: MeshSettings.OutboundTrafficPolicy
        let expected: String
        let protocolName: ServiceProtocol

        init(
            _ address: String,
            _ port: Int,
            from client: String = "default",
            policy: MeshSettings.OutboundTrafficPolicy = .allowAny,
            _ expected: String,
            _ protocolName: ServiceProtocol
        ) {
            self.destination = dst(address, port)
            self.client = client
            self.policy = policy
            self.expected = expected
            self.protocolName = protocolName
        }

        var testDescription: String { "\(self.destination) from \(self.client) (\(self.policy)) → \(self.expected)" }
    }

    static func snapshot(_ policy: MeshSettings.OutboundTrafficPolicy) -> MeshSnapshot {
        var (config, workloads) = Fixture.bookinfo()
        var external = ServiceEntry()
        external.metadata = ObjectMeta(name: "partner", namespace: "egress")
        external.hosts = ["partner.example.com"]
        external.addresses = [try! CIDR(parsing: "198.51.100.0/24")]
        var port = ServicePort(number: 443, name: "tls")
        port.protocolName = "TLS"
        external.ports = [port]
        var privateEntry = ServiceEntry()
        privateEntry.metadata = ObjectMeta(name: "internal", namespace: "egress")
        privateEntry.hosts = ["internal.example.com"]
        privateEntry.addresses = [try! CIDR(parsing: "192.0.2.50")]
        privateEntry.ports = [ServicePort(number: 80, name: "http")]
        privateEntry.exportTo = ["."]
        config.serviceEntries = [external, privateEntry]
        var settings = MeshSettings()
        settings.outboundTrafficPolicy = policy
        return MeshSnapshot(config: config, enrolled: workloads, settings: settings)
    }

    @Test(
        "Service VIP:port, then address blocks, then workload IPs, then the outbound policy",
        arguments: [
            Case("10.96.0.13", 9080, "service reviews.default.svc.cluster.local:9080", .http),
            Case("10.96.0.13", 9999, "passthrough to 10.96.0.13:9999 (ALLOW_ANY)", .tcp),
            Case(
                "10.96.0.13",
                9999,
                policy: .registryOnly,
                "blocked: 10.96.0.13:9999 is unknown (REGISTRY_ONLY)",
                .tcp
            ),
            Case("10.248.0.21", 9080, "workload default/reviews-v1 at 10.248.0.21:9080", .http),
            Case("10.248.0.21", 15000, "workload default/reviews-v1 at 10.248.0.21:15000", .tcp),
            Case("10.248.0.21", 15000, policy: .registryOnly, "workload default/reviews-v1 at 10.248.0.21:15000", .tcp),
            Case("198.51.100.7", 443, "service partner.example.com:443", .tls),
            Case("198.51.100.7", 80, "passthrough to 198.51.100.7:80 (ALLOW_ANY)", .tcp),
            Case("8.8.8.8", 53, "passthrough to 8.8.8.8:53 (ALLOW_ANY)", .tcp),
            Case("8.8.8.8", 53, policy: .registryOnly, "blocked: 8.8.8.8:53 is unknown (REGISTRY_ONLY)", .tcp),
            Case("192.0.2.50", 80, from: "egress", "service internal.example.com:80", .http),
            Case("192.0.2.50", 80, from: "default", "passthrough to 192.0.2.50:80 (ALLOW_ANY)", .tcp),
            Case("fd00::1", 80, "passthrough to [fd00::1]:80 (ALLOW_ANY)", .tcp),
        ]
    )
    func classify(testCase: Case) {
        let snapshot = Self.snapshot(testCase.policy)
        let result = snapshot.classify(testCase.destination, from: TrafficSource(namespace: testCase.client))
        #expect(result.description == testCase.expected)
        #expect(result.protocol == testCase.protocolName)
    }

    @Test("A workload destination carries its identity and the service port that targets it")
    func workloadDetails() throws {
        let snapshot = Self.snapshot(.allowAny)
        guard
            case .workload(let workload) = snapshot.classify(dst("10.248.0.22", 9080), from: Fixture.productpageSource)
        else {
            Issue.record("expected a workload destination")
            return
        }
        #expect(workload.transport == .hbone)
        #expect(workload.spiffeURI == "spiffe://cluster.local/ns/default/sa/bookinfo-reviews")
        #expect(workload.serviceHostname == Fixture.reviewsHost)
        #expect(workload.servicePort?.number == 9080)
    }

    @Test("A port left to protocol detection does not make a workload port L7")
    func detectedPortStaysL4() {
        var (config, workloads) = Fixture.bookinfo()
        config.services = [Fixture.service("reviews", ports: [(9080, "web")], clusterIP: "10.96.0.13")]
        workloads.workloads = workloads.workloads.filter { $0.name == "reviews-v1" }
        let snapshot = MeshSnapshot(config: config, enrolled: workloads)
        #expect(snapshot.classify(dst("10.96.0.13", 9080), from: Fixture.productpageSource).protocol == .unsupported)
        #expect(snapshot.classify(dst("10.248.0.21", 9080), from: Fixture.productpageSource).protocol == .tcp)
    }

    @Test("Services can be named the way a client types them")
    func serviceByName() {
        let snapshot = Self.snapshot(.allowAny)
        #expect(snapshot.service(named: "reviews", from: "default")?.hostname == Fixture.reviewsHost)
        #expect(snapshot.service(named: "reviews", from: "test") == nil)
        #expect(snapshot.service(named: "reviews.default", from: "test")?.hostname == Fixture.reviewsHost)
        #expect(snapshot.service(named: "partner.example.com", from: "test")?.hostname == "partner.example.com")
        #expect(snapshot.destination(service: Fixture.reviewsHost, port: 9080)?.address == dst("10.96.0.13", 9080))
        #expect(snapshot.workloads(named: "sleep").map(\.key.description) == ["test/sleep"])
    }
}

import Testing
import WeftCore

@Suite("Workloads: identity, locality, sources")
struct WorkloadTests {
    @Test("The SPIFFE ID is spiffe://<trust-domain>/ns/<namespace>/sa/<service-account>")
    func spiffe() {
        let workload = Workload(
            name: "reviews-v1",
            namespace: "bookinfo",
            serviceAccount: "reviews",
            trustDomain: "td.example"
        )
        #expect(workload.spiffeURI == "spiffe://td.example/ns/bookinfo/sa/reviews")
        #expect(Workload(name: "x").spiffeURI == "spiffe://cluster.local/ns/default/sa/default")
        #expect(workload.key.description == "bookinfo/reviews-v1")
    }

    @Test(
        "Localities parse region/zone/subzone and print back",
        arguments: [
            ("us-east1", "us-east1", "", ""), ("us-east1/b", "us-east1", "b", ""),
            ("us-east1/b/rack7", "us-east1", "b", "rack7"), ("r/z/s/extra", "r", "z", "s/extra"),
        ]
    )
    func locality(text: String, region: String, zone: String, subzone: String) throws {
        let locality = try #require(WorkloadLocality(parsing: text))
        #expect(locality == WorkloadLocality(region: region, zone: zone, subzone: subzone))
        #expect(locality.description == text)
        #expect(WorkloadLocality(parsing: "") == nil)
    }

    @Test("A traffic source seen from a workload carries its namespace, labels, address and key")
    func source() {
        let workload = Fixture.workload("sleep", namespace: "test", labels: ["app": "sleep"], ip: "10.248.0.99")
        let source = TrafficSource(workload: workload)
        #expect(
            source
                == TrafficSource(
                    namespace: "test",
                    labels: ["app": "sleep"],
                    address: ip("10.248.0.99"),
                    workload: WorkloadKey(namespace: "test", name: "sleep")
                )
        )
    }

    @Test("Endpoint and destination texts put IPv6 addresses in brackets")
    func texts() {
        let endpoint = ServiceEndpoint(address: .ip(ip("fd00::5")), port: 8080, servicePort: 80, transport: .hbone)
        #expect(endpoint.description == "[fd00::5]:8080")
        #expect(dst("fd00::5", 80).description == "[fd00::5]:80")
        #expect(
            ServiceEndpoint(address: .dns("api.example.com"), port: 443, servicePort: 443, transport: .plaintext)
                .description == "api.example.com:443"
        )
    }
}

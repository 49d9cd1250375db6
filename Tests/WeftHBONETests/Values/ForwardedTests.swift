import PropertyBased
import Testing
import WeftCore
import WeftHBONE

@Suite("Forwarded header")
struct ForwardedTests {
    @Test(
        "Printed as RFC 7239 with the client address quoted and IPv6 in brackets",
        arguments: [
            (Forwarded(for: .init(address: IPAddress("10.0.0.1")!, port: 43210)), "for=\"10.0.0.1:43210\""),
            (Forwarded(for: .init(address: IPAddress("fd00::1")!, port: 443)), "for=\"[fd00::1]:443\""),
            (Forwarded(for: .init(address: IPAddress("10.0.0.1")!)), "for=\"10.0.0.1\""),
            (
                Forwarded(
                    for: .init(address: IPAddress("10.0.0.1")!, port: 1),
                    host: "reviews.default.svc.cluster.local"
                ),
                "for=\"10.0.0.1:1\";host=reviews.default.svc.cluster.local"
            ),
            (Forwarded(for: nil, host: "a b\"c"), "host=\"a b\\\"c\""),
        ]
    )
    func prints(value: Forwarded, text: String) {
        #expect(value.headerValue == text)
        #expect(Forwarded(parsing: text) == value)
    }

    @Test(
        "Parsing reads the first element, ignores unknown parameters and tolerates case and spacing",
        arguments: [
            ("for=\"10.0.0.1:5\", for=10.0.0.9", "10.0.0.1:5", nil),
            ("For=10.0.0.1;proto=https;HOST=\"svc.ns\"", "10.0.0.1", "svc.ns"),
            (" for = \"[fd00::7]\" ", "[fd00::7]", nil),
            ("by=10.0.0.3;for=\"10.0.0.2:80\"", "10.0.0.2:80", nil),
            ("host=\"x;y,z\";for=\"10.0.0.2\"", "10.0.0.2", "x;y,z"),
        ] as [(String, String, String?)]
    )
    func parses(text: String, node: String, host: String?) {
        let forwarded = Forwarded(parsing: text)
        #expect(forwarded.forNode?.description == node)
        #expect(forwarded.host == host)
    }

    @Test(
        "Unknown, obfuscated or malformed nodes give no client address",
        arguments: [
            "for=unknown", "for=_hidden", "for=\"[fd00::1\"", "for=\"fd00::1\"", "for=\"[10.0.0.1]\"",
            "for=\"10.0.0.1:\"", "for=\"10.0.0.1:99999\"", "for=\"10.0.0.1", "for", "", ";;;", "for=\"\\\"",
        ]
    )
    func malformed(text: String) {
        #expect(Forwarded(parsing: text).forNode == nil)
    }

    @Test("Any client address and port round-trips")
    func roundTrip() async {
        await propertyCheck(input: Gen.uint32(), Gen.uint64(), Gen.uint16()) { v4, v6, port in
            for address in [IPAddress.v4(v4), .v6(UInt128(v6) << 17)] {
                let forwarded = Forwarded(for: .init(address: address, port: port), host: "svc.ns.svc.cluster.local")
                #expect(Forwarded(parsing: forwarded.headerValue) == forwarded)
            }
        }
    }
}

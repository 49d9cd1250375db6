import PropertyBased
import Testing
import WeftCore

@Suite("IP addresses and CIDR blocks")
struct IPAddressTests {
    @Test(
        "Canonical text round-trips",
        arguments: [
            "10.248.0.1", "0.0.0.0", "255.255.255.255", "::", "::1", "fd00:248::1", "2001:db8::8:800:200c:417a",
            "1:2:3:4:5:6:7:8", "fe80::", "1::8",
        ]
    )
    func canonical(text: String) throws {
        #expect(try IPAddress(parsing: text).description == text)
    }

    @Test(
        "IPv6 text is normalised",
        arguments: [
            ("FD00:0248:0:0:0:0:0:1", "fd00:248::1"), ("::ffff:10.0.0.1", "::ffff:a00:1"),
            ("1:0:0:2:0:0:0:3", "1:0:0:2::3"),
        ]
    )
    func normalised(input: String, expected: String) throws {
        #expect(try IPAddress(parsing: input).description == expected)
    }

    @Test(
        "Malformed addresses are rejected",
        arguments: [
            "", "1.2.3", "1.2.3.256", "01.2.3.4", "1.2.3.4.5", ":::", "1::2::3", "12345::", "g::1", "1.2.3.4/8",
        ]
    )
    func malformed(text: String) {
        #expect(IPAddress(text) == nil)
    }

    @Test("Any IPv4 address round-trips through its text")
    func v4RoundTrip() async {
        await propertyCheck(input: Gen.uint32()) { value in
            let address = IPAddress.v4(value)
            #expect(IPAddress(address.description) == address)
        }
    }

    @Test("Any IPv6 address round-trips through its text")
    func v6RoundTrip() async {
        await propertyCheck(input: Gen.uint64(), Gen.uint64()) { high, low in
            // Sparse values exercise zero-run compression.
            let value = UInt128(high & 0xffff_0000_ffff_0000) << 64 | UInt128(low & 0x0000_ffff_0000_ffff)
            let address = IPAddress.v6(value)
            #expect(IPAddress(address.description) == address, "\(address)")
        }
    }

    @Test("CIDR containment")
    func containment() throws {
        let block = try CIDR(parsing: "10.248.0.0/16")
        #expect(block.contains(IPAddress("10.248.3.4")!))
        #expect(!block.contains(IPAddress("10.249.0.1")!))
        #expect(!block.contains(IPAddress("fd00:248::1")!))
        let v6 = try CIDR(parsing: "fd00:248::/32")
        #expect(v6.contains(IPAddress("fd00:248:1::5")!))
        #expect(!v6.contains(IPAddress("fd00:249::5")!))
        #expect(try CIDR(parsing: "0.0.0.0/0").contains(IPAddress("1.2.3.4")!))
        // Istio accepts a non-canonical block such as 5.6.7.1/24.
        #expect(try CIDR(parsing: "5.6.7.1/24").contains(IPAddress("5.6.7.200")!))
        #expect(try CIDR(parsing: "1.2.3.4").prefixLength == 32)
        #expect(throws: CIDR.ParseError.self) { try CIDR(parsing: "1.2.3.4/33") }
        #expect(throws: CIDR.ParseError.self) { try CIDR(parsing: "1.2.3.4/") }
    }
}

import PropertyBased
import Testing
import WeftCore
import WeftHBONE

@Suite("HBONE authority")
struct HBONEAuthorityTests {
    @Test(
        "IPv4 and bracketed IPv6 authorities parse and print in ztunnel's form",
        arguments: [
            ("10.0.0.2:8080", "10.0.0.2:8080"),
            ("10.248.2.5:15008", "10.248.2.5:15008"),
            ("[fd00::2]:8080", "[fd00::2]:8080"),
            ("[FD00:0:0::2]:80", "[fd00::2]:80"),
            ("[::ffff:10.0.0.1]:443", "[::ffff:a00:1]:443"),
            ("0.0.0.0:65535", "0.0.0.0:65535"),
        ]
    )
    func parses(text: String, printed: String) throws {
        let authority = try HBONEAuthority(parsing: text)
        #expect(authority.description == printed)
    }

    @Test(
        "Authorities that are not IP:port are rejected with the reason",
        arguments: [
            ("10.0.0.2", "authority \"10.0.0.2\" has no port (expected IP:PORT or [IPv6]:PORT)"),
            ("fd00::2", "authority \"fd00::2\" has no port (expected IP:PORT or [IPv6]:PORT)"),
            ("fd00::2:8080", "authority \"fd00::2:8080\" has no port (expected IP:PORT or [IPv6]:PORT)"),
            ("10.0.0.2:", "authority \"10.0.0.2:\" has an invalid port (expected 1-65535)"),
            ("10.0.0.2:0", "authority \"10.0.0.2:0\" has an invalid port (expected 1-65535)"),
            ("10.0.0.2:65536", "authority \"10.0.0.2:65536\" has an invalid port (expected 1-65535)"),
            ("10.0.0.2:080", "authority \"10.0.0.2:080\" has an invalid port (expected 1-65535)"),
            ("10.0.0.2:+80", "authority \"10.0.0.2:+80\" has an invalid port (expected 1-65535)"),
            ("10.0.0.2:8o", "authority \"10.0.0.2:8o\" has an invalid port (expected 1-65535)"),
            (
                "reviews.default.svc:9080",
                "authority \"reviews.default.svc:9080\" does not name an IP address (expected IP:PORT or [IPv6]:PORT)"
            ),
            (
                "[10.0.0.2]:80",
                "authority \"[10.0.0.2]:80\" does not name an IP address (expected IP:PORT or [IPv6]:PORT)"
            ),
            ("[fd00::2:80", "authority \"[fd00::2:80\" does not name an IP address (expected IP:PORT or [IPv6]:PORT)"),
            ("[]:80", "authority \"[]:80\" does not name an IP address (expected IP:PORT or [IPv6]:PORT)"),
            (
                "[fe80::1%eth0]:80",
                "authority \"[fe80::1%eth0]:80\" does not name an IP address (expected IP:PORT or [IPv6]:PORT)"
            ),
            (
                "10.0.0.256:80",
                "authority \"10.0.0.256:80\" does not name an IP address (expected IP:PORT or [IPv6]:PORT)"
            ),
            (":80", "authority \":80\" does not name an IP address (expected IP:PORT or [IPv6]:PORT)"),
            ("", "authority \"\" has no port (expected IP:PORT or [IPv6]:PORT)"),
        ]
    )
    func rejects(text: String, reason: String) {
        #expect(throws: HBONEAuthority.ParseError.self) { try HBONEAuthority(parsing: text) }
        do {
            _ = try HBONEAuthority(parsing: text)
        } catch {
            #expect(error.description == reason)
        }
    }

    @Test("Any IPv4 address and port round-trips")
    func roundTripV4() async {
        await propertyCheck(input: Gen.uint32(), Gen.uint16(in: 1...65535)) { address, port in
            let authority = HBONEAuthority(address: .v4(address), port: port)
            #expect((try? HBONEAuthority(parsing: authority.description)) == authority)
        }
    }

    @Test("Any IPv6 address and port round-trips, always in brackets")
    func roundTripV6() async {
        await propertyCheck(input: Gen.uint64(), Gen.uint64(), Gen.uint16(in: 1...65535)) { high, low, port in
            let authority = HBONEAuthority(address: .v6(UInt128(high) << 64 | UInt128(low)), port: port)
            #expect(authority.description.hasPrefix("["))
            #expect((try? HBONEAuthority(parsing: authority.description)) == authority)
        }
    }
}

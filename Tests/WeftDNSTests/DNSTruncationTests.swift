import Testing
import WeftCore

@testable import WeftDNS

@Suite("DNS size limits and truncation")
struct DNSTruncationTests {
    /// A service with 40 IPv4 VIPs: 40 × 16 bytes of answers, more than 512.
    static let resolver = DNSResolver(
        names: DNSNameTable([
            .init(
                hostname: "big.default.svc.cluster.local",
                namespace: "default",
                addresses: (1...40).map { .v4(0xf0f0_0000 + $0) }
            )
        ])
    )

    @Test("Over UDP without EDNS an answer over 512 bytes is cut to the question with TC set")
    func truncatesAt512() throws {
        let bytes = try #require(
            Self.resolver.resolve(try queryBytes("big"), namespace: "default", transport: .udp).action.response
        )
        #expect(bytes.count <= 512)
        let response = try decoded(bytes)
        #expect(response.header.isTruncated)
        #expect(response.answers.isEmpty)
        #expect(response.questions == [DNSQuestion(name: try name("big"), type: .a)])
        #expect(response.responseCode == .noError)
    }

    @Test("The client's EDNS buffer size lifts the limit, and a truncated answer keeps its OPT record")
    func ednsLimit() throws {
        let large = try queryBytes("big", edns: DNSEDNS(udpPayloadSize: 1232))
        let full = try decoded(
            try #require(Self.resolver.resolve(large, namespace: "default", transport: .udp).action.response)
        )
        #expect(!full.header.isTruncated)
        #expect(full.answers.count == 40)

        let small = try queryBytes("big", edns: DNSEDNS(udpPayloadSize: 600))
        let cut = try decoded(
            try #require(Self.resolver.resolve(small, namespace: "default", transport: .udp).action.response)
        )
        #expect(cut.header.isTruncated)
        #expect(cut.answers.isEmpty)
        #expect(cut.edns == DNSEDNS(udpPayloadSize: 600))
    }

    @Test("The configured cap bounds what a client may ask for")
    func configuredCap() throws {
        let capped = DNSResolver(
            names: Self.resolver.names,
            configuration: DNSResolverConfiguration(maximumUDPResponseSize: 512)
        )
        let query = try queryBytes("big", edns: DNSEDNS(udpPayloadSize: 4096))
        let response = try decoded(
            try #require(capped.resolve(query, namespace: "default", transport: .udp).action.response)
        )
        #expect(response.header.isTruncated)
        #expect(response.edns?.udpPayloadSize == 512)
    }

    @Test("Over TCP the whole answer goes out")
    func tcpNoLimit() throws {
        let bytes = try #require(
            Self.resolver.resolve(try queryBytes("big"), namespace: "default", transport: .tcp).action.response
        )
        let response = try decoded(bytes)
        #expect(!response.header.isTruncated)
        #expect(response.answers.count == 40)
        #expect(bytes.count > 512)
    }

    @Test("Additional records that do not fit are dropped without setting TC (RFC 2181 §9)")
    func dropsAdditionalFirst() throws {
        var message = try queryMessage("example.com")
        message.header.isResponse = true
        message.answers = [DNSResourceRecord(name: try name("example.com"), ttl: 1, data: .address(.v4(1)))]
        message.additionals = (0..<40).map { _ in
            DNSResourceRecord(name: try! name("example.com"), ttl: 1, data: .address(.v4(2)))
        }
        let response = try decoded(message.encoded(maximumSize: 512))
        #expect(!response.header.isTruncated)
        #expect(response.answers == message.answers)
        #expect(response.additionals.isEmpty)
    }

    @Test("Encoding honours every limit down to a bare header")
    func limits() throws {
        let message = try queryMessage("example.com", edns: DNSEDNS(udpPayloadSize: 512))
        let full = message.encoded()
        #expect(full.count == 29 + 11)
        #expect(message.encoded(maximumSize: 40) == full)
        let withoutOPT = try decoded(message.encoded(maximumSize: 39))
        #expect(withoutOPT.edns == nil && withoutOPT.header.isTruncated && withoutOPT.questions.count == 1)
        let bare = message.encoded(maximumSize: 28)
        #expect(bare.count == 12)
        #expect(try decoded(bare).header.isTruncated)
    }
}

import Testing
import WeftCore

@testable import WeftDNS

@Suite("DNS message codec")
struct DNSCodecTests {
    /// `example.com. IN A`, id 0xabcd, RD set: what `dig example.com` sends (without its OPT record).
    static let exampleQuery: [UInt8] =
        [0xab, 0xcd, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]
        + [7] + Array("example".utf8) + [3] + Array("com".utf8) + [0, 0x00, 0x01, 0x00, 0x01]

    @Test("A stub resolver's query decodes field by field")
    func decodesQuery() throws {
        let message = try DNSMessage(decoding: Self.exampleQuery)
        #expect(message.header == DNSHeader(id: 0xabcd, recursionDesired: true))
        #expect(message.questions == [DNSQuestion(name: try name("example.com"), type: .a)])
        #expect(message.answers.isEmpty && message.authorities.isEmpty && message.additionals.isEmpty)
        #expect(message.edns == nil)
    }

    @Test("A response encodes byte for byte, the answer's owner compressed to the question")
    func encodesResponse() throws {
        var response = try DNSMessage(decoding: Self.exampleQuery)
        response.header.isResponse = true
        response.header.recursionAvailable = true
        response.answers = [
            DNSResourceRecord(name: try name("example.com"), ttl: 30, data: .address(try ip("93.184.216.34")))
        ]
        var expected = Self.exampleQuery
        expected[2] = 0x81
        expected[3] = 0x80
        expected[7] = 1
        expected += [0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x1e, 0x00, 0x04, 93, 184, 216, 34]
        #expect(response.encoded() == expected)
        #expect(try DNSMessage(decoding: expected) == response)
    }

    @Test("Every header flag lands on its RFC 1035 bit")
    func headerFlags() {
        let all = DNSHeader(
            id: 1,
            isResponse: true,
            opcode: .update,
            isAuthoritative: true,
            isTruncated: true,
            recursionDesired: true,
            recursionAvailable: true,
            reservedBit: true,
            authenticData: true,
            checkingDisabled: true,
            responseCodeLow: 5
        )
        #expect(all.flags == 0xaff5)
        #expect(DNSHeader(id: 1, flags: 0xaff5) == all)
        #expect(DNSHeader(id: 1, isAuthoritative: true).flags == 0x0400)
        #expect(DNSHeader(id: 1, checkingDisabled: true).flags == 0x0010)
    }

    @Test("An AAAA record and a CNAME chain round-trip")
    func aaaaAndCNAME() throws {
        let message = DNSMessage(
            header: DNSHeader(id: 7, isResponse: true),
            questions: [DNSQuestion(name: try name("www.example.com"), type: .aaaa)],
            answers: [
                DNSResourceRecord(
                    name: try name("www.example.com"),
                    ttl: 60,
                    data: .cname(try name("edge.example.com"))
                ),
                DNSResourceRecord(name: try name("edge.example.com"), ttl: 60, data: .address(try ip("2001:db8::1"))),
            ]
        )
        let bytes = message.encoded()
        #expect(try DNSMessage(decoding: bytes) == message)
        // Question 17 + header 12 + CNAME (2 + 10 + 7) + AAAA (2 + 10 + 16): every repeated suffix compressed.
        #expect(bytes.count == 12 + 21 + 19 + 28)
    }

    @Test("The OPT record passes through: size, extended code, version, DO, flags and options")
    func ednsPassthrough() throws {
        let edns = DNSEDNS(
            udpPayloadSize: 1232,
            extendedResponseCodeHigh: 1,
            version: 0,
            dnssecOK: true,
            reservedFlags: 0x0123,
            options: [DNSEDNSOption(code: 10, data: [1, 2, 3, 4, 5, 6, 7, 8]), DNSEDNSOption(code: 12, data: [])]
        )
        let message = try queryMessage("example.com", edns: edns)
        let bytes = message.encoded()
        let tail = Array(bytes.suffix(11 + 12 + 4))
        #expect(Array(tail.prefix(11)) == [0, 0x00, 0x29, 0x04, 0xd0, 0x01, 0x00, 0x81, 0x23, 0x00, 16])
        let back = try DNSMessage(decoding: bytes)
        #expect(back == message)
        #expect(back.responseCode == DNSResponseCode(rawValue: 16))
    }

    @Test("Compressed names inside NS, MX and SOA data are expanded so the bytes stay valid anywhere")
    func expandsNameBearingTypes() throws {
        var bytes = Self.exampleQuery
        bytes[7] = 3
        // NS ns1.<ptr example.com>, MX 10 <ptr example.com>, SOA <ptr> <ptr> + 20 bytes.
        bytes += [0xc0, 0x0c, 0x00, 0x02, 0x00, 0x01, 0, 0, 0, 60, 0x00, 0x06, 3] + Array("ns1".utf8) + [0xc0, 0x0c]
        bytes += [0xc0, 0x0c, 0x00, 0x0f, 0x00, 0x01, 0, 0, 0, 60, 0x00, 0x04, 0x00, 0x0a, 0xc0, 0x0c]
        bytes += [0xc0, 0x0c, 0x00, 0x06, 0x00, 0x01, 0, 0, 0, 60, 0x00, 24, 0xc0, 0x0c, 0xc0, 0x0c] + Array(1...20)
        let message = try DNSMessage(decoding: bytes)
        let example: [UInt8] = [7] + Array("example".utf8) + [3] + Array("com".utf8) + [0]
        #expect(
            message.answers.map(\.data) == [
                .opaque(type: .ns, bytes: [3] + Array("ns1".utf8) + example),
                .opaque(type: .mx, bytes: [0x00, 0x0a] + example),
                .opaque(type: .soa, bytes: example + example + Array(1...20)),
            ]
        )
        #expect(try DNSMessage(decoding: message.encoded()) == message)
    }

    @Test("Unknown types and A records of other classes pass through as bytes")
    func opaquePassthrough() throws {
        let message = DNSMessage(
            header: DNSHeader(id: 9, isResponse: true),
            answers: [
                DNSResourceRecord(name: try name("x.example"), ttl: 1, data: .opaque(type: .https, bytes: [0, 1, 0])),
                DNSResourceRecord(
                    name: try name("version.bind"),
                    recordClass: .chaos,
                    ttl: 0,
                    data: .opaque(type: .a, bytes: [1])
                ),
            ]
        )
        #expect(try DNSMessage(decoding: message.encoded()) == message)
    }

    @Test(
        "Malformed messages are rejected with the reason",
        arguments: [
            // Header only 11 bytes.
            (Array(DNSCodecTests.exampleQuery.prefix(11)), DNSDecodingError.Code.truncatedHeader),
            // Question cut in the middle of its class.
            (Array(DNSCodecTests.exampleQuery.dropLast()), .truncated),
            // One byte after the sections.
            (DNSCodecTests.exampleQuery + [0], .trailingBytes),
            // ANCOUNT 1 but nothing follows.
            (DNSCodecTests.withCount(6, 1), .truncated),
            // Label length byte 0x40 (extended label type).
            (DNSCodecTests.replacing(12, with: 0x47), .unsupportedLabelType),
            // Label length byte 0x80.
            (DNSCodecTests.replacing(12, with: 0x87), .unsupportedLabelType),
        ]
    )
    func malformed(bytes: [UInt8], code: DNSDecodingError.Code) {
        #expect(throws: DNSDecodingError.self) { try DNSMessage(decoding: bytes) }
        #expect((try? DNSMessage(decoding: bytes)) == nil)
        do {
            _ = try DNSMessage(decoding: bytes)
        } catch {
            #expect(error.code == code)
        }
    }

    @Test("An A record whose data is not four bytes is malformed")
    func badAddressLength() throws {
        var bytes = Self.exampleQuery
        bytes[7] = 1
        bytes += [0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01, 0, 0, 0, 30, 0x00, 0x03, 1, 2, 3]
        #expect(throws: DNSDecodingError(.badRecordData, at: 41)) { try DNSMessage(decoding: bytes) }
    }

    @Test("A CNAME whose name overruns its RDLENGTH is malformed")
    func cnameOverrun() throws {
        var bytes = Self.exampleQuery
        bytes[7] = 1
        bytes += [0xc0, 0x0c, 0x00, 0x05, 0x00, 0x01, 0, 0, 0, 30, 0x00, 0x01, 0xc0, 0x0c]
        #expect(throws: DNSDecodingError.self) { try DNSMessage(decoding: bytes) }
    }

    @Test("Two OPT records, an OPT record in the answers or with a non-root owner are malformed")
    func badOPT() throws {
        let opt: [UInt8] = [0, 0x00, 0x29, 0x04, 0xd0, 0, 0, 0, 0, 0, 0]
        var two = Self.exampleQuery + opt + opt
        two[11] = 2
        #expect(throws: DNSDecodingError(.badOPTRecord, at: 40)) { try DNSMessage(decoding: two) }
        var inAnswers = Self.exampleQuery + opt
        inAnswers[7] = 1
        #expect(throws: DNSDecodingError(.badOPTRecord, at: 29)) { try DNSMessage(decoding: inAnswers) }
        var named = Self.exampleQuery + [0xc0, 0x0c] + opt.dropFirst()
        named[11] = 1
        #expect(throws: DNSDecodingError(.badOPTRecord, at: 29)) { try DNSMessage(decoding: named) }
    }

    @Test("EDNS options that overrun the OPT data are malformed")
    func badOptions() throws {
        var bytes = Self.exampleQuery + [0, 0x00, 0x29, 0x04, 0xd0, 0, 0, 0, 0, 0x00, 0x05, 0x00, 0x0a, 0x00, 0x08, 1]
        bytes[11] = 1
        #expect(throws: DNSDecodingError(.badEDNSOptions, at: 44)) { try DNSMessage(decoding: bytes) }
    }

    @Test("A message never exceeds 65535 bytes: oversized data counts as not fitting")
    func oversizedRecord() throws {
        var message = try queryMessage("example.com")
        message.answers = [
            DNSResourceRecord(
                name: try name("example.com"),
                ttl: 1,
                data: .opaque(type: .txt, bytes: Array(repeating: 1, count: 70_000))
            )
        ]
        let bytes = message.encoded()
        let back = try DNSMessage(decoding: bytes)
        #expect(back.header.isTruncated)
        #expect(back.answers.isEmpty)
        #expect(back.questions == message.questions)
    }

    static func withCount(_ offset: Int, _ value: UInt8) -> [UInt8] {
        Self.replacing(offset + 1, with: value)
    }

    static func replacing(_ offset: Int, with value: UInt8) -> [UInt8] {
        var bytes = Self.exampleQuery
        bytes[offset] = value
        return bytes
    }
}

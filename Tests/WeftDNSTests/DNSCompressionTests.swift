import Testing

@testable import WeftDNS

@Suite("DNS name compression")
struct DNSCompressionTests {
    /// Reads one name from `bytes` at `offset`.
    private func read(_ bytes: [UInt8], at offset: Int = 0) throws(DNSDecodingError) -> (DNSName, next: Int) {
        var reader = DNSWireReader(bytes, offset: offset)
        let name = try reader.readName()
        return (name, reader.offset)
    }

    @Test("A pointer to an earlier name is followed, and reading resumes after the pointer")
    func validPointer() throws {
        let bytes: [UInt8] = [3, 0x61, 0x62, 0x63, 0, 1, 0x78, 0xc0, 0x00, 0xff]
        let (decoded, next) = try self.read(bytes, at: 5)
        #expect(decoded == (try name("x.abc")))
        #expect(next == 9)
    }

    @Test("A chain of backward pointers is followed to its end")
    func pointerChain() throws {
        // 0: "abc." | 5: "x" → 0 | 9: "y" → 5 | 13: → 9
        let bytes: [UInt8] = [3, 0x61, 0x62, 0x63, 0, 1, 0x78, 0xc0, 0x00, 1, 0x79, 0xc0, 0x05, 0xc0, 0x09]
        let (decoded, next) = try self.read(bytes, at: 13)
        #expect(decoded == (try name("y.x.abc")))
        #expect(next == 15)
    }

    @Test(
        "Broken pointers are rejected, never followed",
        arguments: [
            // A pointer to itself.
            ([0xc0, 0x00], 0, DNSDecodingError(.pointerLoop, at: 0)),
            // A pointer back into its own labels: "x" then → 0, forever.
            ([1, 0x78, 0xc0, 0x00], 0, DNSDecodingError(.pointerLoop, at: 2)),
            // A pointer forward.
            ([0xc0, 0x02, 0x00], 0, DNSDecodingError(.forwardPointer, at: 0)),
            // Two names pointing at each other: 6 → 0 is backward, then 2 → 6 is forward.
            ([1, 0x61, 0xc0, 0x06, 0, 0, 1, 0x62, 0xc0, 0x00], 6, DNSDecodingError(.forwardPointer, at: 2)),
            // Past the end of the message.
            ([0xc0, 0xff], 0, DNSDecodingError(.pointerOutOfRange, at: 0)),
            ([0xff, 0xff], 0, DNSDecodingError(.pointerOutOfRange, at: 0)),
            // A pointer missing its second byte.
            ([0xc0], 0, DNSDecodingError(.truncated, at: 0)),
            // A label running past the end.
            ([5, 0x61], 0, DNSDecodingError(.truncated, at: 0)),
            // No terminating zero.
            ([1, 0x61], 0, DNSDecodingError(.truncated, at: 2)),
        ]
    )
    func brokenPointers(bytes: [UInt8], offset: Int, error: DNSDecodingError) {
        #expect(throws: error) { try self.read(bytes, at: offset) }
    }

    @Test("A name that pointers stretch past 255 bytes is rejected")
    func expandsTooLong() throws {
        // Four 63-byte labels, each run pointing at the previous one: 4 × 64 + 1 = 257 bytes once expanded.
        var bytes: [UInt8] = [63] + Array(repeating: 0x61, count: 63) + [0]
        var previous = 0
        for letter: UInt8 in [0x62, 0x63, 0x64] {
            let start = bytes.count
            bytes += [63] + Array(repeating: letter, count: 63) + [0xc0, UInt8(previous)]
            previous = start
        }
        #expect(throws: DNSDecodingError(.nameTooLong, at: 0)) { try self.read(bytes, at: previous) }
        // Three of them (193 bytes) are fine.
        let (three, _) = try self.read(bytes, at: 131)
        #expect(three.wireLength == 193)
    }

    @Test("At most 127 pointers per name")
    func pointerBound() throws {
        func chain(_ count: Int) -> [UInt8] {
            var bytes: [UInt8] = [0]
            for index in 0..<count {
                let target = index == 0 ? 0 : 1 + 2 * (index - 1)
                bytes += [0xc0 | UInt8(target >> 8), UInt8(truncatingIfNeeded: target)]
            }
            return bytes
        }
        let allowed = chain(127)
        #expect(try self.read(allowed, at: allowed.count - 2).0 == .root)
        let tooMany = chain(128)
        #expect(throws: DNSDecodingError(.tooManyPointers, at: 1)) { try self.read(tooMany, at: tooMany.count - 2) }
    }

    @Test("The encoder points repeated suffixes at their first copy, keeping the case as written")
    func encoderCompresses() throws {
        let message = DNSMessage(
            header: DNSHeader(id: 1, isResponse: true),
            questions: [DNSQuestion(name: try name("a.example.com"), type: .a)],
            answers: [
                DNSResourceRecord(name: try name("b.example.com"), ttl: 1, data: .cname(try name("a.example.com"))),
                DNSResourceRecord(name: try name("A.EXAMPLE.com"), ttl: 1, data: .address(try ip("10.248.0.1"))),
            ]
        )
        let bytes = message.encoded()
        // Question: a.example.com at 12. Answer 1 owner: "b" + → 14 (example.com); its CNAME data: → 12.
        #expect(Array(bytes[31..<35]) == [1, 0x62, 0xc0, 14])
        #expect(Array(bytes[45..<47]) == [0xc0, 12])
        // Answer 2 keeps its own spelling: "A" "EXAMPLE" then → "com" of the question.
        #expect(Array(bytes[47..<59]) == [1, 0x41, 7] + Array("EXAMPLE".utf8) + [0xc0, 22])
        #expect(try DNSMessage(decoding: bytes) == message)
    }

    @Test("Queries with broken compression get FORMERR with their id")
    func resolverAnswersFormErr() throws {
        let resolver = DNSResolver(names: DNSNameTable())
        var loop = Array(DNSCodecTests.exampleQuery.prefix(12)) + [1, 0x61, 0xc0, 0x0c, 0, 1, 0, 1]
        loop[0] = 0x42
        loop[1] = 0x99
        let resolution = resolver.resolve(loop, namespace: "default", transport: .udp)
        #expect(resolution.action.kind == "formErr")
        let response = try decoded(try #require(resolution.action.response))
        #expect(response.header.id == 0x4299)
        #expect(response.header.isResponse)
        #expect(response.responseCode == .formatError)
        #expect(response.questions.isEmpty)
        #expect(resolution.question == nil)
    }
}

import PropertyBased
import Testing
import WeftCore

@testable import WeftDNS

@Suite("DNS codec and resolver properties")
struct DNSPropertyTests {
    static let resolver = DNSResolver(
        names: DNSNameTable([
            .init(hostname: "reviews.default.svc.cluster.local", namespace: "default", addresses: [.v4(0xf0f0_0001)]),
            .init(hostname: "*.example.com", namespace: "default", addresses: [.v6(0x2001_0002 << 96)]),
        ])
    )

    @Test("Any valid message survives encoding and decoding unchanged")
    func roundTrip() async {
        await propertyCheck(count: 500, input: MessageGenerators.messages) { message throws in
            let bytes = message.encoded()
            #expect(try DNSMessage(decoding: bytes) == message)
        }
    }

    @Test("Compression never makes a message longer than writing every name in full")
    func compressionShrinks() async {
        await propertyCheck(count: 200, input: MessageGenerators.messages) { message in
            let compressed = message.encoded().count
            let names =
                message.questions.map(\.name)
                + (message.answers + message.authorities + message.additionals).map(\.name)
            let fullNames = names.reduce(0) { $0 + $1.wireLength }
            #expect(compressed <= message.encodedWithoutCompressionSize(fullNameBytes: fullNames))
        }
    }

    @Test("Random bytes never trap the decoder; whatever decodes re-encodes to the same message")
    func randomBytesDecoder() async {
        await propertyCheck(count: 3000, input: MessageGenerators.randomBytes) { bytes throws in
            guard let message = try? DNSMessage(decoding: bytes) else { return }
            #expect(try DNSMessage(decoding: message.encoded()) == message)
        }
    }

    @Test("Random bytes get FORMERR (or NOTIMP for a foreign opcode), never an answer, with the id echoed")
    func randomBytesResolver() async {
        await propertyCheck(count: 3000, input: MessageGenerators.randomBytes) { bytes throws in
            let resolution = Self.resolver.resolve(bytes, namespace: "default", transport: .udp)
            #expect(["formErr", "forward", "notImp", "refused", "badVersion"].contains(resolution.action.kind))
            try Self.checkResponse(resolution, to: bytes)
        }
    }

    @Test("Mutated queries and responses never trap the decoder or the resolver")
    func mutatedPackets() async {
        let seeds = Generator { rng in
            let base: DNSMessage
            if Bool.random(using: &rng) {
                let names = ["reviews", "reviews.default", "Reviews.Default.svc", "x.example.com", "a.b"]
                let query = try! queryMessage(
                    names.randomElement(using: &rng)!,
                    Bool.random(using: &rng) ? .a : .aaaa,
                    id: UInt16.random(in: 0...UInt16.max, using: &rng),
                    edns: Bool.random(using: &rng) ? DNSEDNS(udpPayloadSize: 1232) : nil
                )
                base = query
            } else {
                base = MessageGenerators.message(&rng)
            }
            return MessageGenerators.mutate(base.encoded(), &rng)
        }
        await propertyCheck(count: 3000, input: seeds) { bytes throws in
            if let message = try? DNSMessage(decoding: bytes) {
                #expect(try DNSMessage(decoding: message.encoded()) == message)
            }
            for transport in [DNSTransport.udp, .tcp] {
                let resolution = Self.resolver.resolve(bytes, namespace: "default", transport: transport)
                try Self.checkResponse(resolution, to: bytes)
            }
        }
    }

    /// A response must decode, be a response, echo the query's id (or 0 when it had none), and fit UDP.
    static func checkResponse(_ resolution: DNSResolution, to bytes: [UInt8]) throws {
        if case .forward(let request) = resolution.action {
            #expect(request.bytes == bytes)
            return
        }
        let response = try DNSMessage(decoding: try #require(resolution.action.response))
        #expect(response.header.isResponse)
        let id = bytes.count >= 2 ? UInt16(bytes[0]) << 8 | UInt16(bytes[1]) : 0
        #expect(response.header.id == id)
        #expect(try #require(resolution.action.response).count <= 4096)
        if resolution.action.kind == "formErr" { #expect(response.responseCode == .formatError) }
    }
}

extension DNSMessage {
    /// Size of the message with every name written out: header, fixed fields, data, OPT.
    func encodedWithoutCompressionSize(fullNameBytes: Int) -> Int {
        let records = self.answers + self.authorities + self.additionals
        let data = records.reduce(0) { total, record in
            switch record.data {
            case .address(let address): return total + (address.isIPv4 ? 4 : 16)
            case .cname(let target): return total + target.wireLength
            case .opaque(_, let bytes): return total + bytes.count
            }
        }
        let opt = self.edns.map { 11 + $0.options.reduce(0) { $0 + 4 + $1.data.count } } ?? 0
        return 12 + fullNameBytes + 4 * self.questions.count + 10 * records.count + data + opt
    }
}

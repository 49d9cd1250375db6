import PropertyBased
import Testing

@testable import WeftDNS

@Suite("DNS over TCP framing")
struct DNSTCPFramingTests {
    @Test("A frame is the message behind its big-endian length")
    func frame() {
        #expect(DNSTCPFraming.frame([1, 2, 3]) == [0, 3, 1, 2, 3])
        #expect(DNSTCPFraming.frame(Array(repeating: 7, count: 300))?.prefix(2) == [1, 44])
        #expect(DNSTCPFraming.frame([]) == [0, 0])
        #expect(DNSTCPFraming.frame(Array(repeating: 0, count: 65535))?.count == 65537)
        #expect(DNSTCPFraming.frame(Array(repeating: 0, count: 65536)) == nil)
    }

    @Test("An incomplete frame waits for more bytes")
    func partial() {
        #expect(DNSTCPFraming.firstFrame(in: []) == nil)
        #expect(DNSTCPFraming.firstFrame(in: [0]) == nil)
        #expect(DNSTCPFraming.firstFrame(in: [0, 3, 1, 2]) == nil)
        let frame = DNSTCPFraming.firstFrame(in: [0, 2, 9, 8, 0, 1][...])
        #expect(frame?.message == [9, 8])
        #expect(frame?.consumed == 4)
    }

    @Test("Pipelined queries come out whole and in order, however the stream is split")
    func reassembly() async throws {
        let first = try queryBytes("reviews", id: 1)
        let second = try queryBytes("ratings.default.svc.cluster.local", .aaaa, id: 2)
        let stream = try #require(DNSTCPFraming.frame(first)) + (try #require(DNSTCPFraming.frame(second))) + [0, 0]
        let cuts = Gen<Int>.int(in: 0...stream.count).array(of: 0...6)
        await propertyCheck(count: 300, input: cuts) { cuts in
            var buffer = DNSTCPFrameBuffer()
            var messages: [[UInt8]] = []
            var start = 0
            for cut in cuts.sorted() + [stream.count] where cut >= start {
                buffer.append(stream[start..<cut])
                start = cut
                while let message = buffer.nextMessage() { messages.append(message) }
            }
            // The trailing zero-length frame yields an empty message, which the resolver answers with FORMERR.
            #expect(messages == [first, second, []])
            #expect(buffer.bufferedByteCount == 0)
        }
    }

    @Test("Bytes of a frame not yet complete stay buffered")
    func keepsRemainder() {
        var buffer = DNSTCPFrameBuffer()
        buffer.append([0, 2, 5, 6, 0, 3, 7])
        let first = buffer.nextMessage()
        let none = buffer.nextMessage()
        #expect(first == [5, 6])
        #expect(none == nil)
        #expect(buffer.bufferedByteCount == 3)
        buffer.append([8, 9])
        let second = buffer.nextMessage()
        #expect(second == [7, 8, 9])
        #expect(buffer.bufferedByteCount == 0)
    }

    @Test("A TCP query is answered in a frame, and an empty frame gets FORMERR with id 0")
    func resolverOverTCP() throws {
        let resolver = DNSResolver(
            names: DNSNameTable([
                .init(hostname: "reviews.default.svc.cluster.local", namespace: "default", addresses: [.v4(9)])
            ])
        )
        var buffer = DNSTCPFrameBuffer()
        let query = try queryBytes("reviews", id: 3)
        buffer.append(try #require(DNSTCPFraming.frame(query)) + [0, 0])
        let next = buffer.nextMessage()
        let first = try #require(next)
        let answer = try #require(resolver.resolve(first, namespace: "default", transport: .tcp).action.response)
        let framed = try #require(DNSTCPFraming.frame(answer))
        #expect(describe(try decoded(Array(framed.dropFirst(2))).answers).first == "reviews. A 0.0.0.9 ttl=30")
        let following = buffer.nextMessage()
        let second = try #require(following)
        let empty = resolver.resolve(second, namespace: "default", transport: .tcp)
        #expect(empty.action.kind == "formErr")
        #expect(try decoded(try #require(empty.action.response)).header.id == 0)
    }
}

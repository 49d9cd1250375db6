import NIOCore
import NIOEmbedded
import NIOHTTP2
import Testing
import WeftCore
import WeftHBONE

@Suite("HBONE server stream handler")
struct HBONEConnectServerHandlerTests {
    static let serverMetadata = PeerMetadata(namespace: "default", workloadName: "reviews-v1", serviceName: "reviews")

    /// A stream with the handler, plus an upstream the delegate hands out on the same loop.
    struct Harness {
        let loop = EmbeddedEventLoop()
        let reads = ReadRecorder()
        let halfClose = HalfCloseRecorder()
        let stream: EmbeddedChannel
        let upstream: EmbeddedChannel
        let calls = Counter()

        init(decide: @escaping @Sendable (HBONEConnectRequest, EmbeddedChannel) -> HBONEConnectDecision) throws {
            self.upstream = try EmbeddedChannel.active([self.halfClose], loop: self.loop)
            let upstream = self.upstream
            let calls = self.calls
            let delegate = HBONEConnectClosureDelegate { request, eventLoop in
                calls.increment()
                return eventLoop.makeSucceededFuture(decide(request, upstream))
            }
            self.stream = try EmbeddedChannel.active(
                [self.reads, HBONEConnectServerHandler(delegate: delegate)],
                loop: self.loop
            )
        }
    }

    @Test("A valid CONNECT is answered 200 with the local baggage, then bytes flow both ways")
    func acceptsAndRelays() throws {
        let harness = try Harness { _, upstream in .accept(upstream: upstream, responseMetadata: Self.serverMetadata) }
        try harness.stream.writeInbound(HTTP2Frame.FramePayload.connect("10.0.0.2:8080"))
        let response = try harness.stream.drainOutboundPayloads()
        #expect(response.count == 1)
        #expect(response.first?.responseStatus?.status == "200")
        #expect(response.first?.responseStatus?.endStream == false)
        if case .headers(let headers) = response.first {
            #expect(
                headers.headers["baggage"] == [
                    "k8s.namespace.name=default,k8s.deployment.name=reviews-v1,service.name=reviews"
                ]
            )
        }

        try harness.stream.writeInbound(HTTP2Frame.FramePayload.bytes("ping"))
        #expect(try harness.upstream.drainOutboundText() == "ping")
        try harness.upstream.writeInbound(ByteBuffer(string: "pong"))
        #expect(try harness.stream.drainOutboundPayloads().map { $0.dataText?.text } == ["pong"])
    }

    @Test("Half-close maps both ways: END_STREAM → shutdown(output) upstream, upstream FIN → empty DATA END_STREAM")
    func halfClose() throws {
        let harness = try Harness { _, upstream in .accept(upstream: upstream, responseMetadata: nil) }
        try harness.stream.writeInbound(HTTP2Frame.FramePayload.connect("10.0.0.2:8080"))
        _ = try harness.stream.drainOutboundPayloads()

        try harness.stream.writeInbound(HTTP2Frame.FramePayload.bytes("last", endStream: true))
        #expect(try harness.upstream.drainOutboundText() == "last")
        #expect(harness.halfClose.outputClosed, "the client's END_STREAM must half-close the upstream")
        #expect(harness.upstream.isActive, "the upstream stays open for its answer")

        try harness.upstream.writeInbound(ByteBuffer(string: "answer"))
        harness.upstream.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        let frames = try harness.stream.drainOutboundPayloads()
        #expect(frames.map { $0.dataText?.text } == ["answer", ""])
        #expect(frames.map { $0.dataText?.endStream } == [false, true])
    }

    @Test("DATA that arrives while the delegate decides is held, reads stop, and it is replayed in order")
    func buffersEarlyData() throws {
        let loop = EmbeddedEventLoop()
        let upstream = try EmbeddedChannel.active([], loop: loop)
        let decision = loop.makePromise(of: HBONEConnectDecision.self)
        let reads = ReadRecorder()
        let delegate = HBONEConnectClosureDelegate { _, _ in decision.futureResult }
        let stream = try EmbeddedChannel.active([reads, HBONEConnectServerHandler(delegate: delegate)], loop: loop)

        try stream.writeInbound(HTTP2Frame.FramePayload.connect("10.0.0.2:8080"))
        try stream.writeInbound(HTTP2Frame.FramePayload.bytes("early-1 "))
        try stream.writeInbound(HTTP2Frame.FramePayload.bytes("early-2"))
        let readsBefore = reads.reads
        stream.read()
        #expect(reads.reads == readsBefore, "reads are held while the delegate decides")
        #expect(try stream.drainOutboundPayloads().isEmpty, "no response before the decision")

        decision.succeed(.accept(upstream: upstream, responseMetadata: nil))
        #expect(try stream.drainOutboundPayloads().first?.responseStatus?.status == "200")
        #expect(try upstream.drainOutboundText() == "early-1 early-2")
        #expect(reads.reads > readsBefore, "reading resumes once the relay is in place")
        try stream.writeInbound(HTTP2Frame.FramePayload.bytes(" later"))
        #expect(try upstream.drainOutboundText() == " later")
    }

    @Test(
        "Malformed requests are answered 400 and never reach the delegate",
        arguments: [
            [(":method", "GET"), (":scheme", "https"), (":path", "/"), (":authority", "10.0.0.2:80")],
            [(":method", "CONNECT"), (":authority", "not-an-ip:80")],
            [(":method", "CONNECT"), (":authority", "10.0.0.2")],
            [(":method", "CONNECT"), (":authority", "10.0.0.2:80"), (":path", "/")],
            [(":method", "CONNECT"), (":authority", "10.0.0.2:80"), (":scheme", "https")],
            [(":method", "CONNECT")],
        ]
    )
    func badRequest(pairs: [(String, String)]) throws {
        let harness = try Harness { _, upstream in .accept(upstream: upstream, responseMetadata: nil) }
        try harness.stream.writeInbound(HTTP2Frame.FramePayload.requestHeaders(pairs))
        let response = try harness.stream.drainOutboundPayloads()
        #expect(response.count == 1)
        #expect(response.first?.responseStatus?.status == "400")
        #expect(response.first?.responseStatus?.endStream == true)
        #expect(harness.calls.count == 0)
        #expect(!harness.stream.isActive, "the stream is closed after its 400")
    }

    @Test(
        "The delegate's refusals are sent with their exact status",
        arguments: [
            (HBONEResponseStatus.denied(reason: "no ALLOW policy matched"), "401"),
            (.unknownWorkload(IPAddress("10.0.0.2")!), "503"),
            (.portUnavailable(port: 15001, reason: "the agent's own port"), "503"),
            (
                .destinationMismatch(
                    authority: try! HBONEAuthority(parsing: "10.0.0.2:80"),
                    connectedTo: IPAddress("10.0.0.3")!
                ), "400"
            ),
        ]
    )
    func refusals(status: HBONEResponseStatus, code: String) throws {
        let harness = try Harness { _, _ in .reject(status) }
        try harness.stream.writeInbound(HTTP2Frame.FramePayload.connect("10.0.0.2:80"))
        let response = try harness.stream.drainOutboundPayloads()
        #expect(response.map { $0.responseStatus?.status } == [code])
        #expect(response.first?.responseStatus?.endStream == true)
        #expect(!harness.stream.isActive)
        #expect(harness.calls.count == 1)
    }

    @Test("A failed dial is answered 503; a failure carrying a status uses that status")
    func dialFailure() throws {
        struct Refused: Error {}
        for (error, code) in [(Refused() as any Error, "503"), (HBONEResponseStatusError(.denied(reason: "x")), "401")]
        {
            let loop = EmbeddedEventLoop()
            let delegate = HBONEConnectClosureDelegate { _, eventLoop in eventLoop.makeFailedFuture(error) }
            let stream = try EmbeddedChannel.active([HBONEConnectServerHandler(delegate: delegate)], loop: loop)
            try stream.writeInbound(HTTP2Frame.FramePayload.connect("10.0.0.2:80"))
            #expect(try stream.drainOutboundPayloads().map { $0.responseStatus?.status } == [code])
        }
    }

    @Test("If the stream goes away while the delegate dials, the new upstream connection is closed")
    func streamGoneWhileDeciding() throws {
        let loop = EmbeddedEventLoop()
        let upstream = try EmbeddedChannel.active([], loop: loop)
        let decision = loop.makePromise(of: HBONEConnectDecision.self)
        let delegate = HBONEConnectClosureDelegate { _, _ in decision.futureResult }
        let stream = try EmbeddedChannel.active([HBONEConnectServerHandler(delegate: delegate)], loop: loop)
        try stream.writeInbound(HTTP2Frame.FramePayload.connect("10.0.0.2:8080"))
        try stream.close().wait()
        decision.succeed(.accept(upstream: upstream, responseMetadata: nil))
        #expect(!upstream.isActive)
    }

    @Test("When the relay ends, the byte totals are reported once")
    func totals() throws {
        let loop = EmbeddedEventLoop()
        let upstream = try EmbeddedChannel.active([], loop: loop)
        let reported = Counter()
        let delegate = HBONEConnectClosureDelegate { _, eventLoop in
            eventLoop.makeSucceededFuture(.accept(upstream: upstream, responseMetadata: nil))
        }
        let handler = HBONEConnectServerHandler(delegate: delegate) { request, totals in
            #expect(request.authority.description == "10.0.0.2:8080")
            #expect(totals == ByteSplice.Totals(firstToSecond: 5, secondToFirst: 3))
            reported.increment()
        }
        let stream = try EmbeddedChannel.active([handler], loop: loop)
        try stream.writeInbound(HTTP2Frame.FramePayload.connect("10.0.0.2:8080"))
        try stream.writeInbound(HTTP2Frame.FramePayload.bytes("hello"))
        try upstream.writeInbound(ByteBuffer(string: "hey"))
        try upstream.close().wait()
        #expect(!stream.isActive, "closing the upstream early aborts the stream")
        loop.run()
        #expect(reported.count == 1)
    }
}

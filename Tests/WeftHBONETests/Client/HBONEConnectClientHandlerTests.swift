import NIOCore
import NIOEmbedded
import NIOHPACK
import NIOHTTP2
import Testing
import WeftCore

@testable import WeftHBONE

@Suite("HBONE client stream handler")
struct HBONEConnectClientHandlerTests {
    static let request = HBONEConnectRequest(
        authority: try! HBONEAuthority(parsing: "10.0.0.2:9080"),
        forwarded: Forwarded(for: .init(address: IPAddress("10.0.0.1")!, port: 51000)),
        peerMetadata: PeerMetadata(namespace: "default", workloadName: "sleep")
    )

    struct Harness {
        let loop = EmbeddedEventLoop()
        let promise: EventLoopPromise<PeerMetadata?>
        let stream: EmbeddedChannel

        init() throws {
            self.promise = self.loop.makePromise()
            self.stream = try EmbeddedChannel.active(
                [
                    HBONEConnectClientHandler(
                        request: HBONEConnectClientHandlerTests.request,
                        responsePromise: self.promise
                    )
                ],
                loop: self.loop
            )
        }

        func response(_ pairs: [(String, String)], endStream: Bool = false) throws {
            try self.stream.writeInbound(HTTP2Frame.FramePayload.requestHeaders(pairs, endStream: endStream))
        }

        func failure() -> HBONEConnectError? {
            self.promise.futureResult.peekError() as? HBONEConnectError
        }
    }

    @Test("The request headers go out as soon as the stream is active, without END_STREAM")
    func sendsRequest() throws {
        let harness = try Harness()
        let sent = try harness.stream.drainOutboundPayloads()
        #expect(sent.count == 1)
        guard case .headers(let headers) = sent.first else {
            Issue.record("expected HEADERS")
            return
        }
        #expect(!headers.endStream)
        #expect(headers.headers == Self.request.headers)
    }

    @Test("200 opens the tunnel and surfaces the server's baggage; informational responses are skipped")
    func accepted() throws {
        let harness = try Harness()
        try harness.response([(":status", "100")])
        try harness.response([(":status", "200"), ("baggage", "k8s.namespace.name=prod,service.name=reviews")])
        let metadata = harness.promise.futureResult.peekValue()
        #expect(metadata == .some(PeerMetadata(namespace: "prod", serviceName: "reviews")))
        #expect(harness.stream.isActive)
    }

    @Test(
        "Any other final status fails with an error that names it, and closes the stream",
        arguments: [
            (
                "401",
                "HBONE CONNECT to 10.0.0.2:9080 was answered 401 (denied by authorization policy at the destination)"
            ),
            (
                "503",
                "HBONE CONNECT to 10.0.0.2:9080 was answered 503 (the destination workload or port is unknown, or its application refused the connection)"
            ),
            (
                "400",
                "HBONE CONNECT to 10.0.0.2:9080 was answered 400 (bad request: not a CONNECT, a bad authority, or an authority the destination does not own)"
            ),
            ("302", "HBONE CONNECT to 10.0.0.2:9080 was answered 302 (only 200 opens a tunnel)"),
        ]
    )
    func refused(status: String, message: String) throws {
        let harness = try Harness()
        try harness.response([(":status", status)], endStream: true)
        let error = harness.failure()
        #expect(error?.status == Int(status))
        #expect(error?.description == message)
        #expect(!harness.stream.isActive)
    }

    @Test("A stream that closes before any response fails with a hint about late TLS rejections")
    func closedEarly() throws {
        let harness = try Harness()
        try harness.stream.close().wait()
        #expect(harness.failure()?.code == .streamClosedBeforeResponse)
        #expect(
            harness.failure()?.description
                == "HBONE CONNECT to 10.0.0.2:9080 was closed before a response (a peer that refuses our certificate under TLS 1.3 shows up this way)"
        )
    }

    @Test(
        "Malformed responses fail the CONNECT",
        arguments: [[("x", "y")], [(":status", "abc")], [(":status", "200")]]
    )
    func malformed(pairs: [(String, String)]) throws {
        let harness = try Harness()
        try harness.response(pairs, endStream: pairs.first?.1 == "200")
        guard case .malformedResponse = harness.failure()?.code else {
            Issue.record("expected a malformed-response error")
            return
        }
    }

    @Test("Bytes the server sends right after its 200 wait for the relay and arrive first")
    func holdsEarlyData() throws {
        let harness = try Harness()
        try harness.response([(":status", "200")])
        try harness.stream.writeInbound(HTTP2Frame.FramePayload.bytes("banner "))
        let metadata = try #require(harness.promise.futureResult.peekValue())
        let connected = HBONEConnectedStream(channel: harness.stream, request: Self.request, responseMetadata: metadata)
        let downstream = try EmbeddedChannel.active([], loop: harness.loop)
        let totals = try connected.splice(with: downstream)
        try harness.stream.writeInbound(HTTP2Frame.FramePayload.bytes("more"))
        #expect(try downstream.drainOutboundText() == "banner more")
        try downstream.writeInbound(ByteBuffer(string: "hi"))
        // The request headers went out first; then the downstream's bytes.
        #expect(try harness.stream.drainOutboundPayloads().compactMap { $0.dataText?.text } == ["hi"])
        try downstream.close().wait()
        harness.loop.run()
        #expect(totals.peekValue() == ByteSplice.Totals(firstToSecond: 11, secondToFirst: 2))
    }
}

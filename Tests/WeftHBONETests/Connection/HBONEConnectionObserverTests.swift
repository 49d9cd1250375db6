import NIOCore
import NIOEmbedded
import NIOHTTP2
import Testing
import WeftHBONE

@Suite("HBONE connection observer")
struct HBONEConnectionObserverTests {
    @Test("The peer's stream limit, GOAWAY and the end of the connection are reported")
    func reports() throws {
        let limits = Locked<[Int]>([])
        let goAways = Counter()
        let reasons = ReasonLog()
        let observer = HBONEConnectionObserver(
            callbacks: .init(
                maxConcurrentStreamsChanged: { limit in limits.withLock { $0.append(limit) } },
                goAwayReceived: { goAways.increment() },
                closed: { reasons.append($0) }
            )
        )
        let channel = try EmbeddedChannel.active([observer], loop: EmbeddedEventLoop())
        try channel.writeInbound(
            HTTP2Frame(
                streamID: .rootStream,
                payload: .settings(
                    .settings([
                        .init(parameter: .maxConcurrentStreams, value: 50),
                        .init(parameter: .maxFrameSize, value: 1 << 20),
                    ])
                )
            )
        )
        try channel.writeInbound(
            HTTP2Frame(streamID: .rootStream, payload: .goAway(lastStreamID: 7, errorCode: .noError, opaqueData: nil))
        )
        #expect(limits.withLock { $0 } == [50])
        #expect(goAways.count == 1)
        // Stream errors that reach the connection pipeline stop here instead of at its tail.
        channel.pipeline.fireErrorCaught(NIOHTTP2Errors.noSuchStream(streamID: 3))
        try channel.close().wait()
        #expect(reasons.all == ["the peer sent GOAWAY (HTTP2ErrorCode<0x0 No Error>)"])
    }
}

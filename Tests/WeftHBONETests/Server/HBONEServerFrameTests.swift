import NIOCore
import NIOEmbedded
import NIOHPACK
import NIOHTTP2
import Testing
import WeftHBONE

/// The HBONE server pipeline driven with real HTTP/2 bytes from a bare client `NIOHTTP2Handler` (no TLS).
@Suite("HBONE server over HTTP/2 frames")
struct HBONEServerFrameTests {
    final class Peer {
        let loop = EmbeddedEventLoop()
        let server: EmbeddedChannel
        let client: EmbeddedChannel
        let upstream: EmbeddedChannel

        init() throws {
            self.upstream = try EmbeddedChannel.active([], loop: self.loop)
            let upstream = self.upstream
            let delegate = HBONEConnectClosureDelegate { _, eventLoop in
                eventLoop.makeSucceededFuture(.accept(upstream: upstream, responseMetadata: nil))
            }
            self.server = EmbeddedChannel(loop: self.loop)
            _ = try self.server.pipeline.syncOperations.configureHBONEServer(delegate: delegate)
            try self.server.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 15008)).wait()

            var clientConfiguration = NIOHTTP2Handler.ConnectionConfiguration()
            // Lets the test send header blocks NIOHTTP2 would refuse to send.
            clientConfiguration.headerBlockValidation = .disabled
            self.client = EmbeddedChannel(
                handler: NIOHTTP2Handler(
                    mode: .client,
                    connectionConfiguration: clientConfiguration,
                    streamConfiguration: .init()
                ),
                loop: self.loop
            )
            try self.client.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 40000)).wait()
            try self.pump()
        }

        /// Moves bytes both ways until neither side has anything to send.
        func pump() throws {
            var moved = true
            while moved {
                moved = false
                while let data = try self.client.readOutbound(as: IOData.self) {
                    guard case .byteBuffer(let buffer) = data else { continue }
                    try self.server.writeInbound(buffer)
                    moved = true
                }
                while let data = try self.server.readOutbound(as: IOData.self) {
                    guard case .byteBuffer(let buffer) = data else { continue }
                    try self.client.writeInbound(buffer)
                    moved = true
                }
                self.loop.run()
            }
        }

        func send(_ frame: HTTP2Frame) throws {
            try self.client.writeOutbound(frame)
            try self.pump()
        }

        func received() throws -> [HTTP2Frame] {
            var frames: [HTTP2Frame] = []
            while let frame = try self.client.readInbound(as: HTTP2Frame.self) {
                frames.append(frame)
            }
            return frames
        }
    }

    @Test("The server announces ztunnel's settings and raises the connection window to 16 MiB")
    func settings() throws {
        let peer = try Peer()
        let frames = try peer.received()
        let settings =
            frames.compactMap { frame -> HTTP2Settings? in
                if case .settings(.settings(let values)) = frame.payload { return values }
                return nil
            }.first ?? []
        #expect(settings.contains(HTTP2Setting(parameter: .maxConcurrentStreams, value: 200)))
        #expect(settings.contains(HTTP2Setting(parameter: .initialWindowSize, value: 4 << 20)))
        #expect(settings.contains(HTTP2Setting(parameter: .maxFrameSize, value: 1 << 20)))
        let connectionIncrements = frames.compactMap { frame -> Int? in
            if frame.streamID == .rootStream, case .windowUpdate(let increment) = frame.payload { return increment }
            return nil
        }
        #expect(connectionIncrements == [(16 << 20) - 65535])
    }

    @Test("CONNECT with :path is a stream error (RST_STREAM); the connection and its next stream are fine")
    func streamErrorStaysOnStream() throws {
        let peer = try Peer()
        _ = try peer.received()
        let bad = HPACKHeaders([(":method", "CONNECT"), (":authority", "10.0.0.2:80"), (":path", "/")])
        try peer.send(HTTP2Frame(streamID: 1, payload: .headers(.init(headers: bad))))
        let afterBad = try peer.received()
        #expect(afterBad.contains { $0.streamID == 1 && $0.payload.isReset(.protocolError) })
        #expect(!afterBad.contains { if case .goAway = $0.payload { return true } else { return false } })

        let good = HPACKHeaders([(":method", "CONNECT"), (":authority", "10.0.0.2:80")])
        try peer.send(HTTP2Frame(streamID: 3, payload: .headers(.init(headers: good))))
        let afterGood = try peer.received()
        #expect(afterGood.contains { $0.streamID == 3 && $0.payload.responseStatus?.status == "200" })
        #expect(peer.server.isActive)
    }

    @Test("A GET on the HBONE port is answered 400 on its own stream")
    func getIsBadRequest() throws {
        let peer = try Peer()
        _ = try peer.received()
        let get = HPACKHeaders([
            (":method", "GET"), (":scheme", "https"), (":path", "/"), (":authority", "10.0.0.2:80"),
        ])
        try peer.send(HTTP2Frame(streamID: 1, payload: .headers(.init(headers: get, endStream: true))))
        let frames = try peer.received()
        let status = frames.first { $0.streamID == 1 }?.payload.responseStatus
        #expect(status?.status == "400")
        #expect(status?.endStream == true)
        #expect(peer.server.isActive)
    }

    @Test("Bytes and END_STREAM cross the real HTTP/2 stream machinery both ways")
    func relayThroughHTTP2() throws {
        let peer = try Peer()
        _ = try peer.received()
        let connect = HPACKHeaders([(":method", "CONNECT"), (":authority", "10.0.0.2:80")])
        try peer.send(HTTP2Frame(streamID: 1, payload: .headers(.init(headers: connect))))
        _ = try peer.received()
        try peer.send(HTTP2Frame(streamID: 1, payload: .bytes("request")))
        #expect(try peer.upstream.drainOutboundText() == "request")
        try peer.upstream.writeInbound(ByteBuffer(string: "response"))
        peer.upstream.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        try peer.pump()
        let data = try peer.received().filter { $0.streamID == 1 }.compactMap { $0.payload.dataText }
        #expect(data.map(\.text).joined() == "response")
        #expect(data.last?.endStream == true)
    }
}

extension HTTP2Frame.FramePayload {
    func isReset(_ code: HTTP2ErrorCode) -> Bool {
        if case .rstStream(let received) = self { return received == code }
        return false
    }
}

import NIOCore
import NIOHTTP2

/// HTTP/2 and pool settings for HBONE, with ztunnel's defaults (ztunnel.md §1.4, §2.3, §2.7) so that Weft and
/// ztunnel peers see the same connection shape. Each default says where it comes from (style G12).
package struct HBONEConfiguration: Hashable, Sendable {
    /// Initial stream flow-control window: 4 MiB (ztunnel `HTTP2_STREAM_WINDOW_SIZE`). Bounds what one slow
    /// stream can make the receiving agent buffer.
    package var streamWindowSize: Int = 4 << 20
    /// Connection flow-control window: 16 MiB, 4× the stream window "to avoid cross-stream deadlock" (ztunnel
    /// `HTTP2_CONNECTION_WINDOW_SIZE`). Raised separately from the stream window (swift-notes §5).
    package var connectionWindowSize: Int = 16 << 20
    /// Largest frame we accept: 1 MiB (ztunnel `HTTP2_FRAME_SIZE`).
    package var maxFrameSize: Int = 1 << 20
    /// Streams a peer may open on one connection to our 15008: 200 (ztunnel's server; Envoy waypoints use 100).
    package var serverMaxConcurrentStreams: Int = 200
    /// Streams we open on one pooled connection before opening another: 100, further capped by the peer's
    /// SETTINGS_MAX_CONCURRENT_STREAMS (ztunnel `POOL_MAX_STREAMS_PER_CONNECTION`: "Go 100, hyper 200, Envoy 2^31").
    package var clientMaxStreamsPerConnection: Int = 100
    /// Header list limits: 64 KiB accepted by the server, 16 KiB by the client (ztunnel h2 server/client).
    package var serverMaxHeaderListSize: Int = 64 << 10
    package var clientMaxHeaderListSize: Int = 16 << 10
    /// PING every 10 s, connection dropped when no ACK arrives within 20 s (ztunnel `do_ping_pong`).
    package var keepalive: HBONEKeepaliveStateMachine.Configuration = .init()
    /// A pooled connection with no streams for 5 min is closed (ztunnel `POOL_UNUSED_RELEASE_TIMEOUT`).
    package var poolIdleTimeout: TimeAmount = .minutes(5)
    /// TCP + TLS + HTTP/2 setup to a peer's 15008 must finish in 10 s (ztunnel `CONNECTION_TIMEOUT`).
    package var connectTimeout: TimeAmount = .seconds(10)
    /// Stream requests that may wait for a connection per pool key; more fail at once, so a dead peer cannot make
    /// the agent queue without bound.
    package var maxPendingStreamsPerKey: Int = 1024

    package init() {}

    /// ztunnel's values.
    package static var defaults: Self { .init() }

    /// The NIOHTTP2 configuration for an HBONE server connection (port 15008).
    package var serverHTTP2: NIOHTTP2Handler.Configuration {
        var configuration = NIOHTTP2Handler.Configuration()
        configuration.connection.initialSettings = [
            HTTP2Setting(parameter: .maxConcurrentStreams, value: self.serverMaxConcurrentStreams),
            HTTP2Setting(parameter: .initialWindowSize, value: self.streamWindowSize),
            HTTP2Setting(parameter: .maxFrameSize, value: self.maxFrameSize),
            HTTP2Setting(parameter: .maxHeaderListSize, value: self.serverMaxHeaderListSize),
        ]
        configuration.connection.targetWindowSize = self.connectionWindowSize
        configuration.stream.targetWindowSize = self.streamWindowSize
        return configuration
    }

    /// The NIOHTTP2 configuration for an HBONE client connection (a pooled connection to a peer's 15008).
    package var clientHTTP2: NIOHTTP2Handler.Configuration {
        var configuration = NIOHTTP2Handler.Configuration()
        configuration.connection.initialSettings = [
            HTTP2Setting(parameter: .enablePush, value: 0),
            HTTP2Setting(parameter: .initialWindowSize, value: self.streamWindowSize),
            HTTP2Setting(parameter: .maxFrameSize, value: self.maxFrameSize),
            HTTP2Setting(parameter: .maxHeaderListSize, value: self.clientMaxHeaderListSize),
        ]
        configuration.connection.targetWindowSize = self.connectionWindowSize
        configuration.stream.targetWindowSize = self.streamWindowSize
        return configuration
    }
}

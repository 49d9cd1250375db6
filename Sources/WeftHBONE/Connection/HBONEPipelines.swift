import NIOCore
import NIOHTTP2

/// Pipeline setup for both ends of an HBONE connection. TLS is not set up here: the identity module provides the
/// NIOSSL contexts, and the caller adds `NIOSSLServerHandler` / `NIOSSLClientHandler` (ALPN `h2`) to the channel
/// *before* calling these, so HTTP/2 runs inside TLS. Tests call them on plaintext channels.
extension ChannelPipeline.SynchronousOperations {
    /// Makes this connection an HBONE server (port 15008): HTTP/2 with ztunnel's server settings (200 concurrent
    /// streams, 4 MiB / 16 MiB windows, 1 MiB frames), one `HBONEConnectServerHandler` per stream, the PING
    /// keepalive, and an `HBONEConnectionObserver` that keeps stream errors from reaching the pipeline's tail. Call on the channel's event loop, after the TLS handler.
    ///
    /// - Parameters:
    ///   - delegate: authorizes and dials for every stream of this connection (build one per connection so it
    ///     can capture the peer identity and the local address).
    ///   - onRelayFinished: called when an accepted tunnel has closed on both ends, with its byte totals.
    ///   - observer: told about GOAWAY and the connection's end (for logs).
    @discardableResult
    package func configureHBONEServer(
        configuration: HBONEConfiguration = .defaults,
        delegate: any HBONEConnectDelegate,
        onRelayFinished: (@Sendable (HBONEConnectRequest, ByteSplice.Totals) -> Void)? = nil,
        observer: HBONEConnectionObserver.Callbacks = .init()
    ) throws -> NIOHTTP2Handler.StreamMultiplexer {
        let http2 = configuration.serverHTTP2
        let multiplexer = try self.configureHTTP2Pipeline(
            mode: .server,
            connectionConfiguration: http2.connection,
            streamConfiguration: http2.stream
        ) { stream in
            stream.eventLoop.makeCompletedFuture {
                try stream.pipeline.syncOperations.addHandler(
                    HBONEConnectServerHandler(delegate: delegate, onRelayFinished: onRelayFinished)
                )
            }
        }
        try self.addHandler(HBONEConnectionWindowHandler(targetWindow: configuration.connectionWindowSize))
        try self.addHandler(HBONEKeepaliveHandler(configuration: configuration.keepalive))
        try self.addHandler(HBONEConnectionObserver(callbacks: observer))
        return multiplexer
    }

    /// Makes this connection an HBONE client (a pooled connection to a peer's 15008): HTTP/2 with ztunnel's client
    /// settings, the PING keepalive, and an `HBONEConnectionObserver` that reports the peer's stream limit and
    /// the connection's end. Call on the channel's event loop, after the TLS handler.
    package func configureHBONEClient(
        configuration: HBONEConfiguration = .defaults,
        observer: HBONEConnectionObserver.Callbacks = .init()
    ) throws -> NIOHTTP2Handler.StreamMultiplexer {
        let http2 = configuration.clientHTTP2
        let multiplexer = try self.configureHTTP2Pipeline(
            mode: .client,
            connectionConfiguration: http2.connection,
            streamConfiguration: http2.stream
        ) { stream in
            // Servers never open streams towards an HBONE client.
            stream.close()
        }
        try self.addHandler(HBONEConnectionWindowHandler(targetWindow: configuration.connectionWindowSize))
        try self.addHandler(HBONEKeepaliveHandler(configuration: configuration.keepalive))
        try self.addHandler(HBONEConnectionObserver(callbacks: observer))
        return multiplexer
    }
}

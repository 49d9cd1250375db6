import NIOCore
import NIOHTTP2

/// The client side of HBONE: opens CONNECT streams on an established HBONE connection (TLS + HTTP/2 set up by
/// `configureHBONEClient`), with the `forwarded`, `baggage` and `traceparent` headers of ztunnel.md §2.4.
package enum HBONEConnectClient {
    /// Opens a stream, sends `request` and waits for the final response. The future fails with an
    /// `HBONEConnectError` for any status but 200, or when the stream closes first.
    package static func connect(
        _ request: HBONEConnectRequest,
        on multiplexer: NIOHTTP2Handler.StreamMultiplexer,
        eventLoop: any EventLoop
    ) -> EventLoopFuture<HBONEConnectedStream> {
        let response = eventLoop.makePromise(of: PeerMetadata?.self)
        let stream = multiplexer.createStreamChannel { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(
                    HBONEConnectClientHandler(request: request, responsePromise: response)
                )
            }
        }
        stream.whenFailure { response.fail($0) }
        return stream.and(response.futureResult).map { channel, metadata in
            HBONEConnectedStream(channel: channel, request: request, responseMetadata: metadata)
        }
    }
}

/// An open HBONE tunnel: the stream channel after its 200, and what the server said about itself.
package struct HBONEConnectedStream: Sendable {
    /// The HTTP/2 stream channel. Frames that arrive before `splice(with:)` are held, not lost.
    package let channel: any Channel
    package let request: HBONEConnectRequest
    /// The destination's peer metadata from the response `baggage`, for destination metric labels.
    package let responseMetadata: PeerMetadata?

    /// Relays bytes between this tunnel and `downstream` (the application's TCP connection, which must be on
    /// the stream's event loop). Must be called on that loop.
    ///
    /// - Returns: a future that completes when both have closed, with `firstToSecond` = bytes received through
    ///   the tunnel and `secondToFirst` = bytes sent into it.
    package func splice(
        with downstream: any Channel,
        onReceived: ((Int) -> Void)? = nil,
        onSent: ((Int) -> Void)? = nil
    ) throws -> EventLoopFuture<ByteSplice.Totals> {
        let operations = self.channel.pipeline.syncOperations
        let handler = try operations.handler(type: HBONEConnectClientHandler.self)
        let context = try operations.context(handler: handler)
        try operations.addHandler(HBONEStreamByteCodec(), position: .after(handler))
        let totals = try ByteSplice.join(
            self.channel,
            downstream,
            startReading: false,
            onFirstForward: onReceived,
            onSecondForward: onSent
        )
        handler.startRelaying(context: context)
        ByteSplice.startReading(downstream)
        ByteSplice.startReading(self.channel)
        return totals
    }
}

import NIOCore
import NIOHTTP2

/// Watches an HBONE client connection for what the pool needs to know: the peer's
/// SETTINGS_MAX_CONCURRENT_STREAMS (which caps streams per connection), a GOAWAY (no new streams), and the
/// connection's end (including a keepalive timeout). Sits last in the connection pipeline and swallows the
/// connection-level frames and errors that reach it, so nothing falls off the end of the pipeline.
package final class HBONEConnectionObserver {
    /// What to call; every callback runs on the connection's event loop.
    package struct Callbacks: Sendable {
        package var maxConcurrentStreamsChanged: (@Sendable (Int) -> Void)?
        package var goAwayReceived: (@Sendable () -> Void)?
        /// The connection closed; the argument says why when known (for logs).
        package var closed: (@Sendable (String) -> Void)?

        package init(
            maxConcurrentStreamsChanged: (@Sendable (Int) -> Void)? = nil,
            goAwayReceived: (@Sendable () -> Void)? = nil,
            closed: (@Sendable (String) -> Void)? = nil
        ) {
            self.maxConcurrentStreamsChanged = maxConcurrentStreamsChanged
            self.goAwayReceived = goAwayReceived
            self.closed = closed
        }
    }

    private let callbacks: Callbacks
    private var closeReason = "the connection closed"

    package init(callbacks: Callbacks) {
        self.callbacks = callbacks
    }
}

// MARK: - ChannelInboundHandler

extension HBONEConnectionObserver: ChannelInboundHandler {
    package typealias InboundIn = HTTP2Frame

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = self.unwrapInboundIn(data)
        switch frame.payload {
        case .settings(.settings(let settings)):
            for setting in settings where setting.parameter == .maxConcurrentStreams {
                self.callbacks.maxConcurrentStreamsChanged?(setting.value)
            }
        case .goAway(_, let errorCode, _):
            self.closeReason = "the peer sent GOAWAY (\(errorCode))"
            self.callbacks.goAwayReceived?()
        default:
            break
        }
    }

    package func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is HBONEKeepaliveTimeout {
            self.closeReason = "no PING acknowledgement within the keepalive timeout"
        }
    }

    package func errorCaught(context: ChannelHandlerContext, error: Error) {
        // NIOHTTP2 reports stream errors here as well as connection errors, and closes the connection itself
        // when one is fatal; nothing more to do than keep the error from reaching the pipeline's tail.
    }

    package func channelInactive(context: ChannelHandlerContext) {
        self.callbacks.closed?(self.closeReason)
    }
}

import NIOCore
import NIOHTTP2

/// Opens the connection-level flow-control window to its target (16 MiB) as soon as the connection starts.
///
/// NIOHTTP2 only raises the connection window after the first DATA arrives, so without this the first 64 KiB of
/// every connection would be throttled; ztunnel (hyper) sends this WINDOW_UPDATE right after its SETTINGS.
/// Sits after `NIOHTTP2Handler` (which has then sent the preface) and leaves the pipeline once done.
package final class HBONEConnectionWindowHandler: ChannelInboundHandler, RemovableChannelHandler {
    package typealias InboundIn = HTTP2Frame
    package typealias OutboundOut = HTTP2Frame

    /// The default connection window every HTTP/2 connection starts with (RFC 9113 §6.9.2).
    private static let initialWindow = 65535
    private let targetWindow: Int

    package init(targetWindow: Int) {
        self.targetWindow = targetWindow
    }

    package func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive {
            self.openWindow(context: context)
        }
    }

    package func channelActive(context: ChannelHandlerContext) {
        context.fireChannelActive()
        self.openWindow(context: context)
    }

    private func openWindow(context: ChannelHandlerContext) {
        let increment = self.targetWindow - Self.initialWindow
        if increment > 0 {
            let frame = HTTP2Frame(streamID: .rootStream, payload: .windowUpdate(windowSizeIncrement: increment))
            context.writeAndFlush(self.wrapOutboundOut(frame), promise: nil)
        }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }
}

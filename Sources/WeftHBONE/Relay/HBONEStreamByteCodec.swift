import NIOCore
import NIOHTTP2

/// Makes an established HBONE stream channel look like a TCP connection to the handlers after it: DATA frames in
/// and out become `ByteBuffer`s, and half-close maps both ways (swift-notes §5):
/// - inbound DATA (or trailers) with END_STREAM → `ChannelEvent.inputClosed`, as a TCP channel with
///   `allowRemoteHalfClosure` reports a FIN;
/// - `close(mode: .output)` → an empty DATA frame with END_STREAM, since `HTTP2StreamChannel` treats every close
///   as a full close (RST_STREAM when the stream is still open).
///
/// NIOHTTP2 closes the stream channel once both directions have ended.
package final class HBONEStreamByteCodec {
    private var inputClosed = false
    private var outputClosed = false

    package init() {}
}

// MARK: - ChannelDuplexHandler

extension HBONEStreamByteCodec: ChannelDuplexHandler {
    package typealias InboundIn = HTTP2Frame.FramePayload
    package typealias InboundOut = ByteBuffer
    package typealias OutboundIn = ByteBuffer
    package typealias OutboundOut = HTTP2Frame.FramePayload

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .data(let payload):
            if case .byteBuffer(let buffer) = payload.data, buffer.readableBytes > 0, !self.inputClosed {
                context.fireChannelRead(self.wrapInboundOut(buffer))
            }
            if payload.endStream {
                self.closeInput(context: context)
            }
        case .headers(let payload):
            // Trailers end the request body; a tunnel has nothing else to say in them.
            if payload.endStream {
                self.closeInput(context: context)
            }
        default:
            break
        }
    }

    package func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let buffer = self.unwrapOutboundIn(data)
        guard !self.outputClosed else {
            promise?.fail(ChannelError.outputClosed)
            return
        }
        guard buffer.readableBytes > 0 else {
            // An empty DATA frame carries nothing; a later END_STREAM is a write too, so order is kept anyway.
            promise?.succeed(())
            return
        }
        context.write(self.wrapOutboundOut(.data(.init(data: .byteBuffer(buffer)))), promise: promise)
    }

    package func close(context: ChannelHandlerContext, mode: CloseMode, promise: EventLoopPromise<Void>?) {
        switch mode {
        case .output:
            guard !self.outputClosed else {
                promise?.fail(ChannelError.outputClosed)
                return
            }
            self.outputClosed = true
            let end = HTTP2Frame.FramePayload.data(
                .init(data: .byteBuffer(context.channel.allocator.buffer(capacity: 0)), endStream: true)
            )
            context.writeAndFlush(self.wrapOutboundOut(end), promise: promise)
        case .input:
            // A stream cannot stop its peer from sending except by resetting the whole stream.
            promise?.fail(ChannelError.operationUnsupported)
        case .all:
            context.close(mode: .all, promise: promise)
        }
    }

    private func closeInput(context: ChannelHandlerContext) {
        guard !self.inputClosed else { return }
        self.inputClosed = true
        context.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
    }
}

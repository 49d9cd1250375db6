import NIOCore
import NIOHTTP2

/// Opens one HBONE tunnel on a client stream: sends the CONNECT headers when the stream becomes active, waits for
/// the final response, and completes `response` with the server's peer metadata on 200 or fails it with an
/// `HBONEConnectError` naming any other status. Frames that follow the 200 are held until `startRelaying` is
/// called by `HBONEConnectedStream.splice(with:)`. Decisions live in `HBONEConnectClientStateMachine`.
package final class HBONEConnectClientHandler {
    private var machine = HBONEConnectClientStateMachine()
    private let request: HBONEConnectRequest
    private let responsePromise: EventLoopPromise<PeerMetadata?>

    package init(request: HBONEConnectRequest, responsePromise: EventLoopPromise<PeerMetadata?>) {
        self.request = request
        self.responsePromise = responsePromise
    }

    /// Replays what arrived between the 200 and now into the rest of the pipeline and lets reads through.
    func startRelaying(context: ChannelHandlerContext) {
        let replay = self.machine.startRelaying()
        for payload in replay {
            context.fireChannelRead(self.wrapInboundOut(payload))
        }
        if !replay.isEmpty {
            context.fireChannelReadComplete()
        }
    }
}

// MARK: - ChannelDuplexHandler

extension HBONEConnectClientHandler: ChannelDuplexHandler {
    package typealias InboundIn = HTTP2Frame.FramePayload
    package typealias InboundOut = HTTP2Frame.FramePayload
    package typealias OutboundIn = HTTP2Frame.FramePayload
    package typealias OutboundOut = HTTP2Frame.FramePayload

    package func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive {
            self.sendRequest(context: context)
        }
    }

    package func channelActive(context: ChannelHandlerContext) {
        self.sendRequest(context: context)
        context.fireChannelActive()
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.machine.receivedFrame(self.unwrapInboundIn(data)) {
        case .succeed(let metadata):
            self.responsePromise.succeed(metadata)
        case .fail(let code):
            self.responsePromise.fail(HBONEConnectError(code, authority: self.request.authority))
            context.close(promise: nil)
        case .forward(let payload):
            context.fireChannelRead(self.wrapInboundOut(payload))
        case .none:
            break
        }
    }

    package func read(context: ChannelHandlerContext) {
        if self.machine.read() {
            context.read()
        }
    }

    package func channelInactive(context: ChannelHandlerContext) {
        self.failIfWaiting()
        context.fireChannelInactive()
    }

    package func handlerRemoved(context: ChannelHandlerContext) {
        self.failIfWaiting()
    }

    package func errorCaught(context: ChannelHandlerContext, error: Error) {
        // A reset or protocol error on this stream; the connection's other streams are unaffected.
        self.failIfWaiting()
        context.close(promise: nil)
    }
}

// MARK: - Helpers

extension HBONEConnectClientHandler {
    private func sendRequest(context: ChannelHandlerContext) {
        guard self.machine.activated() else { return }
        let frame = HTTP2Frame.FramePayload.headers(.init(headers: self.request.headers, endStream: false))
        context.writeAndFlush(self.wrapOutboundOut(frame), promise: nil)
    }

    private func failIfWaiting() {
        if case .fail(let code) = self.machine.closed() {
            self.responsePromise.fail(HBONEConnectError(code, authority: self.request.authority))
        }
    }
}

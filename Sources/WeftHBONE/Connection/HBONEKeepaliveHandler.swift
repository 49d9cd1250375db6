import NIOCore
import NIOHTTP2

/// Sends HTTP/2 PINGs on an idle or busy HBONE connection and closes it when one goes unanswered
/// (`HBONEKeepaliveStateMachine`). Sits after `NIOHTTP2Handler`, where connection-level frames (stream 0) arrive.
///
/// On a timeout it fires `HBONEKeepaliveTimeout` down the pipeline (for logs and the pool) and closes the channel.
package final class HBONEKeepaliveHandler {
    private var machine: HBONEKeepaliveStateMachine
    private var pingTimer: Scheduled<Void>?
    private var timeoutTimer: Scheduled<Void>?

    package init(configuration: HBONEKeepaliveStateMachine.Configuration, firstPingData: UInt64 = 1) {
        self.machine = HBONEKeepaliveStateMachine(configuration: configuration, firstPingData: firstPingData)
    }
}

/// Fired as a user inbound event when a PING went unanswered and the connection is being closed.
package struct HBONEKeepaliveTimeout: Hashable, Sendable {}

// MARK: - ChannelDuplexHandler

extension HBONEKeepaliveHandler: ChannelDuplexHandler {
    package typealias InboundIn = HTTP2Frame
    package typealias InboundOut = HTTP2Frame
    package typealias OutboundIn = HTTP2Frame
    package typealias OutboundOut = HTTP2Frame

    package func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive {
            self.run(self.machine.start(), context: context)
        }
    }

    package func handlerRemoved(context: ChannelHandlerContext) {
        self.run(self.machine.stop(), context: context)
    }

    package func channelActive(context: ChannelHandlerContext) {
        self.run(self.machine.start(), context: context)
        context.fireChannelActive()
    }

    package func channelInactive(context: ChannelHandlerContext) {
        self.run(self.machine.stop(), context: context)
        context.fireChannelInactive()
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let frame = self.unwrapInboundIn(data)
        if case .ping(let pingData, ack: true) = frame.payload {
            self.run(self.machine.pingAckReceived(data: pingData.integer), context: context)
        }
        context.fireChannelRead(data)
    }
}

// MARK: - Actions

extension HBONEKeepaliveHandler {
    private func run(_ action: HBONEKeepaliveStateMachine.Action, context: ChannelHandlerContext) {
        switch action {
        case .none:
            break
        case .schedulePing(let delay):
            self.schedulePing(after: delay, context: context)
        case .sendPing(let data, let timeout):
            let frame = HTTP2Frame(streamID: .rootStream, payload: .ping(HTTP2PingData(withInteger: data), ack: false))
            context.writeAndFlush(self.wrapOutboundOut(frame), promise: nil)
            self.timeoutTimer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) {
                self.run(self.machine.timeoutFired(), context: context)
            }
        case .cancelTimeoutAndSchedulePing(let delay):
            self.timeoutTimer?.cancel()
            self.timeoutTimer = nil
            self.schedulePing(after: delay, context: context)
        case .closeConnection:
            self.pingTimer?.cancel()
            self.pingTimer = nil
            self.timeoutTimer = nil
            context.fireUserInboundEventTriggered(HBONEKeepaliveTimeout())
            context.close(promise: nil)
        case .cancelTimers:
            self.pingTimer?.cancel()
            self.timeoutTimer?.cancel()
            self.pingTimer = nil
            self.timeoutTimer = nil
        }
    }

    private func schedulePing(after delay: TimeAmount, context: ChannelHandlerContext) {
        self.pingTimer = context.eventLoop.assumeIsolated().scheduleTask(in: delay) {
            self.run(self.machine.pingTimerFired(), context: context)
        }
    }
}

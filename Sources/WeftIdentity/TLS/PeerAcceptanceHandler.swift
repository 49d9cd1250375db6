import NIOCore
import NIOTLS

/// Sits right after the client's `NIOSSLClientHandler` and reports whether the server accepted this node's
/// certificate (see `PeerAcceptanceStateMachine` for the rule).
///
/// `accepted` succeeds on the first bytes from the server and fails with a `TLSAuthenticationError` otherwise.
/// The handler also replaces the raw error the pipeline would see (an alert, `uncleanShutdown`, EOF) by that
/// `TLSAuthenticationError`, so that the layers above log "refused by the peer after the handshake" rather
/// than an I/O error. Callers must wait for `accepted` before calling the connection usable (e.g. before
/// putting it in a pool).
package final class PeerAcceptanceHandler: ChannelInboundHandler, RemovableChannelHandler {
    package typealias InboundIn = NIOAny
    package typealias InboundOut = NIOAny

    private var machine = PeerAcceptanceStateMachine()
    private let accepted: EventLoopPromise<Void>
    private let peer: String

    /// - Parameters:
    ///   - accepted: completed once: success when the server sent data, failure with `TLSAuthenticationError`.
    ///   - peer: how to name the peer in errors (`10.248.2.5:15008`).
    package init(accepted: EventLoopPromise<Void>, peer: String) {
        self.accepted = accepted
        self.peer = peer
    }

    package func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent {
            self.perform(self.machine.handshakeCompleted(), context: context, underlying: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.perform(self.machine.dataReceived(), context: context, underlying: nil)
        context.fireChannelRead(data)
    }

    package func errorCaught(context: ChannelHandlerContext, error: any Error) {
        let action = self.machine.errorCaught()
        if case .fail = action {
            self.perform(action, context: context, underlying: error)
        } else {
            context.fireErrorCaught(error)
        }
    }

    package func channelInactive(context: ChannelHandlerContext) {
        self.perform(self.machine.closed(), context: context, underlying: nil)
        context.fireChannelInactive()
    }

    package func handlerRemoved(context: ChannelHandlerContext) {
        // A removed handler can no longer tell; never leave the promise pending.
        if case .fail(let code) = self.machine.closed() {
            self.accepted.fail(
                TLSAuthenticationError(code, peer: self.peer, underlying: "removed before the peer was heard from")
            )
        }
    }

    private func perform(
        _ action: PeerAcceptanceStateMachine.Action,
        context: ChannelHandlerContext,
        underlying: (any Error)?
    ) {
        switch action {
        case .none:
            break
        case .accept:
            self.accepted.succeed(())
        case .fail(let code):
            let text = underlying.map { "\($0)" } ?? "connection closed (EOF)"
            let error = TLSAuthenticationError(code, peer: self.peer, underlying: text)
            self.accepted.fail(error)
            context.fireErrorCaught(error)
        }
    }
}

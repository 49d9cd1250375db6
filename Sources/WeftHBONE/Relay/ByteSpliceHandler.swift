import NIOCore

/// One half of a byte relay between two channels that carry `ByteBuffer`s: a TCP connection, or an HBONE stream
/// behind `HBONEStreamByteCodec`. Create the halves with `matchedPair()` and add one to each channel; both
/// channels must be on the same event loop, because each half calls into its partner directly.
///
/// - Backpressure: a read is passed on only while the partner channel is writable; otherwise it is held and
///   replayed when the partner reports `channelWritabilityChanged`. So the relay never buffers more than one read
///   (for an HBONE stream: at most its 4 MiB flow-control window) plus the partner's write watermark, however slow
///   the far reader is (NIO's connect-proxy `GlueHandler`).
/// - Half-close: end of input on one side (`ChannelEvent.inputClosed`) becomes `close(mode: .output)` on the other,
///   issued only after the partner's earlier writes have completed, because NIO turns a half-close of a socket
///   whose input is already shut into a full close that would drop them.
/// - Abort: when one channel closes before both directions ended cleanly, the other is closed too.
/// - Counting: `bytesForwarded` counts the bytes read from this half's channel and written to the partner, for
///   metrics (`istio_tcp_*_bytes_total`) and the access log.
package final class ByteSpliceHandler {
    private var partner: ByteSpliceHandler?
    private var context: ChannelHandlerContext?
    private var pendingRead = false
    /// This channel's input has ended and the end was forwarded to the partner.
    private var inputEnded = false
    /// This channel's output was shut down (`ChannelEvent.outputClosed`).
    private var outputClosed = false
    /// This channel reported an error, so its end is not a clean one.
    private var failed = false
    /// Called with each chunk's size as it is forwarded, for live byte counters.
    private let onForward: ((Int) -> Void)?

    /// Bytes read from this half's channel and passed to the partner.
    package private(set) var bytesForwarded: Int = 0

    private init(onForward: ((Int) -> Void)?) {
        self.onForward = onForward
    }

    /// Two halves that know each other; add `first` to one channel and `second` to the other.
    package static func matchedPair(
        onFirstForward: ((Int) -> Void)? = nil,
        onSecondForward: ((Int) -> Void)? = nil
    ) -> (first: ByteSpliceHandler, second: ByteSpliceHandler) {
        let first = ByteSpliceHandler(onForward: onFirstForward)
        let second = ByteSpliceHandler(onForward: onSecondForward)
        first.partner = second
        second.partner = first
        return (first, second)
    }
}

// MARK: - Calls from the partner

extension ByteSpliceHandler {
    private func partnerWrite(_ buffer: ByteBuffer) {
        self.context?.write(NIOAny(buffer), promise: nil)
    }

    private func partnerFlush() {
        self.context?.flush()
    }

    /// The partner's input ended: end our output once everything written before has gone out.
    private func partnerInputEnded() {
        guard let context = self.context else { return }
        let drained = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(NIOAny(context.channel.allocator.buffer(capacity: 0)), promise: drained)
        drained.futureResult.assumeIsolated().whenComplete { result in
            switch result {
            case .success:
                context.close(mode: .output).assumeIsolated().whenFailure { error in
                    // A channel that cannot half-close (or already has) is closed fully instead.
                    if case ChannelError.outputClosed = error { return }
                    context.close(promise: nil)
                }
            case .failure:
                context.close(promise: nil)
            }
        }
    }

    /// The partner's channel closed. Unless both directions already ended cleanly, this is an abort.
    private func partnerClosed(partnerInputEnded: Bool) {
        guard let context = self.context else { return }
        if !(partnerInputEnded && self.inputEnded) {
            context.close(promise: nil)
        }
    }

    private var partnerIsWritable: Bool {
        self.context?.channel.isWritable ?? false
    }

    private func partnerBecameWritable() {
        if self.pendingRead {
            self.pendingRead = false
            self.context?.read()
        }
    }
}

// MARK: - ChannelDuplexHandler

extension ByteSpliceHandler: ChannelDuplexHandler {
    package typealias InboundIn = ByteBuffer
    package typealias OutboundIn = ByteBuffer
    package typealias OutboundOut = ByteBuffer

    package func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    package func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        self.partner = nil
    }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = self.unwrapInboundIn(data)
        self.bytesForwarded += buffer.readableBytes
        self.onForward?(buffer.readableBytes)
        self.partner?.partnerWrite(buffer)
    }

    package func channelReadComplete(context: ChannelHandlerContext) {
        self.partner?.partnerFlush()
    }

    package func channelInactive(context: ChannelHandlerContext) {
        if !self.inputEnded && self.outputClosed && !self.failed {
            // A socket whose output is already shut down reports the peer's FIN as a full close, without
            // `inputClosed` (NIO escalates the half-close); everything before the FIN has been read, so this is a
            // clean end of input.
            self.inputEnded = true
            self.partner?.partnerInputEnded()
        }
        self.partner?.partnerClosed(partnerInputEnded: self.inputEnded)
        context.fireChannelInactive()
    }

    package func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event as? ChannelEvent {
        case .some(.inputClosed) where !self.inputEnded:
            self.inputEnded = true
            self.partner?.partnerInputEnded()
        case .some(.outputClosed):
            self.outputClosed = true
        default:
            break
        }
        context.fireUserInboundEventTriggered(event)
    }

    package func errorCaught(context: ChannelHandlerContext, error: Error) {
        self.failed = true
        context.close(promise: nil)
    }

    package func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            self.partner?.partnerBecameWritable()
        }
        context.fireChannelWritabilityChanged()
    }

    package func read(context: ChannelHandlerContext) {
        if self.partner?.partnerIsWritable ?? false {
            context.read()
        } else {
            self.pendingRead = true
        }
    }
}

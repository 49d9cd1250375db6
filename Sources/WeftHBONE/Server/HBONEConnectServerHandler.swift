import NIOCore
import NIOHPACK
import NIOHTTP2

/// Serves one HBONE CONNECT stream (ztunnel.md §2.5): validates the request headers, asks the
/// `HBONEConnectDelegate` to authorize and dial, answers 200 / 400 / 401 / 503, then relays bytes between the
/// stream and the application's TCP connection (`HBONEStreamByteCodec` + `ByteSplice`).
///
/// Everything that goes wrong here stays a stream error: a bad request gets its status and the stream is closed
/// (RST_STREAM if the client is still sending); the HTTP/2 connection and its other streams carry on (style G8).
/// The decisions live in `HBONEConnectServerStateMachine`; this handler only does the I/O.
package final class HBONEConnectServerHandler {
    private var machine = HBONEConnectServerStateMachine()
    private let delegate: any HBONEConnectDelegate
    private let onRelayFinished: (@Sendable (HBONEConnectRequest, ByteSplice.Totals) -> Void)?

    /// - Parameter onRelayFinished: called once both ends of an accepted tunnel have closed, with the bytes
    ///   received from the client (`firstToSecond`) and sent to it (`secondToFirst`).
    package init(
        delegate: any HBONEConnectDelegate,
        onRelayFinished: (@Sendable (HBONEConnectRequest, ByteSplice.Totals) -> Void)? = nil
    ) {
        self.delegate = delegate
        self.onRelayFinished = onRelayFinished
    }
}

// MARK: - ChannelDuplexHandler

extension HBONEConnectServerHandler: ChannelDuplexHandler {
    package typealias InboundIn = HTTP2Frame.FramePayload
    package typealias InboundOut = HTTP2Frame.FramePayload
    package typealias OutboundIn = HTTP2Frame.FramePayload
    package typealias OutboundOut = HTTP2Frame.FramePayload

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.machine.receivedFrame(self.unwrapInboundIn(data)) {
        case .decide(let request):
            self.decide(request, context: context)
        case .reject(let status):
            self.respond(status, metadata: nil, context: context)
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
        self.machine.closed()
        context.fireChannelInactive()
    }

    package func errorCaught(context: ChannelHandlerContext, error: Error) {
        // A stream error (reset, protocol error on this stream) ends this stream only.
        self.machine.closed()
        context.close(promise: nil)
    }
}

// MARK: - Actions

extension HBONEConnectServerHandler {
    private func decide(_ request: HBONEConnectRequest, context: ChannelHandlerContext) {
        let decision = self.delegate.decide(request, on: context.eventLoop)
        decision.hop(to: context.eventLoop).assumeIsolated().whenComplete { result in
            switch result {
            case .success(.accept(let upstream, let metadata)):
                switch self.machine.decided(.ok) {
                case .accept(let replay):
                    self.establish(request, upstream: upstream, metadata: metadata, replay: replay, context: context)
                case .reject, .discardUpstream:
                    upstream.close(promise: nil)
                }
            case .success(.reject(let status)):
                // `.reject(.ok)` is a delegate bug; refusing is the safe reading of it.
                let refusal =
                    status == .ok
                    ? HBONEResponseStatus.upstreamUnavailable(authority: request.authority, reason: "rejected")
                    : status
                self.finish(self.machine.decided(refusal), context)
            case .failure(let error as HBONEResponseStatusError):
                self.finish(self.machine.decided(error.status), context)
            case .failure(let error):
                let status = HBONEResponseStatus.upstreamUnavailable(authority: request.authority, reason: "\(error)")
                self.finish(self.machine.decided(status), context)
            }
        }
    }

    private func finish(_ action: HBONEConnectServerStateMachine.DecisionAction, _ context: ChannelHandlerContext) {
        switch action {
        case .reject(let status):
            self.respond(status, metadata: nil, context: context)
        case .accept, .discardUpstream:
            // `.accept` cannot follow a rejection; nothing was opened that needs closing.
            break
        }
    }

    /// Sends the response headers; anything but 200 ends the stream.
    private func respond(_ status: HBONEResponseStatus, metadata: PeerMetadata?, context: ChannelHandlerContext) {
        var headers: HPACKHeaders = [":status": String(status.code)]
        if let metadata, !metadata.isEmpty {
            headers.add(name: "baggage", value: metadata.baggage.headerValue)
        }
        let endStream = status != .ok
        let frame = HTTP2Frame.FramePayload.headers(.init(headers: headers, endStream: endStream))
        context.writeAndFlush(self.wrapOutboundOut(frame), promise: nil)
        if endStream {
            // Closing resets the stream if the client is still sending; the response went out first.
            context.close(promise: nil)
        }
    }

    private func establish(
        _ request: HBONEConnectRequest,
        upstream: any Channel,
        metadata: PeerMetadata?,
        replay: [HTTP2Frame.FramePayload],
        context: ChannelHandlerContext
    ) {
        guard upstream.eventLoop === context.eventLoop else {
            assertionFailure("the delegate dialed the upstream on another event loop")
            upstream.close(promise: nil)
            self.respond(
                .upstreamUnavailable(authority: request.authority, reason: "upstream dialed on another event loop"),
                metadata: nil,
                context: context
            )
            return
        }
        self.respond(.ok, metadata: metadata, context: context)
        do {
            try context.pipeline.syncOperations.addHandler(HBONEStreamByteCodec(), position: .after(self))
            let totals = try ByteSplice.join(context.channel, upstream, startReading: false)
            if let onRelayFinished = self.onRelayFinished {
                totals.whenSuccess { onRelayFinished(request, $0) }
            }
        } catch {
            upstream.close(promise: nil)
            context.close(promise: nil)
            return
        }
        for payload in replay {
            context.fireChannelRead(self.wrapInboundOut(payload))
        }
        if !replay.isEmpty {
            context.fireChannelReadComplete()
        }
        ByteSplice.startReading(upstream)
        ByteSplice.startReading(context.channel)
    }
}

import NIOHTTP2

/// The life of one HBONE CONNECT stream on the server (port 15008), as a value that returns actions
/// (style G3); `HBONEConnectServerHandler` carries them out.
///
/// States: `awaitingHeaders` → (valid CONNECT) `deciding` → (accepted) `established`, or → `rejected` at either
/// step; any state → `closed` when the stream goes away. While deciding, DATA frames are buffered and reads are
/// held, so the peer can send at most what is already in flight (the stream window bounds it) before the
/// delegate has answered; the buffer is replayed in order once the relay exists.
package struct HBONEConnectServerStateMachine {
    private enum State {
        case awaitingHeaders
        case deciding(buffered: [HTTP2Frame.FramePayload], readPending: Bool)
        case established
        case rejected
        case closed
        /// Only while an associated value is being changed, so buffered frames are not copied (NIO pattern).
        case modifying
    }

    /// What to do with an inbound frame.
    package enum FrameAction {
        /// Ask the delegate about this request.
        case decide(HBONEConnectRequest)
        /// Answer with this status (400 here) and close the stream.
        case reject(HBONEResponseStatus)
        /// Pass the frame on to the relay.
        case forward(HTTP2Frame.FramePayload)
        /// Nothing to do (buffered, or late frames of a rejected stream).
        case none
    }

    /// What to do with the delegate's answer.
    package enum DecisionAction {
        /// Answer 200, build the relay, replay these frames, then start reading.
        case accept(replay: [HTTP2Frame.FramePayload])
        /// Answer with this status and close the stream.
        case reject(HBONEResponseStatus)
        /// The stream is gone: close the upstream channel the delegate opened, if any.
        case discardUpstream
    }

    private var state: State = .awaitingHeaders

    package init() {}

    package mutating func receivedFrame(_ payload: HTTP2Frame.FramePayload) -> FrameAction {
        switch self.state {
        case .awaitingHeaders:
            guard case .headers(let headers) = payload else {
                // NIOHTTP2 never delivers DATA before HEADERS; treat it as a malformed request all the same.
                self.state = .rejected
                return .reject(.malformedRequest("the stream did not start with HEADERS"))
            }
            let request: HBONEConnectRequest
            do {
                request = try HBONEConnectRequest(validating: headers.headers)
            } catch {
                self.state = .rejected
                return .reject(error.status)
            }
            // END_STREAM on the request headers means the client will send nothing: replay that as end of input.
            let buffered: [HTTP2Frame.FramePayload] =
                headers.endStream ? [.data(.init(data: .byteBuffer(.init()), endStream: true))] : []
            self.state = .deciding(buffered: buffered, readPending: false)
            return .decide(request)
        case .deciding(var buffered, let readPending):
            self.state = .modifying
            buffered.append(payload)
            self.state = .deciding(buffered: buffered, readPending: readPending)
            return .none
        case .established:
            return .forward(payload)
        case .rejected, .closed:
            return .none
        case .modifying:
            preconditionFailure("Internal inconsistency in HBONEConnectServerStateMachine")
        }
    }

    /// The pipeline asked for a read. Returns whether to pass it on now.
    package mutating func read() -> Bool {
        switch self.state {
        case .deciding(let buffered, _):
            self.state = .deciding(buffered: buffered, readPending: true)
            return false
        case .awaitingHeaders, .established, .rejected, .closed:
            return true
        case .modifying:
            preconditionFailure("Internal inconsistency in HBONEConnectServerStateMachine")
        }
    }

    /// The delegate accepted (`status == .ok`) or rejected the request.
    package mutating func decided(_ status: HBONEResponseStatus) -> DecisionAction {
        switch self.state {
        case .deciding(let buffered, _):
            if status == .ok {
                self.state = .established
                return .accept(replay: buffered)
            }
            self.state = .rejected
            return .reject(status)
        case .closed, .rejected:
            return .discardUpstream
        case .awaitingHeaders, .established:
            assertionFailure("a decision arrived for a stream that was not waiting for one")
            return .discardUpstream
        case .modifying:
            preconditionFailure("Internal inconsistency in HBONEConnectServerStateMachine")
        }
    }

    /// The stream closed (reset by the peer, or finished).
    package mutating func closed() {
        self.state = .closed
    }
}

import NIOHTTP2

/// The life of one HBONE CONNECT stream on the client, as a value that returns actions (style G3);
/// `HBONEConnectClientHandler` carries them out.
///
/// States: `idle` → (stream active) `awaitingResponse` → (`:status 200`) `established` → (caller attaches the
/// relay) `relaying`; any other final status, or the stream closing first, → `failed`. Between the 200 and the
/// relay, DATA is buffered and reads are held, so nothing the server sends right after accepting is lost.
package struct HBONEConnectClientStateMachine {
    private enum State {
        case idle
        case awaitingResponse
        case established(buffered: [HTTP2Frame.FramePayload], readPending: Bool)
        case relaying
        case failed
        /// Only while an associated value is being changed (NIO pattern, avoids copying the buffer).
        case modifying
    }

    package enum FrameAction {
        /// The tunnel is open; hand the stream to the caller with the server's peer metadata.
        case succeed(PeerMetadata?)
        /// The CONNECT failed; report this and close the stream.
        case fail(HBONEConnectError.Code)
        /// Pass the frame on to the relay.
        case forward(HTTP2Frame.FramePayload)
        case none
    }

    package enum CloseAction: Equatable {
        /// The caller is still waiting: fail it.
        case fail(HBONEConnectError.Code)
        case none
    }

    private var state: State = .idle

    package init() {}

    /// The stream is active: the caller sends the request headers.
    package mutating func activated() -> Bool {
        guard case .idle = self.state else { return false }
        self.state = .awaitingResponse
        return true
    }

    package mutating func receivedFrame(_ payload: HTTP2Frame.FramePayload) -> FrameAction {
        switch self.state {
        case .idle, .awaitingResponse:
            guard case .headers(let headers) = payload else {
                self.state = .failed
                return .fail(.malformedResponse("DATA arrived before the response headers"))
            }
            guard let statusText = headers.headers.first(name: ":status"), let status = Int(statusText),
                (100...599).contains(status)
            else {
                self.state = .failed
                return .fail(.malformedResponse("the response has no valid :status"))
            }
            if (100...199).contains(status) && !headers.endStream {
                return .none  // informational; the final response follows
            }
            guard status == 200, !headers.endStream else {
                self.state = .failed
                return .fail(
                    status == 200 ? .malformedResponse("a 200 that ends the stream") : .unexpectedStatus(status)
                )
            }
            let baggage = headers.headers["baggage"]
            self.state = .established(buffered: [], readPending: false)
            return .succeed(baggage.isEmpty ? nil : PeerMetadata(Baggage(parsing: baggage)))
        case .established(var buffered, let readPending):
            self.state = .modifying
            buffered.append(payload)
            self.state = .established(buffered: buffered, readPending: readPending)
            return .none
        case .relaying:
            return .forward(payload)
        case .failed:
            return .none
        case .modifying:
            preconditionFailure("Internal inconsistency in HBONEConnectClientStateMachine")
        }
    }

    /// The pipeline asked for a read. Returns whether to pass it on now.
    package mutating func read() -> Bool {
        switch self.state {
        case .established(let buffered, _):
            self.state = .established(buffered: buffered, readPending: true)
            return false
        case .idle, .awaitingResponse, .relaying, .failed:
            return true
        case .modifying:
            preconditionFailure("Internal inconsistency in HBONEConnectClientStateMachine")
        }
    }

    /// The caller attached the relay: replay these frames, then let reads through.
    package mutating func startRelaying() -> [HTTP2Frame.FramePayload] {
        guard case .established(let buffered, _) = self.state else { return [] }
        self.state = .relaying
        return buffered
    }

    package mutating func closed() -> CloseAction {
        switch self.state {
        case .idle, .awaitingResponse:
            self.state = .failed
            return .fail(.streamClosedBeforeResponse)
        case .established, .relaying, .failed:
            self.state = .failed
            return .none
        case .modifying:
            preconditionFailure("Internal inconsistency in HBONEConnectClientStateMachine")
        }
    }
}

/// Decides whether a client-side mTLS connection was accepted by the server, despite TLS 1.3 reporting the
/// handshake complete early (swift-notes §4).
///
/// **States**: `handshaking` → (`handshakeCompleted`) → `awaitingPeerData` → (first bytes from the peer) →
/// `accepted`; any error or close before acceptance → `failed`. The first application byte from the server
/// proves it accepted the client certificate: an HBONE server always speaks first (its HTTP/2 SETTINGS frame),
/// so a rejection can never look like acceptance. An error or close while `awaitingPeerData` is the late
/// rejection. Driven by `PeerAcceptanceHandler`; each event reports at most one outcome.
package struct PeerAcceptanceStateMachine: Sendable {
    /// What the handler must do.
    package enum Action: Hashable, Sendable {
        /// Nothing to report.
        case none
        /// The peer accepted us.
        case accept
        /// Authentication failed, with this code.
        case fail(TLSAuthenticationError.Code)
    }

    private enum State: Hashable, Sendable {
        case handshaking
        case awaitingPeerData
        case accepted
        case failed
    }

    private var state: State = .handshaking

    package init() {}

    /// TLS reported the handshake complete on our side.
    package mutating func handshakeCompleted() -> Action {
        if self.state == .handshaking { self.state = .awaitingPeerData }
        return .none
    }

    /// Application bytes arrived from the peer.
    package mutating func dataReceived() -> Action {
        guard self.state == .awaitingPeerData else { return .none }
        self.state = .accepted
        return .accept
    }

    /// The connection reported an error.
    package mutating func errorCaught() -> Action {
        self.failIfPending()
    }

    /// The connection closed.
    package mutating func closed() -> Action {
        self.failIfPending()
    }

    private mutating func failIfPending() -> Action {
        switch self.state {
        case .handshaking:
            self.state = .failed
            return .fail(.handshakeFailed)
        case .awaitingPeerData:
            self.state = .failed
            return .fail(.rejectedAfterHandshake)
        case .accepted, .failed:
            return .none
        }
    }
}

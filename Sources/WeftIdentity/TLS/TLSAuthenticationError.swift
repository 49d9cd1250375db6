/// An mTLS connection failed authentication, with a message an operator can act on (style G11).
///
/// `.rejectedAfterHandshake` is the TLS 1.3 pitfall (swift-notes §4): the client finishes its side of the
/// handshake before the server has checked the client certificate, so a refusal arrives only as an alert, an
/// error or an EOF on first use. Treating that as a network glitch and retrying hides a trust problem; it is an
/// authentication failure.
package struct TLSAuthenticationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of failure; tests compare this.
    package enum Code: Hashable, Sendable {
        /// The handshake itself failed (the server identity was refused, no common TLS version, …).
        case handshakeFailed
        /// The handshake completed on this side, then the peer closed or errored before sending anything: it
        /// refused our certificate.
        case rejectedAfterHandshake
    }

    package var code: Code
    /// The peer, as the operator knows it (`10.248.2.5:15008`).
    package var peer: String
    /// What the transport reported.
    package var underlying: String

    package init(_ code: Code, peer: String, underlying: String) {
        self.code = code
        self.peer = peer
        self.underlying = underlying
    }

    package var description: String {
        switch self.code {
        case .handshakeFailed:
            return "mTLS handshake with \(self.peer) failed: \(self.underlying)"
        case .rejectedAfterHandshake:
            return
                "mTLS to \(self.peer) was refused by the peer after the handshake: it did not accept this node's "
                + "certificate (missing, from another CA root, of another trust domain, or expired?) (\(self.underlying))"
        }
    }
}

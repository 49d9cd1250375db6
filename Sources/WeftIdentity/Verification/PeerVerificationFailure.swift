/// Why a peer's certificate chain was refused during the TLS handshake (style G11).
///
/// The TLS layer only learns "failed"; this value carries the reason for the log line and for tests, e.g.
/// `peer certificate refused (claims spiffe://other.local/ns/default/sa/a): peer identity … is not in trust
/// domain cluster.local`.
package struct PeerVerificationFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of refusal; tests compare this.
    package enum Code: Hashable, Sendable {
        /// The peer sent no certificate.
        case noCertificate
        /// A presented certificate does not parse.
        case malformedCertificate
        /// No chain from the leaf to a root of the trust bundle exists (self-signed, another CA, missing
        /// intermediate).
        case noTrustedChain
        /// A chain to a trusted root exists but fails a policy: expired, wrong trust domain, unexpected identity.
        case policyViolation
    }

    package var code: Code
    /// The identity the leaf claims (unverified), if any, so the operator sees who was refused.
    package var claimedIdentity: String?
    /// What was wrong.
    package var reason: String

    package init(_ code: Code, claimedIdentity: String?, reason: String) {
        self.code = code
        self.claimedIdentity = claimedIdentity
        self.reason = reason
    }

    package var description: String {
        guard let claimedIdentity else { return "peer certificate refused: \(self.reason)" }
        return "peer certificate refused (claims \(claimedIdentity)): \(self.reason)"
    }
}

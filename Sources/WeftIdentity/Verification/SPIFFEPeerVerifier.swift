import Foundation
@_spi(FixedExpiryValidationTime) import X509

/// Verifies a peer's presented certificates against the current trust bundle: RFC 5280 chain validation
/// (signatures, expiry, basic and name constraints) plus `SPIFFEPolicy`.
///
/// This is the whole verification of a Weft mTLS handshake: the NIOSSL custom verification callback built from
/// it (`SPIFFEPeerVerifier+NIOSSL.swift`) replaces BoringSSL's own chain checks.
///
/// Time is injected: `now` is called when a chain is verified (never at init, the swift-certificates
/// time-of-check lesson, style G4); production passes `{ Date() }`, tests a fixed or manual clock.
package struct SPIFFEPeerVerifier: Sendable {
    /// The roots in force for new handshakes.
    package let trust: TrustBundleStore
    /// What the peer's identity must satisfy.
    package let requirement: SPIFFEPolicy.Requirement
    /// The clock, read at verification time.
    package let now: @Sendable () -> Date

    package init(
        trust: TrustBundleStore,
        requirement: SPIFFEPolicy.Requirement,
        now: @escaping @Sendable () -> Date
    ) {
        self.trust = trust
        self.requirement = requirement
        self.now = now
    }

    /// Verifies `presented` (as sent by the peer: leaf first, then intermediates in any order).
    package func verify(presented: [Certificate]) async throws(PeerVerificationFailure) -> VerifiedPeer {
        guard let leaf = presented.first else {
            throw PeerVerificationFailure(.noCertificate, claimedIdentity: nil, reason: "the peer sent no certificate")
        }
        let claimed = SPIFFEPolicy.identity(of: leaf)?.description
        let validationTime = self.now()
        let requirement = self.requirement
        var verifier = Verifier(rootCertificates: self.trust.current.store) {
            ValidityWindowPolicy(validationTime: validationTime)
            RFC5280Policy(fixedExpiryValidationTime: validationTime)
            SPIFFEPolicy(requirement)
        }
        let result = await verifier.validate(leaf: leaf, intermediates: CertificateStore(presented.dropFirst()))
        switch result {
        case .validCertificate(let chain):
            // SPIFFEPolicy accepted this very leaf, so it has an identity.
            guard let identity = SPIFFEPolicy.identity(of: chain.leaf) else {
                throw PeerVerificationFailure(.policyViolation, claimedIdentity: claimed, reason: "no SPIFFE identity")
            }
            return VerifiedPeer(identity: identity, chain: Array(chain))
        case .couldNotValidate(let failures):
            guard let first = failures.first else {
                throw PeerVerificationFailure(
                    .noTrustedChain,
                    claimedIdentity: claimed,
                    reason: "no chain to a trusted root (self-signed, or issued by a CA this node does not trust)"
                )
            }
            throw PeerVerificationFailure(
                .policyViolation,
                claimedIdentity: claimed,
                reason: first.policyFailureReason.description
            )
        }
    }

    /// Verifies DER-encoded certificates (what TLS hands over).
    package func verify(presentedDER: [[UInt8]]) async throws(PeerVerificationFailure) -> VerifiedPeer {
        var certificates: [Certificate] = []
        for der in presentedDER {
            do {
                certificates.append(try Certificate(derEncoded: der))
            } catch {
                throw PeerVerificationFailure(
                    .malformedCertificate,
                    claimedIdentity: nil,
                    reason: "a presented certificate does not parse: \(error)"
                )
            }
        }
        return try await self.verify(presented: certificates)
    }
}

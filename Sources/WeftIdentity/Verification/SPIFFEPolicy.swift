import SwiftASN1
import X509

/// A swift-certificates `VerifierPolicy` for SPIFFE X.509-SVIDs (SPIFFE X.509-SVID §4–5, ztunnel reference §2.2).
///
/// It **claims the SubjectAlternativeName extension as understood**: SVIDs have an empty subject, so their SAN is
/// critical, and `RFC5280Policy` alone rejects a chain whose leaf has a critical extension no policy claims
/// (swift-notes §4). Compose it with `RFC5280Policy` (chain, expiry, basic and name constraints).
///
/// Checks on the leaf: not a CA; its identity — the **first** parseable `spiffe://` URI SAN, as ztunnel's
/// `identity()` — exists; and then the requirement: the server side accepts any identity of the trust domain
/// (which identity may connect is authorization's business), the client side requires the server's identity to
/// be one of the expected ones (the destination workload, plus any Service SANs).
package struct SPIFFEPolicy: VerifierPolicy, Sendable {
    /// What the peer's identity must satisfy.
    package enum Requirement: Hashable, Sendable {
        /// Any identity in this trust domain (server side, inbound).
        case trustDomain(String)
        /// Exactly one of these identities (client side, outbound).
        case oneOf(Set<SpiffeIdentity>)
    }

    package let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = [.X509ExtensionID.subjectAlternativeName]

    /// The requirement checked on every candidate chain.
    package let requirement: Requirement

    package init(_ requirement: Requirement) {
        self.requirement = requirement
    }

    package func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) -> PolicyEvaluationResult {
        let leaf = chain.leaf
        if case .isCertificateAuthority = try? leaf.extensions.basicConstraints {
            return .failsToMeetPolicy(
                reason: "the peer's leaf certificate is a CA certificate, not a workload certificate"
            )
        }
        guard let identity = Self.identity(of: leaf) else {
            return .failsToMeetPolicy(reason: "the peer's certificate has no spiffe:// URI SAN")
        }
        switch self.requirement {
        case .trustDomain(let trustDomain):
            guard identity.trustDomain == trustDomain else {
                return .failsToMeetPolicy(
                    reason: "peer identity \(identity) is not in trust domain \(trustDomain)"
                )
            }
        case .oneOf(let expected):
            guard expected.contains(identity) else {
                let list = expected.map(\.description).sorted().joined(separator: ", ")
                return .failsToMeetPolicy(
                    reason: "peer identity \(identity) is not the expected identity (expected \(list))"
                )
            }
        }
        return .meetsPolicy
    }

    /// The first parseable workload SPIFFE ID among a certificate's URI SANs.
    package static func identity(of certificate: Certificate) -> SpiffeIdentity? {
        guard let names = try? certificate.extensions.subjectAlternativeNames else { return nil }
        for name in names {
            guard case .uniformResourceIdentifier(let uri) = name, uri.hasPrefix("spiffe://") else { continue }
            if let identity = try? SpiffeIdentity(parsing: uri) { return identity }
        }
        return nil
    }
}

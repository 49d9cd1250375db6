import Foundation
import SwiftASN1
import X509

/// Refuses a chain containing a certificate outside its validity period, with a reason an operator can act on
/// (`certificate of spiffe://… expired at …, now …`) instead of a dump of the certificate.
///
/// `RFC5280Policy` checks the same dates again; this policy runs first so that its reason is the one reported.
package struct ValidityWindowPolicy: VerifierPolicy, Sendable {
    package let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = []

    /// The time the chain must be valid at.
    package let validationTime: Date

    package init(validationTime: Date) {
        self.validationTime = validationTime
    }

    package func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) -> PolicyEvaluationResult {
        let now = self.validationTime
        for (position, certificate) in chain.enumerated() {
            let name = Self.name(of: certificate, isLeaf: position == 0)
            if now >= certificate.notValidAfter {
                return .failsToMeetPolicy(
                    reason: "certificate of \(name) expired at \(certificate.notValidAfter) (now \(now))"
                )
            }
            if now < certificate.notValidBefore {
                return .failsToMeetPolicy(
                    reason: "certificate of \(name) is not valid before \(certificate.notValidBefore) (now \(now))"
                )
            }
        }
        return .meetsPolicy
    }

    /// The leaf by its SPIFFE ID (its subject is empty), CAs by their subject.
    private static func name(of certificate: Certificate, isLeaf: Bool) -> String {
        if isLeaf, let identity = SPIFFEPolicy.identity(of: certificate) { return identity.description }
        return certificate.subject.description
    }
}

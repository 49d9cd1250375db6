import Crypto
import Foundation
import SwiftASN1
import X509

/// Issues workload certificates (X.509-SVIDs) from this node's intermediate, but only for identities of
/// workloads enrolled on this node.
///
/// Each certificate follows what Istio's CA produces and ztunnel expects (reference §2.2, §3; SPIFFE X.509-SVID
/// §4–5): a fresh ECDSA P-256 key, an empty subject, a **critical** SAN holding exactly the one SPIFFE URI
/// (critical because the subject is empty, RFC 5280 §4.2.1.6), `BasicConstraints` CA:false, `KeyUsage`
/// digitalSignature + keyEncipherment, `ExtendedKeyUsage` serverAuth + clientAuth, and an AuthorityKeyIdentifier
/// naming the intermediate. Lifetime 24 h by default, never past the intermediate's expiry.
package struct WorkloadCertificateIssuer: Sendable {
    /// Default leaf lifetime: 24 h, ztunnel's `SECRET_TTL` (reference §1.4).
    package static let defaultLifetime: Duration = .seconds(24 * 3_600)
    /// Leaves start this long before `now`, for peers whose clocks lag slightly.
    package static let backdate: Duration = .seconds(60)

    /// The node intermediate that signs.
    package let intermediate: CertificateAuthority
    /// The trust domain identities must belong to.
    package let trustDomain: String
    /// The node's name, for error messages.
    package let node: String
    /// Lifetime of issued certificates.
    package var lifetime: Duration
    /// Answers whether a workload enrolled on this node runs as the identity. Consulted on every issuance, so
    /// an unenrolled workload's identity is refused from the moment it leaves.
    private let isEnrolledOnThisNode: @Sendable (SpiffeIdentity) -> Bool

    /// An issuer with an enrollment check (typically backed by the agent's workload registry).
    package init(
        material: NodeCAMaterial,
        node: String,
        lifetime: Duration = Self.defaultLifetime,
        isEnrolledOnThisNode: @escaping @Sendable (SpiffeIdentity) -> Bool
    ) {
        self.intermediate = material.intermediate
        self.trustDomain = material.trustDomain
        self.node = node
        self.lifetime = lifetime
        self.isEnrolledOnThisNode = isEnrolledOnThisNode
    }

    /// An issuer for a fixed set of enrolled identities.
    package init(
        material: NodeCAMaterial,
        node: String,
        lifetime: Duration = Self.defaultLifetime,
        enrolled: Set<SpiffeIdentity>
    ) {
        self.init(material: material, node: node, lifetime: lifetime) { enrolled.contains($0) }
    }

    /// Issues a certificate for `identity`, valid from `now` (backdated slightly) for `lifetime`.
    package func issue(for identity: SpiffeIdentity, now: Date) throws(IssuanceError) -> WorkloadCertificate {
        guard identity.trustDomain == self.trustDomain else {
            throw IssuanceError(
                .foreignTrustDomain,
                identity: identity.description,
                detail: "node \(self.node) issues only for trust domain \(self.trustDomain)"
            )
        }
        guard self.isEnrolledOnThisNode(identity) else {
            throw IssuanceError(
                .notEnrolledOnThisNode,
                identity: identity.description,
                detail:
                    "no workload enrolled on node \(self.node) runs as service account \(identity.serviceAccount) in namespace \(identity.namespace)"
            )
        }
        let issuerCertificate = self.intermediate.certificate
        guard issuerCertificate.notValidBefore <= now, now < issuerCertificate.notValidAfter else {
            throw IssuanceError(
                .issuerNotValid,
                identity: identity.description,
                detail:
                    "the node intermediate CA is valid only from \(issuerCertificate.notValidBefore) until \(issuerCertificate.notValidAfter)"
            )
        }
        do {
            return try self.sign(identity: identity, now: now)
        } catch {
            throw IssuanceError(.signingFailed, identity: identity.description, detail: "\(error)")
        }
    }

    private func sign(identity: SpiffeIdentity, now: Date) throws -> WorkloadCertificate {
        let key = P256.Signing.PrivateKey()
        let notAfter = min(now + self.lifetime.secondsAsTimeInterval, self.intermediate.certificate.notValidAfter)
        let leaf = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(key.publicKey),
            notValidBefore: now - Self.backdate.secondsAsTimeInterval,
            notValidAfter: notAfter,
            issuer: self.intermediate.certificate.subject,
            subject: DistinguishedName(),
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth, .clientAuth])
                AuthorityKeyIdentifier(keyIdentifier: self.intermediate.subjectKeyIdentifier)
                Critical(SubjectAlternativeNames([.uniformResourceIdentifier(identity.description)]))
            },
            issuerPrivateKey: Certificate.PrivateKey(self.intermediate.privateKey)
        )
        return WorkloadCertificate(
            identity: identity,
            leaf: leaf,
            privateKey: key,
            intermediates: [self.intermediate.certificate]
        )
    }
}

import Crypto
import Foundation
import SwiftASN1
import X509

/// A certificate authority that can sign: its certificate and its ECDSA P-256 private key.
///
/// Weft has two kinds (architecture §4): the **root**, self-signed and long-lived, kept offline by operators
/// (`weft ca init`), and one **node intermediate** per node (`weft ca issue-node`), which signs that node's
/// short-lived workload certificates and is name-constrained to the trust domain, so that a stolen node key
/// cannot mint identities of another trust domain.
package struct CertificateAuthority: Sendable {
    /// Default root lifetime: 10 years, as Istio's self-signed root (`istiod` `CITADEL_SELF_SIGNED_CA_CERT_TTL`).
    package static let defaultRootLifetime: Duration = .seconds(3_650 * 86_400)
    /// Default node intermediate lifetime: 1 year; never beyond the root's own expiry.
    package static let defaultIntermediateLifetime: Duration = .seconds(365 * 86_400)
    /// Certificates start this long before `now`, so that peers with slightly slow clocks accept them.
    package static let backdate: Duration = .seconds(300)

    /// The CA certificate.
    package let certificate: Certificate
    /// The CA signing key.
    package let privateKey: P256.Signing.PrivateKey

    package init(certificate: Certificate, privateKey: P256.Signing.PrivateKey) {
        self.certificate = certificate
        self.privateKey = privateKey
    }

    /// Creates a self-signed root for `trustDomain`, valid from `now` (backdated) for `lifetime`.
    package static func makeRoot(
        trustDomain: String,
        now: Date,
        lifetime: Duration = Self.defaultRootLifetime
    ) throws -> CertificateAuthority {
        try SpiffeIdentity.checkTrustDomain(trustDomain)
        let key = P256.Signing.PrivateKey()
        let name = try Self.rootName(trustDomain: trustDomain)
        let publicKey = Certificate.PublicKey(key.publicKey)
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: publicKey,
            notValidBefore: now - Self.backdate.secondsAsTimeInterval,
            notValidAfter: now + lifetime.secondsAsTimeInterval,
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: publicKey)
            },
            issuerPrivateKey: Certificate.PrivateKey(key)
        )
        return CertificateAuthority(certificate: certificate, privateKey: key)
    }

    /// Signs a new intermediate CA for `node`, constrained to this root's trust domain.
    ///
    /// The intermediate carries a critical NameConstraints extension whose only permitted URI subtree is the trust
    /// domain: RFC 5280 §4.2.1.10 applies URI constraints to the host part, which for a SPIFFE ID is the trust
    /// domain, so `RFC5280Policy` rejects a leaf of another trust domain under this intermediate. `maxPathLength: 0`
    /// stops it from signing further CAs. Its expiry never passes the root's.
    package func issueNodeIntermediate(
        node: String,
        now: Date,
        lifetime: Duration = Self.defaultIntermediateLifetime
    ) throws -> CertificateAuthority {
        guard let trustDomain = self.trustDomain else {
            throw CAMaterialError(.trustDomainMismatch, path: "root certificate", detail: "it names no trust domain")
        }
        try Self.checkNodeName(node)
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let notAfter = min(now + lifetime.secondsAsTimeInterval, self.certificate.notValidAfter)
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: publicKey,
            notValidBefore: now - Self.backdate.secondsAsTimeInterval,
            notValidAfter: notAfter,
            issuer: self.certificate.subject,
            subject: try Self.nodeName(node: node, trustDomain: trustDomain),
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: publicKey)
                AuthorityKeyIdentifier(keyIdentifier: self.subjectKeyIdentifier)
                Critical(NameConstraints(permittedURIDomains: [trustDomain]))
            },
            issuerPrivateKey: Certificate.PrivateKey(self.privateKey)
        )
        return CertificateAuthority(certificate: certificate, privateKey: key)
    }

    /// The trust domain this CA serves: the organization name of its subject (both kinds are named
    /// `O=<trust domain>, CN=Weft …`).
    package var trustDomain: String? {
        Self.trustDomain(of: self.certificate)
    }

    /// The key identifier that certificates signed by this CA put in their AuthorityKeyIdentifier.
    package var subjectKeyIdentifier: ArraySlice<UInt8> {
        let extensionValue = try? self.certificate.extensions.subjectKeyIdentifier
        return extensionValue?.keyIdentifier ?? SubjectKeyIdentifier(hash: self.certificate.publicKey).keyIdentifier
    }

    /// The trust domain named by a Weft CA certificate's subject, if any.
    package static func trustDomain(of certificate: Certificate) -> String? {
        for relativeName in certificate.subject {
            for attribute in relativeName where attribute.type == .RDNAttributeType.organizationName {
                return String(attribute.value)
            }
        }
        return nil
    }

    /// Node names go into a certificate subject: 1–64 characters of letters, digits, `.`, `-`, `_`.
    package static func checkNodeName(_ node: String) throws(CAMaterialError) {
        let allowed = node.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        }
        guard !node.isEmpty, node.utf8.count <= 64, allowed else {
            throw CAMaterialError(
                .invalidNodeName,
                path: node,
                detail: "use 1-64 letters, digits, '.', '-' or '_'"
            )
        }
    }

    private static func rootName(trustDomain: String) throws -> DistinguishedName {
        try DistinguishedName {
            OrganizationName(trustDomain)
            CommonName("Weft Root CA")
        }
    }

    private static func nodeName(node: String, trustDomain: String) throws -> DistinguishedName {
        try DistinguishedName {
            OrganizationName(trustDomain)
            CommonName("Weft Node CA \(node)")
        }
    }
}

import Foundation
import X509

/// What a node agent needs to issue workload certificates: its intermediate CA and the trust bundle (roots).
///
/// Loaded from, or written to, a node directory (`STATE_DIR/ca`, see `CALayout`). Loading checks everything an
/// operator could get wrong and names the file: missing files, key modes, a key that belongs to another
/// certificate, an intermediate not signed by the root it came with, another trust domain, expiry.
package struct NodeCAMaterial: Sendable {
    /// The node intermediate that signs workload certificates.
    package let intermediate: CertificateAuthority
    /// The root certificates trusted for peers (normally one; several while a root is being replaced).
    package let roots: [Certificate]
    /// The trust domain the intermediate is constrained to.
    package let trustDomain: String

    package init(intermediate: CertificateAuthority, roots: [Certificate], trustDomain: String) {
        self.intermediate = intermediate
        self.roots = roots
        self.trustDomain = trustDomain
    }

    /// The trust bundle to verify peers with.
    package var trustBundle: TrustBundle {
        TrustBundle(roots: self.roots)
    }

    /// Writes the node directory: `ca-cert.pem`, `cert-chain.pem`, `root-cert.pem` (0644) and `ca-key.pem`
    /// (0600) in a 0700 directory. The root key is never part of a node directory.
    package func write(to directory: String, overwrite: Bool = false) throws(CAMaterialError) {
        let keyPath = SecureFiles.join(directory, CALayout.caKey)
        if !overwrite {
            for name in [CALayout.caKey, CALayout.caCertificate] {
                let path = SecureFiles.join(directory, name)
                if SecureFiles.exists(path) { throw CAMaterialError(.alreadyExists, path: path) }
            }
        }
        try SecureFiles.ensurePrivateDirectory(directory)
        let files: [(name: String, text: String)]
        do {
            files = [
                (CALayout.rootCertificate, try PEMFiles.pem(self.roots)),
                (CALayout.certificateChain, try PEMFiles.pem([self.intermediate.certificate] + self.roots)),
                (CALayout.caCertificate, try PEMFiles.pem(self.intermediate.certificate)),
            ]
        } catch {
            throw CAMaterialError(.cannotWrite, path: directory, detail: "cannot encode certificate: \(error)")
        }
        // The key goes first and the certificate last, so a directory holding ca-cert.pem is complete.
        try SecureFiles.writeAtomically(
            PEMFiles.pem(self.intermediate.privateKey),
            to: keyPath,
            mode: SecureFiles.keyMode
        )
        for file in files {
            try SecureFiles.writeAtomically(
                file.text,
                to: SecureFiles.join(directory, file.name),
                mode: SecureFiles.certificateMode
            )
        }
    }

    /// Loads and checks a node directory. When `trustDomain` is given, the material must be for that domain.
    package static func load(
        from directory: String,
        trustDomain expected: String? = nil,
        now: Date
    ) throws(CAMaterialError) -> NodeCAMaterial {
        let certificatePath = SecureFiles.join(directory, CALayout.caCertificate)
        let keyPath = SecureFiles.join(directory, CALayout.caKey)
        let rootPath = SecureFiles.join(directory, CALayout.rootCertificate)
        let intermediate = CertificateAuthority(
            certificate: try PEMFiles.certificate(at: certificatePath),
            privateKey: try PEMFiles.privateKey(at: keyPath)
        )
        let roots = try PEMFiles.certificates(at: rootPath)
        try intermediate.checkSigningMaterial(certificatePath: certificatePath, keyPath: keyPath, now: now)
        let issuedByRoot = roots.contains { root in
            root.subject == intermediate.certificate.issuer
                && root.publicKey.isValidSignature(intermediate.certificate.signature, for: intermediate.certificate)
        }
        guard issuedByRoot else {
            throw CAMaterialError(
                .notIssuedByRoot,
                path: certificatePath,
                detail: "no certificate in \(rootPath) signed it"
            )
        }
        // checkSigningMaterial proved the subject names a trust domain.
        let trustDomain = intermediate.trustDomain ?? ""
        if let expected, expected != trustDomain {
            throw CAMaterialError(
                .trustDomainMismatch,
                path: certificatePath,
                detail: "it is for trust domain \(trustDomain), this agent is configured for \(expected)"
            )
        }
        let constrained = (try? intermediate.certificate.extensions.nameConstraints)?.permittedURIDomains
        guard let constrained, Array(constrained) == [trustDomain] else {
            throw CAMaterialError(
                .trustDomainMismatch,
                path: certificatePath,
                detail: "the intermediate is not name-constrained to spiffe://\(trustDomain)"
            )
        }
        return NodeCAMaterial(intermediate: intermediate, roots: roots, trustDomain: trustDomain)
    }
}

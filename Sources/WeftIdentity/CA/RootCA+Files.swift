import Foundation
import X509

extension CertificateAuthority {
    /// Writes this CA as a root directory: `root-cert.pem` (0644) and `root-key.pem` (0600) in a 0700 directory.
    /// Refuses to replace an existing root.
    package func writeRoot(to directory: String) throws(CAMaterialError) {
        for name in [CALayout.rootKey, CALayout.rootCertificate] {
            let path = SecureFiles.join(directory, name)
            if SecureFiles.exists(path) { throw CAMaterialError(.alreadyExists, path: path) }
        }
        try SecureFiles.ensurePrivateDirectory(directory)
        let certificatePEM: String
        do {
            certificatePEM = try PEMFiles.pem(self.certificate)
        } catch {
            throw CAMaterialError(.cannotWrite, path: directory, detail: "cannot encode certificate: \(error)")
        }
        // Key first: a directory with a certificate but no key would look like a finished root.
        try SecureFiles.writeAtomically(
            PEMFiles.pem(self.privateKey),
            to: SecureFiles.join(directory, CALayout.rootKey),
            mode: SecureFiles.keyMode
        )
        try SecureFiles.writeAtomically(
            certificatePEM,
            to: SecureFiles.join(directory, CALayout.rootCertificate),
            mode: SecureFiles.certificateMode
        )
    }

    /// Loads a root directory, checking that the key matches, the certificate is a CA valid at `now`, and it
    /// names a trust domain.
    package static func loadRoot(from directory: String, now: Date) throws(CAMaterialError) -> CertificateAuthority {
        let certificatePath = SecureFiles.join(directory, CALayout.rootCertificate)
        let keyPath = SecureFiles.join(directory, CALayout.rootKey)
        let certificate = try PEMFiles.certificate(at: certificatePath)
        let key = try PEMFiles.privateKey(at: keyPath)
        let root = CertificateAuthority(certificate: certificate, privateKey: key)
        try root.checkSigningMaterial(certificatePath: certificatePath, keyPath: keyPath, now: now)
        return root
    }

    /// Checks what signing needs: key belongs to the certificate, the certificate is a CA, is valid at `now`,
    /// and names a trust domain.
    func checkSigningMaterial(certificatePath: String, keyPath: String, now: Date) throws(CAMaterialError) {
        guard self.certificate.publicKey == Certificate.PublicKey(self.privateKey.publicKey) else {
            throw CAMaterialError(
                .keyDoesNotMatchCertificate,
                path: keyPath,
                detail: "it is not the key of \(certificatePath)"
            )
        }
        let basicConstraints = try? self.certificate.extensions.basicConstraints
        guard case .isCertificateAuthority = basicConstraints else {
            throw CAMaterialError(.notACertificateAuthority, path: certificatePath)
        }
        try Self.checkValidity(of: self.certificate, path: certificatePath, now: now)
        guard self.trustDomain != nil else {
            throw CAMaterialError(
                .trustDomainMismatch,
                path: certificatePath,
                detail: "the subject names no trust domain (O=...)"
            )
        }
    }

    /// Fails with `.expired` unless `now` is within the certificate's validity period.
    static func checkValidity(of certificate: Certificate, path: String, now: Date) throws(CAMaterialError) {
        guard certificate.notValidBefore <= now, now < certificate.notValidAfter else {
            throw CAMaterialError(
                .expired,
                path: path,
                detail: "valid from \(certificate.notValidBefore) until \(certificate.notValidAfter), now is \(now)"
            )
        }
    }
}

import Crypto
import SwiftASN1
import X509

/// Reading and writing the PEM files of the CA layout, with errors that name the file.
package enum PEMFiles {
    /// Reads every certificate in a PEM file (at least one).
    package static func certificates(at path: String) throws(CAMaterialError) -> [Certificate] {
        let text = try SecureFiles.readText(path)
        let documents: [PEMDocument]
        do {
            documents = try PEMDocument.parseMultiple(pemString: text)
        } catch {
            throw CAMaterialError(.malformedPEM, path: path, detail: "\(error)")
        }
        var certificates: [Certificate] = []
        for document in documents where document.discriminator == "CERTIFICATE" {
            do {
                certificates.append(try Certificate(pemDocument: document))
            } catch {
                throw CAMaterialError(.malformedPEM, path: path, detail: "bad certificate: \(error)")
            }
        }
        guard !certificates.isEmpty else {
            throw CAMaterialError(.malformedPEM, path: path, detail: "no CERTIFICATE block found")
        }
        return certificates
    }

    /// Reads exactly one certificate (the first, if the file holds a chain).
    package static func certificate(at path: String) throws(CAMaterialError) -> Certificate {
        try Self.certificates(at: path)[0]
    }

    /// Reads an ECDSA P-256 private key, refusing a file that group or others may access.
    package static func privateKey(at path: String) throws(CAMaterialError) -> P256.Signing.PrivateKey {
        let text = try SecureFiles.readText(path)
        if let mode = SecureFiles.mode(of: path), mode & 0o077 != 0 {
            throw CAMaterialError(
                .insecurePermissions,
                path: path,
                detail: "mode \(Self.octal(mode)); run chmod 600 on it"
            )
        }
        do {
            return try P256.Signing.PrivateKey(pemRepresentation: text)
        } catch {
            throw CAMaterialError(.malformedPEM, path: path, detail: "not an ECDSA P-256 private key")
        }
    }

    /// PEM text of a certificate.
    package static func pem(_ certificate: Certificate) throws -> String {
        try certificate.serializeAsPEM().pemString + "\n"
    }

    /// PEM text of several certificates, in order.
    package static func pem(_ certificates: [Certificate]) throws -> String {
        try certificates.map { try Self.pem($0) }.joined()
    }

    /// PEM (PKCS#8) text of a private key.
    package static func pem(_ key: P256.Signing.PrivateKey) -> String {
        key.pemRepresentation + "\n"
    }

    /// Renders a mode as `0644`.
    package static func octal(_ mode: some BinaryInteger) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

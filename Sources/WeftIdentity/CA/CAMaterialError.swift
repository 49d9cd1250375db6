/// A problem with CA material on disk, naming the file and saying what is wrong (style G11).
///
/// Printed as `PATH: what is wrong[: detail]`, e.g.
/// `/var/lib/weft/ca/ca-key.pem: key file is readable by others (mode 0644); run chmod 600 on it`.
package struct CAMaterialError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The kind of problem; tests compare this.
    package enum Code: Hashable, Sendable {
        /// An expected file is absent.
        case missingFile
        /// The file exists but could not be read.
        case unreadable
        /// The file could not be written (or a directory could not be created).
        case cannotWrite
        /// A directory was expected.
        case notADirectory
        /// The file holds no PEM document of the expected kind, or it does not parse.
        case malformedPEM
        /// A key file is readable or writable by group or others.
        case insecurePermissions
        /// The private key does not belong to the certificate next to it.
        case keyDoesNotMatchCertificate
        /// The certificate is not a CA certificate, or not the CA expected here.
        case notACertificateAuthority
        /// The intermediate is not signed by the root it comes with.
        case notIssuedByRoot
        /// The material is for another trust domain, or names none.
        case trustDomainMismatch
        /// The certificate is outside its validity period.
        case expired
        /// Writing would replace existing CA material.
        case alreadyExists
        /// A node name cannot be used in a certificate.
        case invalidNodeName
    }

    package var code: Code
    /// The file or directory concerned.
    package var path: String
    /// Extra context (an OS error text, the mode found, the names compared).
    package var detail: String

    package init(_ code: Code, path: String, detail: String = "") {
        self.code = code
        self.path = path
        self.detail = detail
    }

    package var description: String {
        let message: String
        switch self.code {
        case .missingFile: message = "file not found"
        case .unreadable: message = "cannot read file"
        case .cannotWrite: message = "cannot write"
        case .notADirectory: message = "not a directory"
        case .malformedPEM: message = "not a valid PEM file"
        case .insecurePermissions: message = "key file is accessible by group or others"
        case .keyDoesNotMatchCertificate: message = "private key does not match the certificate"
        case .notACertificateAuthority: message = "certificate is not a CA certificate"
        case .notIssuedByRoot: message = "certificate is not signed by the root certificate"
        case .trustDomainMismatch: message = "wrong trust domain"
        case .expired: message = "certificate is not valid now"
        case .alreadyExists: message = "CA material already exists; refusing to overwrite it"
        case .invalidNodeName: message = "invalid node name"
        }
        return self.detail.isEmpty ? "\(self.path): \(message)" : "\(self.path): \(message): \(self.detail)"
    }
}

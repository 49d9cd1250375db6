import X509

/// The set of root certificates peers are verified against (a SPIFFE trust bundle for one trust domain).
///
/// A value: reloading builds a new bundle and swaps it into a `TrustBundleStore`; handshakes already past
/// verification keep the bundle they used.
package struct TrustBundle: Hashable, Sendable {
    /// The trusted roots.
    package let roots: [Certificate]

    package init(roots: [Certificate]) {
        self.roots = roots
    }

    /// Loads a PEM file of one or more root certificates (e.g. `STATE_DIR/ca/root-cert.pem`).
    package static func load(from path: String) throws(CAMaterialError) -> TrustBundle {
        TrustBundle(roots: try PEMFiles.certificates(at: path))
    }

    /// The roots as a swift-certificates store, for `Verifier`.
    package var store: CertificateStore {
        CertificateStore(self.roots)
    }
}

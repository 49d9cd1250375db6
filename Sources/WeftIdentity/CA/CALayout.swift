/// File names of the CA material on disk (architecture §4, §13; the names follow Istio's `cacerts` plug-in layout).
///
/// A **root directory** (`weft ca init --dir ROOT_DIR`) holds `root-cert.pem` and `root-key.pem`; it is the only
/// place the root key ever lives. A **node directory** (`STATE_DIR/ca`, written by
/// `weft ca issue-node NODE --dir ROOT_DIR --out STATE_DIR/ca`) holds the node intermediate (`ca-cert.pem`,
/// `ca-key.pem`), the root certificate (`root-cert.pem`, the trust bundle) and `cert-chain.pem`
/// (intermediate then root). When the agent creates its own CA (single node), the root it makes lives in the
/// root directory `STATE_DIR/ca/root`.
package enum CALayout {
    /// Root certificate; in a node directory, the trust bundle (may hold several roots during a root rotation).
    package static let rootCertificate = "root-cert.pem"
    /// Root private key: only in a root directory.
    package static let rootKey = "root-key.pem"
    /// Node intermediate certificate.
    package static let caCertificate = "ca-cert.pem"
    /// Node intermediate private key.
    package static let caKey = "ca-key.pem"
    /// Node intermediate followed by the root: what a workload certificate chains to.
    package static let certificateChain = "cert-chain.pem"
    /// Where a single-node agent keeps the root it created itself, relative to the node directory.
    package static let selfCreatedRootDirectory = "root"
}

import Crypto
import Foundation
import X509

/// A workload's X.509-SVID: leaf certificate, its private key, and the intermediates to present with it.
package struct WorkloadCertificate: Sendable {
    /// The identity in the leaf's URI SAN.
    package let identity: SpiffeIdentity
    /// The leaf certificate.
    package let leaf: Certificate
    /// The leaf's private key (ECDSA P-256, generated fresh for every certificate, as ztunnel does).
    package let privateKey: P256.Signing.PrivateKey
    /// The certificates between the leaf and the root, leaf-side first (the node intermediate). The root itself
    /// is not presented: peers have it in their trust bundle.
    package let intermediates: [Certificate]

    package init(
        identity: SpiffeIdentity,
        leaf: Certificate,
        privateKey: P256.Signing.PrivateKey,
        intermediates: [Certificate]
    ) {
        self.identity = identity
        self.leaf = leaf
        self.privateKey = privateKey
        self.intermediates = intermediates
    }

    /// Start of validity.
    package var notBefore: Date { self.leaf.notValidBefore }
    /// End of validity.
    package var notAfter: Date { self.leaf.notValidAfter }

    /// The chain to present in TLS: leaf first, then the intermediates.
    package var presentedChain: [Certificate] {
        [self.leaf] + self.intermediates
    }

    /// PEM of the presented chain (what Istio calls `cert-chain.pem` for a workload).
    package func chainPEM() throws -> String {
        try PEMFiles.pem(self.presentedChain)
    }

    /// PEM (PKCS#8) of the private key.
    package var privateKeyPEM: String {
        PEMFiles.pem(self.privateKey)
    }
}

import X509

/// A peer whose certificate chain verified: its SPIFFE identity and the validated chain (leaf to root).
package struct VerifiedPeer: Hashable, Sendable {
    /// The peer's identity: the first `spiffe://` URI SAN of the validated leaf.
    package let identity: SpiffeIdentity
    /// The validated chain, leaf first, root last.
    package let chain: [Certificate]

    package init(identity: SpiffeIdentity, chain: [Certificate]) {
        self.identity = identity
        self.chain = chain
    }
}

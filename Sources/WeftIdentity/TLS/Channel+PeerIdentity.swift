import NIOCore
import NIOSSL
import X509

extension Channel {
    /// The verified SPIFFE identity of the TLS peer, once the handshake has verified it; nil before that or when
    /// the channel has no TLS handler.
    ///
    /// Read from the validated chain the verification callback returned (never from what the peer merely
    /// presented).
    package func peerSpiffeIdentity() -> EventLoopFuture<SpiffeIdentity?> {
        self.nioSSL_peerValidatedCertificateChain().map { chain in
            chain.flatMap { SpiffeIdentityReader.identity(ofLeafIn: $0) }
        }
    }
}

extension ChannelPipeline.SynchronousOperations {
    /// `Channel.peerSpiffeIdentity()` for code already on the event loop.
    package func peerSpiffeIdentity() throws -> SpiffeIdentity? {
        try self.nioSSL_peerValidatedCertificateChain().flatMap { SpiffeIdentityReader.identity(ofLeafIn: $0) }
    }
}

/// Reads the identity out of a validated NIOSSL chain.
enum SpiffeIdentityReader {
    static func identity(ofLeafIn chain: NIOSSL.ValidatedCertificateChain) -> SpiffeIdentity? {
        guard let der = try? chain.leaf.toDERBytes(), let leaf = try? Certificate(derEncoded: der) else { return nil }
        return SPIFFEPolicy.identity(of: leaf)
    }
}

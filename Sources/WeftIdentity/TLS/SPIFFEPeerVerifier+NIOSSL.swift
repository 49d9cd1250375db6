import NIOCore
import NIOSSL

extension SPIFFEPeerVerifier {
    /// A NIOSSL custom verification callback running this verifier.
    ///
    /// It receives the peer's certificates as presented, validates the chain itself (the callback replaces
    /// BoringSSL's verification) and on success hands NIOSSL the *validated* chain, leaf to root, which is then
    /// available as `NIOSSLHandler.peerValidatedCertificateChain` (see `Channel.peerSpiffeIdentity()`).
    /// Every refusal is passed to `onRefused` with its reason, because TLS itself only reports "failed".
    package func nioVerificationCallback(
        onRefused: @escaping @Sendable (PeerVerificationFailure) -> Void
    ) -> NIOSSLCustomVerificationCallbackWithMetadata {
        { presented, promise in
            let der: [[UInt8]]
            do {
                der = try presented.map { try $0.toDERBytes() }
            } catch {
                onRefused(
                    PeerVerificationFailure(.malformedCertificate, claimedIdentity: nil, reason: "\(error)")
                )
                promise.succeed(.failed)
                return
            }
            promise.completeWithTask {
                let peer: VerifiedPeer
                do throws(PeerVerificationFailure) {
                    peer = try await self.verify(presentedDER: der)
                } catch {
                    onRefused(error)
                    return .failed
                }
                let chain = try peer.chain.map { try MutualTLS.nioCertificate($0) }
                return .certificateVerified(VerificationMetadata(ValidatedCertificateChain(chain)))
            }
        }
    }
}

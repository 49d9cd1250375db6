import NIOCore
import NIOSSL
import SwiftASN1
import X509

/// TLS settings and handlers for Weft's mTLS tunnels (architecture §4; ztunnel reference §2.2).
///
/// Both sides: TLS 1.3 only, ALPN `h2`, the workload's certificate always presented. The server requires a client
/// certificate (`certificateVerification` other than `.none` makes BoringSSL demand one) and accepts any peer of
/// its trust domain; the client sends no SNI and accepts only the expected server identities.
///
/// Chain verification is done by `SPIFFEPeerVerifier` through NIOSSL's custom verification callback, which
/// **replaces** BoringSSL's verification entirely; BoringSSL's own trust store is left empty on purpose so that
/// nothing can pass by the callback. Build one `NIOSSLContext` per presented certificate (rebuild it when the
/// certificate rotates) and one handler per connection.
///
/// TLS 1.3 caveat: the client sees `handshakeCompleted` *before* the server has judged the client certificate.
/// Put a `PeerAcceptanceHandler` after the client handler to turn a refusal that arrives afterwards into a
/// `TLSAuthenticationError`.
package enum MutualTLS {
    /// The one ALPN protocol HBONE speaks.
    package static let applicationProtocol = "h2"

    /// Server-side configuration presenting `certificate`.
    package static func serverConfiguration(presenting certificate: WorkloadCertificate) throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try Self.nioChain(certificate).map { .certificate($0) },
            privateKey: .privateKey(try Self.nioKey(certificate))
        )
        Self.applyCommonSettings(to: &configuration)
        return configuration
    }

    /// Client-side configuration presenting `certificate`.
    package static func clientConfiguration(presenting certificate: WorkloadCertificate) throws -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateChain = try Self.nioChain(certificate).map { .certificate($0) }
        configuration.privateKey = .privateKey(try Self.nioKey(certificate))
        Self.applyCommonSettings(to: &configuration)
        return configuration
    }

    /// The server handler for one inbound connection, verifying the client with `verifier` (whose requirement is
    /// normally `.trustDomain`). `onRefused` receives the reason whenever a client is refused.
    package static func serverHandler(
        context: NIOSSLContext,
        verifier: SPIFFEPeerVerifier,
        onRefused: @escaping @Sendable (PeerVerificationFailure) -> Void = { _ in }
    ) -> NIOSSLServerHandler {
        NIOSSLServerHandler(
            context: context,
            customVerificationCallbackWithMetadata: verifier.nioVerificationCallback(onRefused: onRefused)
        )
    }

    /// The client handler for one outbound connection, verifying the server with `verifier` (whose requirement is
    /// normally `.oneOf(expected identities)`). No SNI is sent: HBONE dials IP addresses and never checks names.
    package static func clientHandler(
        context: NIOSSLContext,
        verifier: SPIFFEPeerVerifier,
        onRefused: @escaping @Sendable (PeerVerificationFailure) -> Void = { _ in }
    ) throws -> NIOSSLClientHandler {
        try NIOSSLClientHandler(
            context: context,
            serverHostname: nil,
            customVerificationCallbackWithMetadata: verifier.nioVerificationCallback(onRefused: onRefused)
        )
    }

    private static func applyCommonSettings(to configuration: inout TLSConfiguration) {
        configuration.minimumTLSVersion = .tlsv13
        configuration.maximumTLSVersion = .tlsv13
        configuration.applicationProtocols = [Self.applicationProtocol]
        // Requires a peer certificate; hostnames are never checked (SPIFFE IDs are, in the callback).
        configuration.certificateVerification = .noHostnameVerification
        configuration.trustRoots = .certificates([])
    }

    /// The presented chain in NIOSSL form: leaf, then intermediates.
    static func nioChain(_ certificate: WorkloadCertificate) throws -> [NIOSSLCertificate] {
        try certificate.presentedChain.map { try Self.nioCertificate($0) }
    }

    /// A swift-certificates certificate as a NIOSSL certificate (via DER).
    static func nioCertificate(_ certificate: Certificate) throws -> NIOSSLCertificate {
        var serializer = DER.Serializer()
        try serializer.serialize(certificate)
        return try NIOSSLCertificate(bytes: serializer.serializedBytes, format: .der)
    }

    private static func nioKey(_ certificate: WorkloadCertificate) throws -> NIOSSLPrivateKey {
        try NIOSSLPrivateKey(bytes: Array(certificate.privateKeyPEM.utf8), format: .pem)
    }
}

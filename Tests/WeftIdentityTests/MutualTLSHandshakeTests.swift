import Foundation
import NIOCore
import NIOSSL
import Testing
import WeftIdentity

/// Real TLS 1.3 handshakes (BoringSSL through NIOSSL) over loopback, verified by `SPIFFEPeerVerifier`.
@Suite("Mutual TLS handshakes")
struct MutualTLSHandshakeTests {
    let pki: TestPKI
    let client: WorkloadCertificate
    let server: WorkloadCertificate

    init() throws {
        self.pki = try TestPKI()
        // Client and server on different nodes of one root, as in a two-node mesh.
        self.client = try self.pki.certificate("spiffe://cluster.local/ns/default/sa/client", node: "node-a")
        self.server = try self.pki.certificate("spiffe://cluster.local/ns/shop/sa/server", node: "node-b")
    }

    func serverSide(_ certificate: WorkloadCertificate? = nil, trust: TrustBundleStore? = nil) throws -> ServerSide {
        ServerSide(
            configuration: try MutualTLS.serverConfiguration(presenting: certificate ?? self.server),
            trust: trust ?? self.pki.trust
        )
    }

    func clientSide(
        _ certificate: WorkloadCertificate? = nil,
        expecting expected: Set<SpiffeIdentity>? = nil
    ) throws -> ClientSide {
        ClientSide(
            configuration: try MutualTLS.clientConfiguration(presenting: certificate ?? self.client),
            trust: self.pki.trust,
            expected: expected ?? [self.server.identity]
        )
    }

    @Test("Two workloads of one trust domain authenticate each other and each learns the other's identity")
    func mutualSuccess() async throws {
        let outcome = try await runHandshake(server: try self.serverSide(), client: try self.clientSide())
        #expect(throws: Never.self) { try outcome.clientAccepted.get() }
        #expect(try outcome.server.get() == self.client.identity)
        #expect(outcome.clientSawServer == self.server.identity)
        #expect(outcome.negotiatedProtocol == "h2")
        #expect(outcome.clientRefusals.isEmpty && outcome.serverRefusals.isEmpty)
    }

    @Test("The server refuses a client of another trust domain, and the client reports a late rejection")
    func wrongTrustDomain() async throws {
        let other = try TestPKI(trustDomain: "other.local")
        let stranger = try other.certificate("spiffe://other.local/ns/default/sa/client")
        // The server trusts both roots, so the trust-domain rule is what refuses.
        let both = TrustBundleStore(TrustBundle(roots: [self.pki.root.certificate, other.root.certificate]))
        let outcome = try await runHandshake(
            server: try self.serverSide(trust: both),
            client: try self.clientSide(stranger)
        )
        #expect(
            outcome.serverRefusals.map(\.reason) == [
                "peer identity spiffe://other.local/ns/default/sa/client is not in trust domain cluster.local"
            ]
        )
        #expect(throws: (any Error).self) { try outcome.server.get() }
        // TLS 1.3: the client finished its handshake before the server judged its certificate.
        #expect(outcome.clientAuthenticationError?.code == .rejectedAfterHandshake)
    }

    @Test("The server refuses an expired client certificate, naming the expiry")
    func expiredClient() async throws {
        let yesterday = testNow - 2 * 86_400
        let expired = try self.pki.certificate("spiffe://cluster.local/ns/default/sa/client", now: yesterday)
        let outcome = try await runHandshake(server: try self.serverSide(), client: try self.clientSide(expired))
        #expect(outcome.serverRefusals.map(\.code) == [.policyViolation])
        #expect(
            outcome.serverRefusals.first?.reason
                == "certificate of spiffe://cluster.local/ns/default/sa/client expired at \(expired.notAfter) (now \(testNow))"
        )
        #expect(outcome.clientAuthenticationError?.code == .rejectedAfterHandshake)
    }

    @Test("The client refuses an expired server certificate during the handshake")
    func expiredServer() async throws {
        let expired = try self.pki.certificate("spiffe://cluster.local/ns/shop/sa/server", now: testNow - 2 * 86_400)
        let outcome = try await runHandshake(server: try self.serverSide(expired), client: try self.clientSide())
        #expect(outcome.clientRefusals.map(\.code) == [.policyViolation])
        #expect(outcome.clientAuthenticationError?.code == .handshakeFailed)
        #expect(throws: (any Error).self) { try outcome.server.get() }
    }

    @Test("A self-signed client certificate is refused: no chain to a trusted root")
    func selfSignedClient() async throws {
        let fake = try selfSignedCertificate("spiffe://cluster.local/ns/default/sa/client")
        let outcome = try await runHandshake(server: try self.serverSide(), client: try self.clientSide(fake))
        #expect(outcome.serverRefusals.map(\.code) == [.noTrustedChain])
        #expect(outcome.clientAuthenticationError?.code == .rejectedAfterHandshake)
    }

    @Test("A self-signed server certificate is refused by the client")
    func selfSignedServer() async throws {
        let fake = try selfSignedCertificate("spiffe://cluster.local/ns/shop/sa/server")
        let outcome = try await runHandshake(server: try self.serverSide(fake), client: try self.clientSide())
        #expect(outcome.clientRefusals.map(\.code) == [.noTrustedChain])
        #expect(outcome.clientAuthenticationError?.code == .handshakeFailed)
    }

    @Test("A client expecting identity A refuses a server presenting B")
    func unexpectedServerIdentity() async throws {
        let expectedA = identity("spiffe://cluster.local/ns/shop/sa/a")
        let outcome = try await runHandshake(
            server: try self.serverSide(),
            client: try self.clientSide(expecting: [expectedA])
        )
        #expect(
            outcome.clientRefusals.map(\.description) == [
                "peer certificate refused (claims spiffe://cluster.local/ns/shop/sa/server): peer identity spiffe://cluster.local/ns/shop/sa/server is not the expected identity (expected spiffe://cluster.local/ns/shop/sa/a)"
            ]
        )
        #expect(outcome.clientAuthenticationError?.code == .handshakeFailed)
        #expect(outcome.clientSawServer == nil)
        #expect(throws: (any Error).self) { try outcome.server.get() }
    }

    @Test("A client that sends no certificate is refused by the server")
    func clientWithoutCertificate() async throws {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.minimumTLSVersion = .tlsv13
        configuration.applicationProtocols = ["h2"]
        configuration.certificateVerification = .noHostnameVerification
        configuration.trustRoots = .certificates([])
        let anonymous = ClientSide(
            configuration: configuration,
            trust: self.pki.trust,
            expected: [self.server.identity]
        )
        let outcome = try await runHandshake(server: try self.serverSide(), client: anonymous)
        // BoringSSL refuses before any verification callback runs (a client certificate is required).
        #expect(outcome.serverRefusals.isEmpty)
        #expect(throws: (any Error).self) { try outcome.server.get() }
        #expect(outcome.clientAuthenticationError?.code == .rejectedAfterHandshake)
        #expect(
            outcome.clientAuthenticationError?.description.hasPrefix(
                "mTLS to 127.0.0.1:"
            ) == true
        )
    }

    @Test("A TLS 1.2-only client is refused")
    func tls12Client() async throws {
        var client = try self.clientSide()
        client.configuration.minimumTLSVersion = .tlsv12
        client.configuration.maximumTLSVersion = .tlsv12
        let outcome = try await runHandshake(server: try self.serverSide(), client: client)
        #expect(outcome.clientAuthenticationError?.code == .handshakeFailed)
        #expect(throws: (any Error).self) { try outcome.server.get() }
        #expect(outcome.serverRefusals.isEmpty && outcome.clientRefusals.isEmpty)
    }

    @Test("A TLS 1.2-only server is refused")
    func tls12Server() async throws {
        var server = try self.serverSide()
        server.configuration.minimumTLSVersion = .tlsv12
        server.configuration.maximumTLSVersion = .tlsv12
        let outcome = try await runHandshake(server: server, client: try self.clientSide())
        #expect(outcome.clientAuthenticationError?.code == .handshakeFailed)
        #expect(throws: (any Error).self) { try outcome.server.get() }
    }

    @Test("After a trust bundle reload, new handshakes use the new roots")
    func trustReloadAppliesToNewHandshakes() async throws {
        let newPKI = try TestPKI()
        let newClient = try newPKI.certificate("spiffe://cluster.local/ns/default/sa/client")
        let serverTrust = TrustBundleStore(TrustBundle(roots: [self.pki.root.certificate]))
        let server = try self.serverSide(trust: serverTrust)

        let before = try await runHandshake(server: server, client: try self.clientSide(newClient))
        #expect(before.clientAuthenticationError?.code == .rejectedAfterHandshake)

        serverTrust.replace(with: TrustBundle(roots: [self.pki.root.certificate, newPKI.root.certificate]))
        let after = try await runHandshake(server: server, client: try self.clientSide(newClient))
        #expect(try after.server.get() == newClient.identity)
    }

    @Test("The TLS configuration is TLS 1.3 only with ALPN h2 and a required, callback-verified peer certificate")
    func configurationShape() throws {
        for configuration in [
            try MutualTLS.serverConfiguration(presenting: self.server),
            try MutualTLS.clientConfiguration(presenting: self.client),
        ] {
            #expect(configuration.minimumTLSVersion == .tlsv13)
            #expect(configuration.maximumTLSVersion == .tlsv13)
            #expect(configuration.applicationProtocols == ["h2"])
            #expect(configuration.certificateVerification == .noHostnameVerification)
            #expect(configuration.certificateChain.count == 2)
        }
    }
}

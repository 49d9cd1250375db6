import Crypto
import Foundation
import Testing
import WeftIdentity
import X509

@Suite("SPIFFE peer verification")
struct SPIFFEPeerVerifierTests {
    let pki: TestPKI
    let foo = identity("spiffe://cluster.local/ns/default/sa/foo")

    init() throws {
        self.pki = try TestPKI()
    }

    func verifier(
        _ requirement: SPIFFEPolicy.Requirement = .trustDomain("cluster.local"),
        trust: TrustBundleStore? = nil,
        now: Date = testNow
    ) -> SPIFFEPeerVerifier {
        SPIFFEPeerVerifier(trust: trust ?? self.pki.trust, requirement: requirement, now: { now })
    }

    @Test("A client expecting one identity accepts it and refuses another, naming both")
    func expectedIdentity() async throws {
        let bar = try self.pki.certificate("spiffe://cluster.local/ns/default/sa/bar")
        let expectingFoo = self.verifier(.oneOf([self.foo]))
        let refusal = try await #require(throws: PeerVerificationFailure.self) {
            try await expectingFoo.verify(presented: bar.presentedChain)
        }
        #expect(refusal.code == .policyViolation)
        #expect(
            refusal.description
                == "peer certificate refused (claims spiffe://cluster.local/ns/default/sa/bar): peer identity spiffe://cluster.local/ns/default/sa/bar is not the expected identity (expected spiffe://cluster.local/ns/default/sa/foo)"
        )
        let expectingEither = self.verifier(.oneOf([self.foo, bar.identity]))
        #expect(try await expectingEither.verify(presented: bar.presentedChain).identity == bar.identity)
    }

    @Test("A trusted peer of another trust domain is refused by the trust-domain check")
    func otherTrustDomain() async throws {
        let other = try TestPKI(trustDomain: "other.local")
        let stranger = try other.certificate("spiffe://other.local/ns/default/sa/foo")
        // Trust both roots, so that only the trust-domain rule can refuse.
        let both = TrustBundleStore(TrustBundle(roots: [self.pki.root.certificate, other.root.certificate]))
        let refusal = try await #require(throws: PeerVerificationFailure.self) {
            try await self.verifier(trust: both).verify(presented: stranger.presentedChain)
        }
        #expect(
            refusal.reason
                == "peer identity spiffe://other.local/ns/default/sa/foo is not in trust domain cluster.local"
        )
    }

    @Test("A node intermediate cannot vouch for another trust domain: its name constraint refuses the leaf")
    func nameConstraintHolds() async throws {
        let node = try self.pki.node("rogue")
        let forged = try forgeLeaf(
            "spiffe://other.local/ns/default/sa/admin",
            signedBy: node.intermediate,
            now: testNow
        )
        // Even a verifier that would accept the other trust domain refuses: the chain breaks RFC 5280.
        let refusal = try await #require(throws: PeerVerificationFailure.self) {
            try await self.verifier(.trustDomain("other.local")).verify(presented: [
                forged, node.intermediate.certificate,
            ])
        }
        #expect(refusal.code == .policyViolation)
        #expect(refusal.claimedIdentity == "spiffe://other.local/ns/default/sa/admin")
    }

    @Test("An expired certificate is refused with its expiry time")
    func expired() async throws {
        let old = try self.pki.certificate("spiffe://cluster.local/ns/default/sa/foo")
        let later = testNow + 86_400
        let refusal = try await #require(throws: PeerVerificationFailure.self) {
            try await self.verifier(now: later).verify(presented: old.presentedChain)
        }
        #expect(
            refusal.reason
                == "certificate of spiffe://cluster.local/ns/default/sa/foo expired at \(testNow + 86_400) (now \(later))"
        )
    }

    @Test("A self-signed certificate has no chain to a trusted root")
    func selfSigned() async throws {
        let fake = try selfSignedCertificate("spiffe://cluster.local/ns/default/sa/foo")
        let refusal = try await #require(throws: PeerVerificationFailure.self) {
            try await self.verifier().verify(presented: fake.presentedChain)
        }
        #expect(
            refusal.description
                == "peer certificate refused (claims spiffe://cluster.local/ns/default/sa/foo): no chain to a trusted root (self-signed, or issued by a CA this node does not trust)"
        )
    }

    @Test("A leaf presented without its intermediate cannot be verified")
    func missingIntermediate() async throws {
        let certificate = try self.pki.certificate("spiffe://cluster.local/ns/default/sa/foo")
        let refusal = try await #require(throws: PeerVerificationFailure.self) {
            try await self.verifier().verify(presented: [certificate.leaf])
        }
        #expect(refusal.code == .noTrustedChain)
    }

    @Test("No certificate at all is refused")
    func noCertificate() async throws {
        let refusal = try await #require(throws: PeerVerificationFailure.self) {
            try await self.verifier().verify(presented: [])
        }
        #expect(refusal.description == "peer certificate refused: the peer sent no certificate")
    }

    @Test("A certificate without a SPIFFE URI is refused")
    func noSpiffeURI() async throws {
        let node = try self.pki.node("a")
        let leaf = try forgeLeaf(nil, signedBy: node.intermediate, now: testNow)
        let refusal = try await #require(throws: PeerVerificationFailure.self) {
            try await self.verifier().verify(presented: [leaf, node.intermediate.certificate])
        }
        #expect(refusal.reason == "the peer's certificate has no spiffe:// URI SAN")
    }

    @Test("Reloading the trust bundle changes what new verifications accept")
    func trustBundleReload() async throws {
        let newPKI = try TestPKI()
        let fromOld = try self.pki.certificate("spiffe://cluster.local/ns/default/sa/foo")
        let fromNew = try newPKI.certificate("spiffe://cluster.local/ns/default/sa/foo")
        let store = TrustBundleStore(TrustBundle(roots: [self.pki.root.certificate]))
        let verifier = self.verifier(trust: store)

        _ = try await verifier.verify(presented: fromOld.presentedChain)
        await #expect(throws: PeerVerificationFailure.self) {
            try await verifier.verify(presented: fromNew.presentedChain)
        }

        // Root rotation: first both roots, then only the new one.
        #expect(store.replace(with: TrustBundle(roots: [self.pki.root.certificate, newPKI.root.certificate])))
        _ = try await verifier.verify(presented: fromOld.presentedChain)
        _ = try await verifier.verify(presented: fromNew.presentedChain)

        #expect(store.replace(with: TrustBundle(roots: [newPKI.root.certificate])))
        #expect(!store.replace(with: TrustBundle(roots: [newPKI.root.certificate])))
        await #expect(throws: PeerVerificationFailure.self) {
            try await verifier.verify(presented: fromOld.presentedChain)
        }
        _ = try await verifier.verify(presented: fromNew.presentedChain)
    }

    @Test("A bundle reloaded from a file with a bad PEM keeps the previous bundle")
    func badReloadKeepsBundle() throws {
        try withTemporaryDirectory { base in
            let store = self.pki.trust
            let path = base + "/root-cert.pem"
            try SecureFiles.writeAtomically("garbage", to: path, mode: 0o644)
            #expect(throws: CAMaterialError.self) { try store.reload(from: path) }
            #expect(store.current.roots == [self.pki.root.certificate])
        }
    }
}

/// A leaf signed directly by `authority`, bypassing the issuer's checks (what a rogue node could produce).
func forgeLeaf(_ uri: String?, signedBy authority: CertificateAuthority, now: Date) throws -> Certificate {
    let key = P256.Signing.PrivateKey()
    let names: [GeneralName] = uri.map { [.uniformResourceIdentifier($0)] } ?? [.dnsName("example.com")]
    return try Certificate(
        version: .v3,
        serialNumber: Certificate.SerialNumber(),
        publicKey: Certificate.PublicKey(key.publicKey),
        notValidBefore: now - 60,
        notValidAfter: now + 3_600,
        issuer: authority.certificate.subject,
        subject: DistinguishedName(),
        signatureAlgorithm: .ecdsaWithSHA256,
        extensions: try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(SubjectAlternativeNames(names))
        },
        issuerPrivateKey: Certificate.PrivateKey(authority.privateKey)
    )
}

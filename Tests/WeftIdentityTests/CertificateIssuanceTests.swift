import Crypto
import Foundation
import SwiftASN1
import Synchronization
import Testing
import WeftIdentity
import X509

@Suite("Workload certificate issuance")
struct CertificateIssuanceTests {
    let pki: TestPKI
    let material: NodeCAMaterial
    let foo = identity("spiffe://cluster.local/ns/default/sa/foo")

    init() throws {
        self.pki = try TestPKI()
        self.material = try self.pki.node("node-a")
    }

    @Test("A leaf carries exactly what Istio's CA puts in an X.509-SVID")
    func leafFields() throws {
        let issuer = WorkloadCertificateIssuer(material: self.material, node: "node-a", enrolled: [self.foo])
        let certificate = try issuer.issue(for: self.foo, now: testNow)
        let leaf = certificate.leaf

        // Empty subject, so the SAN must be critical and hold exactly the SPIFFE ID.
        #expect(leaf.subject == DistinguishedName())
        let san = try #require(leaf.extensions[oid: .X509ExtensionID.subjectAlternativeName])
        #expect(san.critical)
        #expect(
            Array(try #require(try leaf.extensions.subjectAlternativeNames)) == [
                .uniformResourceIdentifier("spiffe://cluster.local/ns/default/sa/foo")
            ]
        )
        // 24 h from now, backdated one minute for slow clocks.
        #expect(leaf.notValidAfter == testNow + 86_400)
        #expect(leaf.notValidBefore == testNow - 60)
        #expect(
            try leaf.extensions.extendedKeyUsage
                == ExtendedKeyUsage([.serverAuth, .clientAuth])
        )
        #expect(try leaf.extensions.keyUsage == KeyUsage(digitalSignature: true, keyEncipherment: true))
        #expect(try leaf.extensions.basicConstraints == .notCertificateAuthority)
        #expect(
            try leaf.extensions.authorityKeyIdentifier?.keyIdentifier
                == self.material.intermediate.certificate.extensions.subjectKeyIdentifier?.keyIdentifier
        )
        #expect(leaf.issuer == self.material.intermediate.certificate.subject)
        #expect(leaf.signatureAlgorithm == .ecdsaWithSHA256)
        #expect(P256.Signing.PublicKey(leaf.publicKey) != nil)
        #expect(certificate.presentedChain == [leaf, self.material.intermediate.certificate])
    }

    @Test("The leaf chains to the root through the node intermediate")
    func chainVerifies() async throws {
        let issuer = WorkloadCertificateIssuer(material: self.material, node: "node-a", enrolled: [self.foo])
        let certificate = try issuer.issue(for: self.foo, now: testNow)
        let verifier = SPIFFEPeerVerifier(
            trust: self.pki.trust,
            requirement: .trustDomain("cluster.local"),
            now: { testNow }
        )
        let peer = try await verifier.verify(presented: certificate.presentedChain)
        #expect(peer.identity == self.foo)
        #expect(peer.chain == [certificate.leaf, self.material.intermediate.certificate, self.pki.root.certificate])
    }

    @Test("The lifetime is configurable and never outlives the node intermediate")
    func lifetime() throws {
        let short = WorkloadCertificateIssuer(
            material: self.material,
            node: "node-a",
            lifetime: .seconds(3_600),
            enrolled: [self.foo]
        )
        #expect(try short.issue(for: self.foo, now: testNow).notAfter == testNow + 3_600)

        let intermediateEnd = self.material.intermediate.certificate.notValidAfter
        let late = intermediateEnd - 600
        let capped = try short.issue(for: self.foo, now: late)
        #expect(capped.notAfter == intermediateEnd)
    }

    @Test("Every certificate gets its own fresh key")
    func freshKeys() throws {
        let issuer = WorkloadCertificateIssuer(material: self.material, node: "node-a", enrolled: [self.foo])
        let first = try issuer.issue(for: self.foo, now: testNow)
        let second = try issuer.issue(for: self.foo, now: testNow)
        #expect(first.leaf.publicKey != second.leaf.publicKey)
        #expect(first.leaf.serialNumber != second.leaf.serialNumber)
    }

    @Test("An identity with no workload enrolled on this node is refused, naming node, namespace and account")
    func refusesUnenrolled() throws {
        let issuer = WorkloadCertificateIssuer(material: self.material, node: "node-a", enrolled: [self.foo])
        let bar = identity("spiffe://cluster.local/ns/shop/sa/bar")
        let error = try #require(throws: IssuanceError.self) { try issuer.issue(for: bar, now: testNow) }
        #expect(error.code == .notEnrolledOnThisNode)
        #expect(
            error.description
                == "refusing to issue a certificate for spiffe://cluster.local/ns/shop/sa/bar: no workload enrolled on node node-a runs as service account bar in namespace shop"
        )
    }

    @Test("The enrollment check is asked at every issuance, so unenrolling stops issuance at once")
    func enrollmentIsLive() throws {
        let enrolled = EnrolledSet([self.foo])
        let issuer = WorkloadCertificateIssuer(material: self.material, node: "node-a") { enrolled.contains($0) }
        _ = try issuer.issue(for: self.foo, now: testNow)
        enrolled.remove(self.foo)
        #expect(throws: IssuanceError.self) { try issuer.issue(for: self.foo, now: testNow) }
    }

    @Test("An identity of another trust domain is refused even if listed as enrolled")
    func refusesForeignTrustDomain() throws {
        let other = identity("spiffe://other.local/ns/default/sa/foo")
        let issuer = WorkloadCertificateIssuer(material: self.material, node: "node-a", enrolled: [other])
        let error = try #require(throws: IssuanceError.self) { try issuer.issue(for: other, now: testNow) }
        #expect(error.code == .foreignTrustDomain)
        #expect(
            error.description
                == "refusing to issue a certificate for spiffe://other.local/ns/default/sa/foo: node node-a issues only for trust domain cluster.local"
        )
    }

    @Test("Nothing is issued once the node intermediate has expired")
    func refusesWithExpiredIntermediate() throws {
        let issuer = WorkloadCertificateIssuer(material: self.material, node: "node-a", enrolled: [self.foo])
        let afterExpiry = self.material.intermediate.certificate.notValidAfter + 1
        let error = try #require(throws: IssuanceError.self) { try issuer.issue(for: self.foo, now: afterExpiry) }
        #expect(error.code == .issuerNotValid)
    }

    @Test("The node intermediate is a path-length-0 CA name-constrained to spiffe://<trust domain>")
    func intermediateConstraints() throws {
        let intermediate = self.material.intermediate.certificate
        #expect(try intermediate.extensions.basicConstraints == .isCertificateAuthority(maxPathLength: 0))
        let constraints = try #require(try intermediate.extensions.nameConstraints)
        #expect(Array(constraints.permittedURIDomains) == ["cluster.local"])
        #expect(try #require(intermediate.extensions[oid: .X509ExtensionID.nameConstraints]).critical)
        #expect(intermediate.notValidAfter == testNow + 365 * 86_400)
        #expect(self.pki.root.certificate.notValidAfter == testNow + 3_650 * 86_400)
        #expect(self.material.intermediate.trustDomain == "cluster.local")
    }
}

/// A thread-safe set of enrolled identities, standing in for the agent's registry.
final class EnrolledSet: Sendable {
    private let identities: Mutex<Set<SpiffeIdentity>>

    init(_ identities: Set<SpiffeIdentity>) {
        self.identities = Mutex(identities)
    }

    func contains(_ identity: SpiffeIdentity) -> Bool {
        self.identities.withLock { $0.contains(identity) }
    }

    func remove(_ identity: SpiffeIdentity) {
        self.identities.withLock { _ = $0.remove(identity) }
    }
}

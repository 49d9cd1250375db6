import Crypto
import Foundation
import WeftIdentity
import X509

/// A fixed "now" for everything that does not need the wall clock: 2027-01-15 08:00:00 UTC.
let testNow = Date(timeIntervalSince1970: 1_800_000_000)

/// SplitMix64: a small seeded generator, so that jitter in tests is reproducible.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A generator that always returns the same value: `0` gives u = 0 in `RotationTiming.unitInterval`,
/// `UInt64.max` gives u just below 1.
struct ConstantRandom: RandomNumberGenerator {
    let value: UInt64

    mutating func next() -> UInt64 {
        self.value
    }
}

/// A fresh directory under the system temporary directory, removed when `body` returns or throws.
func withTemporaryDirectory<T>(_ body: (String) throws -> T) throws -> T {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("weft-identity-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try body(path)
}

/// Parses an identity that the test knows is valid.
func identity(_ text: String) -> SpiffeIdentity {
    do {
        return try SpiffeIdentity(parsing: text)
    } catch {
        fatalError("test identity \(text) does not parse: \(error)")
    }
}

/// An in-memory PKI: one root per trust domain and node intermediates under it, all made at `testNow`.
struct TestPKI {
    let root: CertificateAuthority
    let trustDomain: String

    init(trustDomain: String = "cluster.local", now: Date = testNow) throws {
        self.root = try CertificateAuthority.makeRoot(trustDomain: trustDomain, now: now)
        self.trustDomain = trustDomain
    }

    /// The material of a node whose intermediate this root signed.
    func node(_ name: String, now: Date = testNow) throws -> NodeCAMaterial {
        NodeCAMaterial(
            intermediate: try self.root.issueNodeIntermediate(node: name, now: now),
            roots: [self.root.certificate],
            trustDomain: self.trustDomain
        )
    }

    /// A certificate for `identity` issued by node `node` at `now`.
    func certificate(
        _ identityText: String,
        node: String = "node-a",
        now: Date = testNow,
        lifetime: Duration = WorkloadCertificateIssuer.defaultLifetime
    ) throws -> WorkloadCertificate {
        let workload = identity(identityText)
        let issuer = WorkloadCertificateIssuer(
            material: try self.node(node, now: now),
            node: node,
            lifetime: lifetime,
            enrolled: [workload]
        )
        return try issuer.issue(for: workload, now: now)
    }

    /// A trust bundle store holding this root only.
    var trust: TrustBundleStore {
        TrustBundleStore(TrustBundle(roots: [self.root.certificate]))
    }
}

/// A self-signed workload-looking certificate (no CA behind it) for `identityText`.
func selfSignedCertificate(_ identityText: String, now: Date = testNow) throws -> WorkloadCertificate {
    let key = P256.Signing.PrivateKey()
    let name = try DistinguishedName { CommonName("self-signed") }
    let leaf = try Certificate(
        version: .v3,
        serialNumber: Certificate.SerialNumber(),
        publicKey: Certificate.PublicKey(key.publicKey),
        notValidBefore: now - 60,
        notValidAfter: now + 86_400,
        issuer: name,
        subject: name,
        signatureAlgorithm: .ecdsaWithSHA256,
        extensions: try Certificate.Extensions {
            Critical(BasicConstraints.notCertificateAuthority)
            Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
            try ExtendedKeyUsage([.serverAuth, .clientAuth])
            SubjectAlternativeNames([.uniformResourceIdentifier(identityText)])
        },
        issuerPrivateKey: Certificate.PrivateKey(key)
    )
    return WorkloadCertificate(identity: identity(identityText), leaf: leaf, privateKey: key, intermediates: [])
}

/// `withTemporaryDirectory` for async bodies.
func withTemporaryDirectoryAsync<T>(_ body: (String) async throws -> T) async throws -> T {
    let path = FileManager.default.temporaryDirectory
        .appendingPathComponent("weft-identity-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: path) }
    return try await body(path)
}

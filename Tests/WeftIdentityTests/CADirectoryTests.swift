import Foundation
import Testing
import WeftIdentity
import X509

@Suite("CA material on disk")
struct CADirectoryTests {
    @Test("ca init writes a 0700 directory with the root certificate and a 0600 root key")
    func initRootPermissions() throws {
        try withTemporaryDirectory { base in
            let rootDirectory = base + "/root"
            let root = try OfflineCA.initRoot(directory: rootDirectory, trustDomain: "cluster.local", now: testNow)
            #expect(SecureFiles.mode(of: rootDirectory) == 0o700)
            #expect(SecureFiles.mode(of: rootDirectory + "/root-key.pem") == 0o600)
            #expect(SecureFiles.mode(of: rootDirectory + "/root-cert.pem") == 0o644)
            #expect(
                try Set(FileManager.default.contentsOfDirectory(atPath: rootDirectory)) == [
                    "root-cert.pem", "root-key.pem",
                ]
            )
            let loaded = try CertificateAuthority.loadRoot(from: rootDirectory, now: testNow)
            #expect(loaded.certificate == root.certificate)
            #expect(loaded.trustDomain == "cluster.local")
        }
    }

    @Test("ca init refuses to replace an existing root")
    func initRootRefusesOverwrite() throws {
        try withTemporaryDirectory { base in
            try OfflineCA.initRoot(directory: base, trustDomain: "cluster.local", now: testNow)
            let error = try #require(throws: CAMaterialError.self) {
                try OfflineCA.initRoot(directory: base, trustDomain: "cluster.local", now: testNow)
            }
            #expect(error.description == "\(base)/root-key.pem: CA material already exists; refusing to overwrite it")
        }
    }

    @Test("issue-node writes the intermediate, the root certificate and the chain, but never the root key")
    func issueNodeLayout() throws {
        try withTemporaryDirectory { base in
            let root = try OfflineCA.initRoot(directory: base + "/root", trustDomain: "cluster.local", now: testNow)
            let out = base + "/state/ca"
            try OfflineCA.issueNode(node: "node-a", rootDirectory: base + "/root", outDirectory: out, now: testNow)
            #expect(
                try Set(FileManager.default.contentsOfDirectory(atPath: out))
                    == ["ca-cert.pem", "ca-key.pem", "root-cert.pem", "cert-chain.pem"]
            )
            #expect(SecureFiles.mode(of: out) == 0o700)
            #expect(SecureFiles.mode(of: out + "/ca-key.pem") == 0o600)
            let material = try NodeCAMaterial.load(from: out, trustDomain: "cluster.local", now: testNow)
            #expect(material.roots == [root.certificate])
            #expect(material.trustDomain == "cluster.local")
            // cert-chain.pem is the intermediate followed by the root, as in Istio's cacerts layout.
            let chain = try PEMFiles.certificates(at: out + "/cert-chain.pem")
            #expect(chain == [material.intermediate.certificate, root.certificate])
        }
    }

    @Test("Intermediates of two nodes under one root trust each other's workloads; another root's are refused")
    func nodesOfOneRootTrustEachOther() async throws {
        try await withTemporaryDirectoryAsync { base in
            try OfflineCA.initRoot(directory: base + "/root", trustDomain: "cluster.local", now: testNow)
            try OfflineCA.initRoot(directory: base + "/other-root", trustDomain: "cluster.local", now: testNow)
            let a = try OfflineCA.issueNode(
                node: "node-a",
                rootDirectory: base + "/root",
                outDirectory: base + "/a",
                now: testNow
            )
            let b = try OfflineCA.issueNode(
                node: "node-b",
                rootDirectory: base + "/root",
                outDirectory: base + "/b",
                now: testNow
            )
            let c = try OfflineCA.issueNode(
                node: "node-c",
                rootDirectory: base + "/other-root",
                outDirectory: base + "/c",
                now: testNow
            )
            let foo = identity("spiffe://cluster.local/ns/default/sa/foo")
            func certificate(from material: NodeCAMaterial, node: String) throws -> WorkloadCertificate {
                try WorkloadCertificateIssuer(material: material, node: node, enrolled: [foo]).issue(
                    for: foo,
                    now: testNow
                )
            }
            // Node b verifies with the trust bundle it loaded from its own directory.
            let bundleOfB = try TrustBundle.load(from: base + "/b/root-cert.pem")
            let verifierOnB = SPIFFEPeerVerifier(
                trust: TrustBundleStore(bundleOfB),
                requirement: .trustDomain("cluster.local"),
                now: { testNow }
            )
            let fromA = try await verifierOnB.verify(presented: try certificate(from: a, node: "node-a").presentedChain)
            #expect(fromA.identity == foo)
            let fromB = try await verifierOnB.verify(presented: try certificate(from: b, node: "node-b").presentedChain)
            #expect(fromB.identity == foo)
            let refusal = try await #require(throws: PeerVerificationFailure.self) {
                try await verifierOnB.verify(presented: try certificate(from: c, node: "node-c").presentedChain)
            }
            #expect(refusal.code == .noTrustedChain)
        }
    }

    @Test("issue-node refuses to write into the root directory")
    func issueNodeRefusesRootDirectory() throws {
        try withTemporaryDirectory { base in
            try OfflineCA.initRoot(directory: base, trustDomain: "cluster.local", now: testNow)
            let error = try #require(throws: CAMaterialError.self) {
                try OfflineCA.issueNode(node: "n", rootDirectory: base, outDirectory: base + "/", now: testNow)
            }
            #expect(error.code == .cannotWrite)
        }
    }

    @Test("issue-node refuses node names that cannot go into a certificate")
    func issueNodeRefusesBadName() throws {
        let error = try #require(throws: CAMaterialError.self) {
            try OfflineCA.issueNode(node: "node a", rootDirectory: "/nonexistent", outDirectory: "/x", now: testNow)
        }
        #expect(error.description == "node a: invalid node name: use 1-64 letters, digits, '.', '-' or '_'")
    }

    @Test("An agent with an empty STATE_DIR/ca creates its own root and intermediate, then reloads them")
    func agentCreatesSingleNodeCA() throws {
        try withTemporaryDirectory { base in
            let caDirectory = base + "/state/ca"
            let first = try OfflineCA.loadOrCreateNodeCA(
                directory: caDirectory,
                trustDomain: "cluster.local",
                node: "solo",
                now: testNow
            )
            #expect(first.created)
            #expect(SecureFiles.mode(of: caDirectory + "/ca-key.pem") == 0o600)
            #expect(SecureFiles.mode(of: caDirectory + "/root/root-key.pem") == 0o600)
            #expect(SecureFiles.mode(of: caDirectory + "/root") == 0o700)
            #expect(!SecureFiles.exists(caDirectory + "/root-key.pem"))

            let second = try OfflineCA.loadOrCreateNodeCA(
                directory: caDirectory,
                trustDomain: "cluster.local",
                node: "solo",
                now: testNow + 3_600
            )
            #expect(!second.created)
            #expect(second.material.intermediate.certificate == first.material.intermediate.certificate)
            #expect(second.material.roots == first.material.roots)
        }
    }

    @Test("An agent configured for another trust domain than its CA material refuses to start with it")
    func agentRefusesOtherTrustDomain() throws {
        try withTemporaryDirectory { base in
            _ = try OfflineCA.loadOrCreateNodeCA(directory: base, trustDomain: "cluster.local", node: "n", now: testNow)
            let error = try #require(throws: CAMaterialError.self) {
                try OfflineCA.loadOrCreateNodeCA(directory: base, trustDomain: "example.org", node: "n", now: testNow)
            }
            #expect(
                error.description
                    == "\(base)/ca-cert.pem: wrong trust domain: it is for trust domain cluster.local, this agent is configured for example.org"
            )
        }
    }

    @Test("Half-written material is an error naming the missing file, not a reason to start a new root")
    func partialMaterial() throws {
        try withTemporaryDirectory { base in
            _ = try OfflineCA.loadOrCreateNodeCA(directory: base, trustDomain: "cluster.local", node: "n", now: testNow)
            try FileManager.default.removeItem(atPath: base + "/ca-key.pem")
            let error = try #require(throws: CAMaterialError.self) {
                try OfflineCA.loadOrCreateNodeCA(directory: base, trustDomain: "cluster.local", node: "n", now: testNow)
            }
            #expect(error.code == .missingFile)
            #expect(error.path == base + "/ca-key.pem")
        }
    }

    @Test("A key file readable by others is refused with the mode and the fix")
    func insecureKeyMode() throws {
        try withTemporaryDirectory { base in
            try OfflineCA.issueNodeFixture(base: base)
            chmod(base + "/out/ca-key.pem", 0o644)
            let error = try #require(throws: CAMaterialError.self) {
                try NodeCAMaterial.load(from: base + "/out", now: testNow)
            }
            #expect(
                error.description
                    == "\(base)/out/ca-key.pem: key file is accessible by group or others: mode 0644; run chmod 600 on it"
            )
        }
    }

    @Test("A key that belongs to another certificate is refused")
    func mismatchedKey() throws {
        try withTemporaryDirectory { base in
            try OfflineCA.issueNodeFixture(base: base)
            try OfflineCA.issueNode(
                node: "other",
                rootDirectory: base + "/root",
                outDirectory: base + "/other",
                now: testNow
            )
            try FileManager.default.removeItem(atPath: base + "/out/ca-key.pem")
            try FileManager.default.copyItem(atPath: base + "/other/ca-key.pem", toPath: base + "/out/ca-key.pem")
            let error = try #require(throws: CAMaterialError.self) {
                try NodeCAMaterial.load(from: base + "/out", now: testNow)
            }
            #expect(
                error.description
                    == "\(base)/out/ca-key.pem: private key does not match the certificate: it is not the key of \(base)/out/ca-cert.pem"
            )
        }
    }

    @Test("An intermediate that the bundled root did not sign is refused")
    func intermediateFromAnotherRoot() throws {
        try withTemporaryDirectory { base in
            try OfflineCA.issueNodeFixture(base: base)
            try OfflineCA.initRoot(directory: base + "/root2", trustDomain: "cluster.local", now: testNow)
            try FileManager.default.removeItem(atPath: base + "/out/root-cert.pem")
            try FileManager.default.copyItem(atPath: base + "/root2/root-cert.pem", toPath: base + "/out/root-cert.pem")
            let error = try #require(throws: CAMaterialError.self) {
                try NodeCAMaterial.load(from: base + "/out", now: testNow)
            }
            #expect(error.code == .notIssuedByRoot)
            #expect(error.path == base + "/out/ca-cert.pem")
        }
    }

    @Test("Garbage in a PEM file is reported with the file name")
    func malformedPEM() throws {
        try withTemporaryDirectory { base in
            try OfflineCA.issueNodeFixture(base: base)
            try SecureFiles.writeAtomically("not a certificate\n", to: base + "/out/ca-cert.pem", mode: 0o644)
            let error = try #require(throws: CAMaterialError.self) {
                try NodeCAMaterial.load(from: base + "/out", now: testNow)
            }
            #expect(error.description == "\(base)/out/ca-cert.pem: not a valid PEM file: no CERTIFICATE block found")
        }
    }

    @Test("An expired intermediate is refused with its validity period")
    func expiredIntermediate() throws {
        try withTemporaryDirectory { base in
            try OfflineCA.issueNodeFixture(base: base)
            let later = testNow + 400 * 86_400
            let error = try #require(throws: CAMaterialError.self) {
                try NodeCAMaterial.load(from: base + "/out", now: later)
            }
            #expect(error.code == .expired)
            #expect(error.description.hasPrefix("\(base)/out/ca-cert.pem: certificate is not valid now: valid from "))
        }
    }

    @Test("An atomic write replaces the file whole, with the exact mode despite the umask, and leaves no temp file")
    func atomicWrite() throws {
        try withTemporaryDirectory { base in
            let path = base + "/key.pem"
            let previous = umask(0o077)
            defer { umask(previous) }
            try SecureFiles.writeAtomically("first\n", to: path, mode: 0o644)
            #expect(SecureFiles.mode(of: path) == 0o644)
            try SecureFiles.writeAtomically("second\n", to: path, mode: 0o600)
            #expect(try SecureFiles.readText(path) == "second\n")
            #expect(SecureFiles.mode(of: path) == 0o600)
            #expect(try FileManager.default.contentsOfDirectory(atPath: base) == ["key.pem"])
        }
    }

    @Test("A failed write leaves the old file untouched and no temp file behind")
    func failedWriteKeepsOld() throws {
        try withTemporaryDirectory { base in
            let path = base + "/dir"
            try SecureFiles.ensurePrivateDirectory(path)
            try SecureFiles.writeAtomically("keep\n", to: base + "/file", mode: 0o600)
            // Renaming a file over a directory fails after the temp file was written.
            #expect(throws: CAMaterialError.self) { try SecureFiles.writeAtomically("x", to: path, mode: 0o600) }
            #expect(try Set(FileManager.default.contentsOfDirectory(atPath: base)) == ["dir", "file"])
            #expect(try SecureFiles.readText(base + "/file") == "keep\n")
        }
    }

    @Test("ensurePrivateDirectory tightens an existing directory to 0700")
    func tightensDirectory() throws {
        try withTemporaryDirectory { base in
            let path = base + "/ca"
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
            chmod(path, 0o755)
            try SecureFiles.ensurePrivateDirectory(path)
            #expect(SecureFiles.mode(of: path) == 0o700)
        }
    }

    @Test("A missing file is reported as such, with its path")
    func missingFile() {
        let error = #expect(throws: CAMaterialError.self) {
            try NodeCAMaterial.load(from: "/nonexistent/weft-ca", now: testNow)
        }
        #expect(error?.code == .missingFile)
        #expect(error?.description == "/nonexistent/weft-ca/ca-cert.pem: file not found: No such file or directory")
    }
}

extension OfflineCA {
    /// A root in `base/root` and node `n`'s directory in `base/out`.
    fileprivate static func issueNodeFixture(base: String) throws {
        try OfflineCA.initRoot(directory: base + "/root", trustDomain: "cluster.local", now: testNow)
        try OfflineCA.issueNode(node: "n", rootDirectory: base + "/root", outDirectory: base + "/out", now: testNow)
    }
}

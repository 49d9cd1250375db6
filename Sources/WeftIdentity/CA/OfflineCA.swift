import Foundation

/// The offline CA operations behind `weft ca init`, `weft ca issue-node` and the agent's first start
/// (architecture §4 and §13). They work on directories only, so operators and multi-node tests share trust
/// without a running store.
package enum OfflineCA {
    /// `weft ca init --dir DIR`: creates a root for `trustDomain` and writes it to `directory` (key 0600,
    /// directory 0700). Refuses to replace an existing root.
    @discardableResult
    package static func initRoot(
        directory: String,
        trustDomain: String,
        now: Date,
        lifetime: Duration = CertificateAuthority.defaultRootLifetime
    ) throws -> CertificateAuthority {
        let root = try CertificateAuthority.makeRoot(trustDomain: trustDomain, now: now, lifetime: lifetime)
        try root.writeRoot(to: directory)
        return root
    }

    /// `weft ca issue-node NODE --dir ROOT_DIR --out OUT_DIR`: signs an intermediate for `node` with the root in
    /// `rootDirectory` and writes it, with the root certificate (never the root key), to `outDirectory`.
    @discardableResult
    package static func issueNode(
        node: String,
        rootDirectory: String,
        outDirectory: String,
        now: Date,
        lifetime: Duration = CertificateAuthority.defaultIntermediateLifetime,
        overwrite: Bool = false
    ) throws -> NodeCAMaterial {
        try CertificateAuthority.checkNodeName(node)
        guard Self.normalized(rootDirectory) != Self.normalized(outDirectory) else {
            throw CAMaterialError(
                .cannotWrite,
                path: outDirectory,
                detail: "the output directory must not be the root directory (it would hold the root key)"
            )
        }
        let root = try CertificateAuthority.loadRoot(from: rootDirectory, now: now)
        let intermediate = try root.issueNodeIntermediate(node: node, now: now, lifetime: lifetime)
        let material = NodeCAMaterial(
            intermediate: intermediate,
            roots: [root.certificate],
            trustDomain: root.trustDomain ?? ""
        )
        try material.write(to: outDirectory, overwrite: overwrite)
        return material
    }

    /// What the agent does at start: load `STATE_DIR/ca`, or, when it holds no CA material at all, create a root
    /// (in `STATE_DIR/ca/root`) and this node's intermediate (single node). `created` says which happened.
    ///
    /// Partial material (an intermediate certificate without its key, or the reverse) is an error rather than a
    /// reason to start over: replacing it silently would cut this node off from peers that trust the old root.
    package static func loadOrCreateNodeCA(
        directory: String,
        trustDomain: String,
        node: String,
        now: Date
    ) throws -> (material: NodeCAMaterial, created: Bool) {
        let certificatePath = SecureFiles.join(directory, CALayout.caCertificate)
        let keyPath = SecureFiles.join(directory, CALayout.caKey)
        let hasCertificate = SecureFiles.exists(certificatePath)
        let hasKey = SecureFiles.exists(keyPath)
        if hasCertificate || hasKey {
            guard hasCertificate else { throw CAMaterialError(.missingFile, path: certificatePath) }
            guard hasKey else { throw CAMaterialError(.missingFile, path: keyPath) }
            return (try NodeCAMaterial.load(from: directory, trustDomain: trustDomain, now: now), false)
        }
        let rootDirectory = SecureFiles.join(directory, CALayout.selfCreatedRootDirectory)
        try SecureFiles.ensurePrivateDirectory(directory)
        // A root left by an earlier start that stopped before writing the intermediate is reused, not replaced.
        let root =
            SecureFiles.exists(SecureFiles.join(rootDirectory, CALayout.rootKey))
            ? try CertificateAuthority.loadRoot(from: rootDirectory, now: now)
            : try Self.initRoot(directory: rootDirectory, trustDomain: trustDomain, now: now)
        let intermediate = try root.issueNodeIntermediate(node: node, now: now)
        let material = NodeCAMaterial(intermediate: intermediate, roots: [root.certificate], trustDomain: trustDomain)
        try material.write(to: directory)
        return (material, true)
    }

    private static func normalized(_ path: String) -> String {
        var trimmed = path
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed
    }
}

/// Resolves the effective PeerAuthentication mode of a workload port (architecture §4, ztunnel.md §5.3):
/// the port's entry in the workload policy's `portLevelMtls`, then the workload policy's mode, then the namespace
/// policy, then the mesh policy (root namespace), then PERMISSIVE. UNSET at any level inherits from the next one;
/// DISABLE acts as PERMISSIVE.
///
/// Conflicts are resolved deterministically by name, where Istio picks the oldest resource (Weft has no creation
/// timestamps): several workload policies selecting one workload, or several policies without a selector in one
/// namespace, yield the first by name. Workload policies (with a selector) in the root namespace are ignored, as
/// istiod ignores them for ambient workloads; a selector without labels counts as no selector, as in Istio.
struct PeerAuthenticationResolver: Hashable, Sendable {
    let rootNamespace: String
    /// First by name of the root namespace's policies without selector.
    private let mesh: PeerAuthentication?
    /// First by name of each other namespace's policies without selector.
    private let namespaceDefaults: [String: PeerAuthentication]
    /// Each namespace's policies with a selector, in name order.
    private let workloadPolicies: [String: [PeerAuthentication]]

    init(_ policies: [PeerAuthentication], rootNamespace: String) {
        self.rootNamespace = rootNamespace
        let sorted = policies.sorted {
            ($0.metadata.namespace, $0.metadata.name) < ($1.metadata.namespace, $1.metadata.name)
        }
        var mesh: PeerAuthentication?
        var namespaceDefaults: [String: PeerAuthentication] = [:]
        var workloadPolicies: [String: [PeerAuthentication]] = [:]
        for policy in sorted {
            let namespace = policy.metadata.namespace
            let hasSelector = !(policy.selector?.matchLabels.isEmpty ?? true)
            switch (namespace == rootNamespace, hasSelector) {
            case (true, false): mesh = mesh ?? policy
            case (true, true): continue
            case (false, false): namespaceDefaults[namespace] = namespaceDefaults[namespace] ?? policy
            case (false, true): workloadPolicies[namespace, default: []].append(policy)
            }
        }
        self.mesh = mesh
        self.namespaceDefaults = namespaceDefaults
        self.workloadPolicies = workloadPolicies
    }

    /// The mode that applies to connections reaching `target` on `port` (the workload's target port).
    func effectiveMTLS(for target: PolicyTarget, port: Int) -> EffectiveMTLS {
        if let workload = self.workloadPolicies[target.namespace]?.first(where: {
            $0.selector?.matches(target.labels) ?? false
        }) {
            if let portMode = workload.portLevelMtls[port], portMode != .unset {
                return EffectiveMTLS(mode: Self.normalized(portMode), decidedBy: Self.id(workload), level: .port(port))
            }
            if workload.mode != .unset {
                return EffectiveMTLS(
                    mode: Self.normalized(workload.mode),
                    decidedBy: Self.id(workload),
                    level: .workload
                )
            }
        }
        if let namespace = self.namespaceDefaults[target.namespace], namespace.mode != .unset {
            return EffectiveMTLS(
                mode: Self.normalized(namespace.mode),
                decidedBy: Self.id(namespace),
                level: .namespace
            )
        }
        if let mesh = self.mesh, mesh.mode != .unset {
            return EffectiveMTLS(mode: Self.normalized(mesh.mode), decidedBy: Self.id(mesh), level: .mesh)
        }
        return .permissiveDefault
    }

    /// DISABLE acts as PERMISSIVE: Weft always tunnels between enrolled workloads and still accepts plaintext.
    private static func normalized(_ mode: MTLSMode) -> MTLSMode {
        mode == .strict ? .strict : .permissive
    }

    private static func id(_ policy: PeerAuthentication) -> ResourceID {
        ResourceID(kind: .peerAuthentication, namespace: policy.metadata.namespace, name: policy.metadata.name)
    }
}

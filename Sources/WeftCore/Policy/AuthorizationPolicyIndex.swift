/// AuthorizationPolicies grouped by where they apply, built once per configuration so that a check looks only at
/// the policies of the destination's namespace and the mesh (ztunnel.md §5.1):
/// - in the root namespace without a selector: every workload of the mesh;
/// - in the root namespace with a selector: matching workloads in every namespace;
/// - in another namespace without a selector: every workload of that namespace;
/// - with a selector: the matching workloads of that namespace.
struct AuthorizationPolicyIndex: Hashable, Sendable {
    let rootNamespace: String
    /// Root-namespace policies, in name order.
    private let mesh: [CompiledAuthorizationPolicy]
    /// Other policies by namespace, in name order.
    private let byNamespace: [String: [CompiledAuthorizationPolicy]]

    init(_ policies: [AuthorizationPolicy], rootNamespace: String) {
        self.rootNamespace = rootNamespace
        let compiled = policies.map(CompiledAuthorizationPolicy.init).sorted { $0.id < $1.id }
        self.mesh = compiled.filter { $0.id.namespace == rootNamespace }
        self.byNamespace = Dictionary(grouping: compiled.filter { $0.id.namespace != rootNamespace }) {
            $0.id.namespace
        }
    }

    /// The policies that apply to `target`, in evaluation order: mesh-wide, then namespace-wide, then those that
    /// select the workload; by name within each group. The order only decides which policy a reason names.
    func policies(for target: PolicyTarget) -> [CompiledAuthorizationPolicy] {
        let local = self.byNamespace[target.namespace] ?? []
        func selects(_ policy: CompiledAuthorizationPolicy) -> Bool {
            policy.selector?.matches(target.labels) ?? true
        }
        return self.mesh.filter { $0.selector == nil } + self.mesh.filter { $0.selector != nil && selects($0) }
            + local.filter { $0.selector == nil } + local.filter { $0.selector != nil && selects($0) }
    }
}

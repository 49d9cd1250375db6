/// An AuthorizationPolicy prepared for evaluation: patterns parsed, CIDRs and ports ready, the scope resolved.
/// Built once per configuration by `AuthorizationPolicyIndex`.
struct CompiledAuthorizationPolicy: Hashable, Sendable {
    var id: ResourceID
    var action: AuthorizationPolicy.Action
    var dryRun: Bool
    /// nil: the whole namespace (or the mesh, in the root namespace). Istio treats a selector without labels the
    /// same way, so it is kept as an empty selector that matches every workload.
    var selector: LabelSelector?
    /// Empty when the policy has no rules: it never matches (an ALLOW policy without rules allows nothing).
    var rules: [RuleMatcher]

    init(_ policy: AuthorizationPolicy) {
        self.id = ResourceID(
            kind: .authorizationPolicy,
            namespace: policy.metadata.namespace,
            name: policy.metadata.name
        )
        self.action = policy.action
        self.dryRun = policy.dryRun
        self.selector = policy.selector
        self.rules = (policy.rules ?? []).map { RuleMatcher($0, policyNamespace: policy.metadata.namespace) }
    }

    /// The index of the first rule that matches, if any.
    func firstMatchingRule(_ request: AuthorizationRequest) -> Int? {
        self.rules.firstIndex { $0.matches(request, action: self.action) }
    }

    /// Whether some rule needs the HTTP request, so the agent must inspect requests to enforce it fully.
    var usesRequestAttributes: Bool {
        self.rules.contains(where: \.usesRequestAttributes)
    }
}

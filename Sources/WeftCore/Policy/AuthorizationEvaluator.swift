/// Decides whether a connection or request may reach a workload, from the validated AuthorizationPolicy and
/// PeerAuthentication resources of one `MeshConfig`. Pure and immutable: build one per configuration snapshot
/// (the indexing happens here, once) and share it; `Hashable` so the agent can tell whether policy changed and
/// re-check open connections (style G5, ztunnel `PolicyWatcher`).
///
/// Order of evaluation (ztunnel.md §5.1, architecture §6):
/// 1. dry-run policies are evaluated and only reported;
/// 2. effective mTLS STRICT and no peer identity → deny (Istio pushes STRICT as a DENY policy);
/// 3. any DENY policy matches → deny;
/// 4. no ALLOW policy applies → allow;
/// 5. any ALLOW policy matches → allow;
/// 6. otherwise deny.
///
/// ```swift
/// let evaluator = AuthorizationEvaluator(config: snapshot.config)
/// let result = evaluator.evaluate(request, for: PolicyTarget(namespace: "foo", labels: ["app": "httpbin"]))
/// if !result.decision.isAllowed { log("\(result.decision)") }
/// ```
package struct AuthorizationEvaluator: Hashable, Sendable {
    /// Istio's default root namespace: mesh-wide policies live there (architecture §13).
    package static let defaultRootNamespace = "istio-system"

    private let policies: AuthorizationPolicyIndex
    private let peerAuthentication: PeerAuthenticationResolver

    package init(config: MeshConfig, rootNamespace: String = AuthorizationEvaluator.defaultRootNamespace) {
        self.policies = AuthorizationPolicyIndex(config.authorizationPolicies, rootNamespace: rootNamespace)
        self.peerAuthentication = PeerAuthenticationResolver(config.peerAuthentications, rootNamespace: rootNamespace)
    }

    package var rootNamespace: String { self.policies.rootNamespace }

    /// Evaluates one connection (or, with `request.http` set, one HTTP request) to `target`.
    package func evaluate(_ request: AuthorizationRequest, for target: PolicyTarget) -> AuthorizationResult {
        let applicable = self.policies.policies(for: target)
        var dryRunMatches: [AuthorizationResult.DryRunMatch] = []
        for policy in applicable where policy.dryRun {
            if let rule = policy.firstMatchingRule(request) {
                dryRunMatches.append(.init(policy: policy.id, action: policy.action, rule: rule))
            }
        }
        func result(_ decision: AuthorizationDecision) -> AuthorizationResult {
            AuthorizationResult(decision: decision, dryRunMatches: dryRunMatches)
        }

        let mtls = self.peerAuthentication.effectiveMTLS(for: target, port: request.destinationPort)
        if mtls.requiresPeerIdentity && request.sourceIdentity == nil {
            return result(.deny(.strictMTLSRequiresIdentity(peerAuthentication: mtls.decidedBy)))
        }
        let enforced = applicable.filter { !$0.dryRun }
        for policy in enforced where policy.action == .deny {
            if let rule = policy.firstMatchingRule(request) {
                return result(.deny(.explicitDeny(policy: policy.id, rule: rule)))
            }
        }
        // AUDIT and CUSTOM are rejected by validation; were one here, it would neither allow nor deny.
        let allowPolicies = enforced.filter { $0.action == .allow }
        if allowPolicies.isEmpty {
            return result(.allow(.noAllowPolicies))
        }
        for policy in allowPolicies {
            if let rule = policy.firstMatchingRule(request) {
                return result(.allow(.allowedBy(policy: policy.id, rule: rule)))
            }
        }
        return result(.deny(.noAllowMatched(allowPolicies: allowPolicies.map(\.id))))
    }

    /// The effective mutual-TLS mode of a workload port, for `weft mtls status` and explanations.
    package func effectiveMTLS(for target: PolicyTarget, port: Int) -> EffectiveMTLS {
        self.peerAuthentication.effectiveMTLS(for: target, port: port)
    }

    /// Whether some policy that applies to `target` tests HTTP attributes (methods, paths, hosts, headers): the agent
    /// must then parse HTTP on that workload's HTTP ports and evaluate each request, or the L4 fallback applies.
    package func inspectsHTTPRequests(for target: PolicyTarget) -> Bool {
        self.policies.policies(for: target).contains(where: \.usesRequestAttributes)
    }

    /// The AuthorizationPolicies that apply to `target`, in evaluation order (dry-run ones included).
    package func applicablePolicies(for target: PolicyTarget) -> [ResourceID] {
        self.policies.policies(for: target).map(\.id)
    }
}

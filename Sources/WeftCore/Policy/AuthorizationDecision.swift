/// Whether a connection or request may reach the destination workload, and why (style G7: the core decides and
/// explains; callers log the reason and tests assert on it).
package enum AuthorizationDecision: Hashable, Sendable, CustomStringConvertible {
    case allow(AllowReason)
    case deny(DenyReason)

    /// Why a connection was let through.
    package enum AllowReason: Hashable, Sendable {
        /// No ALLOW policy applies to the workload (and no DENY policy matched): Istio's default.
        case noAllowPolicies
        /// This ALLOW policy's rule (index into `spec.rules`) matched.
        case allowedBy(policy: ResourceID, rule: Int)
    }

    /// Why a connection was refused.
    package enum DenyReason: Hashable, Sendable {
        /// This DENY policy's rule (index into `spec.rules`) matched.
        case explicitDeny(policy: ResourceID, rule: Int)
        /// ALLOW policies apply to the workload, but none matched; they are listed in evaluation order.
        case noAllowMatched(allowPolicies: [ResourceID])
        /// The effective PeerAuthentication mode is STRICT and the connection has no verified peer identity
        /// (plaintext). Names the PeerAuthentication that made it STRICT.
        case strictMTLSRequiresIdentity(peerAuthentication: ResourceID?)
    }

    package var isAllowed: Bool {
        if case .allow = self { return true }
        return false
    }

    /// The policy that decided, when one did: what `weft explain` names.
    package var decidingResource: ResourceID? {
        switch self {
        case .allow(.noAllowPolicies), .deny(.noAllowMatched): return nil
        case .allow(.allowedBy(let policy, _)), .deny(.explicitDeny(let policy, _)): return policy
        case .deny(.strictMTLSRequiresIdentity(let peerAuthentication)): return peerAuthentication
        }
    }

    /// One line for logs and `weft explain`, e.g. `denied by AuthorizationPolicy foo/deny-post (rules[0])`.
    package var description: String {
        switch self {
        case .allow(.noAllowPolicies):
            return "allowed: no ALLOW policy applies to the workload"
        case .allow(.allowedBy(let policy, let rule)):
            return "allowed by \(policy) (rules[\(rule)])"
        case .deny(.explicitDeny(let policy, let rule)):
            return "denied by \(policy) (rules[\(rule)])"
        case .deny(.noAllowMatched(let policies)):
            let names = policies.map { "\($0.namespace)/\($0.name)" }.joined(separator: ", ")
            return "denied: ALLOW policies apply (\(names)) but none matched"
        case .deny(.strictMTLSRequiresIdentity(let peerAuthentication?)):
            return "denied: \(peerAuthentication) requires mutual TLS (STRICT) and the connection has no peer identity"
        case .deny(.strictMTLSRequiresIdentity(nil)):
            return "denied: mutual TLS is STRICT and the connection has no peer identity"
        }
    }
}

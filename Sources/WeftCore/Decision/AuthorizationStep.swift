/// The destination side of a decision (architecture §6 step 6): the authorization the destination's agent
/// applies, or why no agent checks anything.
package enum AuthorizationStep: Hashable, Sendable, CustomStringConvertible {
    /// The destination is in the mesh: its agent evaluated `request` against the policies of `target`.
    case evaluated(AuthorizationCheck)
    /// Nothing at the destination checks the traffic.
    case notEnforced(NotEnforcedReason)

    package enum NotEnforcedReason: Hashable, Sendable, CustomStringConvertible {
        /// The chosen destination is outside the mesh (plaintext endpoint, DNS name): no agent there.
        case destinationOutsideMesh
        /// The traffic passes through to an address the mesh does not know.
        case passthrough
        /// The route answered the request itself (redirect, direct response, CORS preflight).
        case answeredByRoute
        /// There is no route or no endpoint, so nothing reaches a destination.
        case notRouted
        /// The pipeline does not evaluate the destination side (`DecisionPipeline.evaluatesDestination` false):
        /// the destination's agent checks on arrival.
        case leftToDestination

        package var description: String {
            switch self {
            case .destinationOutsideMesh: return "not enforced: the destination is outside the mesh (plaintext)"
            case .passthrough: return "not enforced: passthrough to an address outside the mesh"
            case .answeredByRoute: return "not applicable: the route answers the request itself"
            case .notRouted: return "not applicable: nothing is routed"
            case .leftToDestination: return "checked by the destination's agent on arrival"
            }
        }
    }

    /// The result when evaluated.
    package var check: AuthorizationCheck? {
        if case .evaluated(let check) = self { return check }
        return nil
    }

    /// False only when a policy at the destination denies.
    package var isAllowed: Bool {
        self.check?.result.decision.isAllowed ?? true
    }

    package var description: String {
        switch self {
        case .evaluated(let check): return check.result.decision.description
        case .notEnforced(let reason): return reason.description
        }
    }
}

/// One authorization evaluation at a destination workload: what it saw and what it decided.
package struct AuthorizationCheck: Hashable, Sendable {
    /// The workload whose policies applied (its namespace and labels).
    package var target: PolicyTarget
    /// What the destination saw: peer identity (nil over plaintext), addresses, target port, and the HTTP request
    /// when the destination inspects requests.
    package var request: AuthorizationRequest
    package var result: AuthorizationResult

    package init(target: PolicyTarget, request: AuthorizationRequest, result: AuthorizationResult) {
        self.target = target
        self.request = request
        self.result = result
    }
}

/// The routing step of a decision (architecture §6 step 3): a per-connection (`tcp[]`) or per-request (`http[]`)
/// decision, including the direct, passthrough and refused cases the classification led to.
package enum RouteChoice: Hashable, Sendable, CustomStringConvertible {
    case tcp(L4RouteDecision)
    case http(HTTPRouteDecision)

    /// The VirtualService rule that decided, if one did.
    package var rule: MatchedRule? {
        switch self {
        case .tcp(.service(let plan)): return plan.rule
        case .http(.routed(let plan)): return plan.rule
        default: return nil
        }
    }

    /// Why nothing is routed, if so.
    package var noRouteReason: NoRouteReason? {
        switch self {
        case .tcp(.noRoute(let reason)), .http(.noRoute(let reason)): return reason
        default: return nil
        }
    }

    /// The service port and subset traffic is balanced over, when it goes to a service.
    package var target: RouteTarget? {
        switch self {
        case .tcp(.service(let plan)): return plan.target
        case .http(.routed(let plan)):
            if case .forward(let forward) = plan.action { return forward.target }
            return nil
        default: return nil
        }
    }

    /// The HTTP plan, when routed by `http[]` rules or the default HTTP route.
    package var httpPlan: HTTPRoutePlan? {
        if case .http(.routed(let plan)) = self { return plan }
        return nil
    }

    package var description: String {
        switch self {
        case .tcp(.service(let plan)):
            return plan.rule.map { "\($0)" } ?? "default route (no tcp rule applies)"
        case .http(.routed(let plan)):
            return plan.rule.map { "\($0)" } ?? "default route (no http rule applies)"
        case .tcp(.workload(let workload)), .http(.workload(let workload)):
            return "direct to workload \(workload.workload) (VirtualServices route services, not workload addresses)"
        case .tcp(.passthrough(let address)), .http(.passthrough(let address)):
            return "passthrough to \(address) (outbound traffic policy ALLOW_ANY)"
        case .tcp(.noRoute(let reason)), .http(.noRoute(let reason)):
            return "no route: \(reason)"
        }
    }
}

/// The L4 decision for one connection (style G2): the agent carries it out, the core never touches a socket.
package enum L4RouteDecision: Hashable, Sendable, CustomStringConvertible {
    /// To a service: balance over `plan.target`.
    case service(L4RoutePlan)
    /// Straight to a workload's own address.
    case workload(WorkloadDestination)
    /// Unknown destination under ALLOW_ANY: connect to it as is.
    case passthrough(DestinationAddress)
    case noRoute(NoRouteReason)

    package var description: String {
        switch self {
        case .service(let plan): return plan.description
        case .workload(let workload): return "direct to workload \(workload)"
        case .passthrough(let address): return "passthrough to \(address)"
        case .noRoute(let reason): return "no route: \(reason)"
        }
    }
}

/// Where a TCP connection to a service goes.
package struct L4RoutePlan: Hashable, Sendable, CustomStringConvertible {
    /// What the client connected to.
    package var destination: ServiceDestination
    /// The VirtualService `tcp[]` rule that chose the target; nil for the service's default route.
    package var rule: MatchedRule?
    /// The service port, subset, candidate endpoints and traffic policy to balance with.
    package var target: RouteTarget

    package var description: String {
        "\(self.destination) → \(self.target)" + (self.rule.map { " by \($0)" } ?? " (default route)")
    }
}

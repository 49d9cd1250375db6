/// The end result of a decision: what happens to the connection or request.
package enum DecisionOutcome: Hashable, Sendable, CustomStringConvertible {
    /// Forwarded to the chosen endpoint (or original destination), and allowed there.
    case forwarded
    /// Answered on the way without reaching a destination.
    case answered(LocalAnswer)
    /// Routed, but the destination's authorization refuses it.
    case denied(AuthorizationDecision)
    /// Nowhere to go.
    case noRoute(NoRouteReason)
    /// The target has no endpoint that can take traffic.
    case noHealthyEndpoint(BalancerKey)

    /// A response the source side produces itself.
    package enum LocalAnswer: Hashable, Sendable, CustomStringConvertible {
        case redirect(RedirectPlan)
        case directResponse(status: Int)
        case corsPreflight
        /// Fault injection aborted the request.
        case faultAbort(HTTPFaultInjection.Abort.Kind)

        package var description: String {
            switch self {
            case .redirect(let redirect): return "redirect \(redirect)"
            case .directResponse(let status): return "direct response \(status)"
            case .corsPreflight: return "CORS preflight answered"
            case .faultAbort(let kind):
                switch kind {
                case .httpStatus(let status): return "fault injection aborts with HTTP \(status)"
                case .grpcStatus(let status): return "fault injection aborts with gRPC status \(status)"
                case .http2Error(let error): return "fault injection resets the stream (\(error))"
                }
            }
        }
    }

    /// Allowed and routed: forwarded, or answered by the route (`weft explain` exit 0).
    package var isAllowedAndRouted: Bool {
        switch self {
        case .forwarded, .answered: return true
        case .denied, .noRoute, .noHealthyEndpoint: return false
        }
    }

    package var description: String {
        switch self {
        case .forwarded: return "allowed and routed"
        case .answered(let answer): return "answered on the way: \(answer)"
        case .denied(let decision): return decision.description
        case .noRoute(let reason): return "no route: \(reason)"
        case .noHealthyEndpoint(let key): return "no route: \(key) has no healthy endpoint"
        }
    }
}

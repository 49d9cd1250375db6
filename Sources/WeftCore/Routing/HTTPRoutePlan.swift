/// The L7 decision for one request (style G2).
package enum HTTPRouteDecision: Hashable, Sendable, CustomStringConvertible {
    /// To a service, by a VirtualService rule or the default route.
    case routed(HTTPRoutePlan)
    /// Straight to a workload's own address (no VirtualService applies to workload addresses).
    case workload(WorkloadDestination)
    /// Unknown destination under ALLOW_ANY.
    case passthrough(DestinationAddress)
    case noRoute(NoRouteReason)

    package var description: String {
        switch self {
        case .routed(let plan): return plan.description
        case .workload(let workload): return "direct to workload \(workload)"
        case .passthrough(let address): return "passthrough to \(address)"
        case .noRoute(let reason): return "no route: \(reason)"
        }
    }
}

/// What the proxy does with a routed request. Order of execution: answer a CORS preflight if `action` says so;
/// else apply `fault` (delay, then abort); else carry out `action`, with `mirrors` copied alongside a forward.
package struct HTTPRoutePlan: Hashable, Sendable, CustomStringConvertible {
    /// The service port the request was sent to.
    package var destination: ServiceDestination
    /// The rule that matched; nil for the service's default route (no VirtualService, or one without `http[]`).
    package var rule: MatchedRule?
    package var action: HTTPRouteAction
    package var cors: CorsDecision
    /// nil when the rule injects no fault.
    package var fault: FaultDecision?
    /// Whole-request timeout; nil: none (Istio's default).
    package var timeout: Duration?
    package var retry: RetryPlan
    /// Mirrors that fire for this request.
    package var mirrors: [MirrorDecision]
    /// Request header operations, route level first and destination level second (apply in this order, so the
    /// destination's `set` wins, as in Istio).
    package var requestHeaders: [HeaderOperations]
    package var responseHeaders: [HeaderOperations]

    package var description: String {
        let by = self.rule.map { " by \($0)" } ?? " (default route)"
        return "\(self.destination): \(self.action)\(by)"
    }
}

/// The main action of a routed request.
package enum HTTPRouteAction: Hashable, Sendable, CustomStringConvertible {
    case forward(ForwardAction)
    case redirect(RedirectPlan)
    case directResponse(status: Int, body: HTTPDirectResponse.Body?)
    /// Answer the CORS preflight with 200 and these headers; do not forward.
    case corsPreflight(headers: [HTTPHeaderField])

    package var description: String {
        switch self {
        case .forward(let forward): return "forward to \(forward)"
        case .redirect(let redirect): return "redirect \(redirect)"
        case .directResponse(let status, _): return "respond \(status)"
        case .corsPreflight: return "answer CORS preflight"
        }
    }
}

/// Forwarding a request to a target, with the request rewritten on the way.
package struct ForwardAction: Hashable, Sendable, CustomStringConvertible {
    package var target: RouteTarget
    /// The new `:path` (with query), or nil to keep the request's.
    package var path: String?
    /// The new `:authority`, or nil to keep the request's.
    package var authority: String?

    package var description: String {
        var text = self.target.description
        if let path { text += " path \(path)" }
        if let authority { text += " authority \(authority)" }
        return text
    }
}

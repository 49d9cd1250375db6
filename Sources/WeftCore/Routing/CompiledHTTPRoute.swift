/// One compiled `http[]` rule of a VirtualService: its matches and everything the plan copies from it.
struct CompiledHTTPRoute: Sendable {
    enum Action: Sendable {
        case forward(WeightedDestinations)
        case redirect(HTTPRedirect)
        case directResponse(HTTPDirectResponse)
    }

    /// Position in `http[]`.
    let index: Int
    let name: String?
    /// OR'ed; empty matches every request. A nil entry had a pattern the regex engine rejected and never matches
    /// (the snapshot's diagnostics say which).
    let matches: [HTTPRouteMatch?]
    let action: Action
    let rewrite: HTTPRewrite?
    let regexRewrite: (regex: CompiledRegex, substitution: String)?
    let timeout: Duration?
    let retries: HTTPRetry?
    let fault: HTTPFaultInjection?
    let mirrors: [(destination: RouteDestinationRef, percentage: Percentage)]
    let cors: CompiledCorsPolicy?
    let headers: Headers

    /// The index of the first match entry the request meets, `-1` for a rule without matches, or nil.
    func matchIndex(_ request: HTTPRequestHead, port: Int, source: TrafficSource) -> Int? {
        if self.matches.isEmpty { return -1 }
        for (index, match) in self.matches.enumerated() {
            if let match, match.matches(request, port: port, source: source) { return index }
        }
        return nil
    }
}

/// A `corsPolicy` with its origin matchers compiled.
struct CompiledCorsPolicy: Sendable {
    let policy: CorsPolicy
    let allowOrigins: [CompiledStringMatch]
}

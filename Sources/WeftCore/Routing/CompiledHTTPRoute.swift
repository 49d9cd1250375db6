/// One compiled `http[]` rule of a VirtualService: its matches and everything the plan copies from it.
final class CompiledHTTPRoute: Sendable {
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
    /// What plans report: `rules[i]` for `matches[i]`, `rules[0]` for a rule without matches.
    let rules: [MatchedRule]

    init(
        virtualService: ResourceID,
        matchNames: [String?],
        index: Int,
        name: String?,
        matches: [HTTPRouteMatch?],
        action: Action,
        rewrite: HTTPRewrite?,
        regexRewrite: (regex: CompiledRegex, substitution: String)?,
        timeout: Duration?,
        retries: HTTPRetry?,
        fault: HTTPFaultInjection?,
        mirrors: [(destination: RouteDestinationRef, percentage: Percentage)],
        cors: CompiledCorsPolicy?,
        headers: Headers
    ) {
        self.index = index
        self.name = name
        self.matches = matches
        self.action = action
        self.rewrite = rewrite
        self.regexRewrite = regexRewrite
        self.timeout = timeout
        self.retries = retries
        self.fault = fault
        self.mirrors = mirrors
        self.cors = cors
        self.headers = headers
        self.rules = MatchedRule.all(
            virtualService: virtualService,
            kind: .http,
            index: index,
            name: name,
            matchNames: matchNames
        )
    }

    /// The rule to report for a match index from `matchIndex` (-1: the rule has no matches).
    func rule(forMatch index: Int) -> MatchedRule {
        self.rules[max(0, index)]
    }

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

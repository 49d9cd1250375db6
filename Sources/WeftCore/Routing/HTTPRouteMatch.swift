/// One compiled `http[].match[]` entry. Its conditions are AND'ed; a route's entries are OR'ed.
struct HTTPRouteMatch: Sendable {
    let name: String?
    let uri: PathMatch?
    let scheme: CompiledStringMatch?
    let method: CompiledStringMatch?
    let authority: CompiledStringMatch?
    /// `headers` then `withoutHeaders`, each sorted by name (as Istio emits them) so evaluation is deterministic.
    let headers: [HeaderMatch]
    let queryParams: [QueryParamMatch]
    let port: Int?
    let source: SourceMatch

    init(_ match: HTTPMatchRequest) throws {
        self.name = match.name
        self.uri = try match.uri.map { try PathMatch($0, ignoringCase: match.ignoreUriCase) }
        self.scheme = try match.scheme.map { try CompiledStringMatch($0) }
        self.method = try match.method.map { try CompiledStringMatch($0) }
        self.authority = try match.authority.map { try CompiledStringMatch($0) }
        var headers = try match.headers.sorted { $0.key < $1.key }.map {
            try HeaderMatch(name: $0.key, match: $0.value, inverted: false)
        }
        headers += try match.withoutHeaders.sorted { $0.key < $1.key }.map {
            try HeaderMatch(name: $0.key, match: $0.value, inverted: true)
        }
        self.headers = headers
        self.queryParams = try match.queryParams.sorted { $0.key < $1.key }.map {
            try QueryParamMatch(name: $0.key, match: $0.value)
        }
        self.port = match.port
        self.source = SourceMatch(
            labels: match.sourceLabels,
            namespace: match.sourceNamespace,
            gateways: match.gateways
        )
    }

    /// Whether `request`, sent to service port `port` by `source`, meets every condition.
    func matches(_ request: HTTPRequestHead, port: Int, source: TrafficSource) -> Bool {
        if let expected = self.port, expected != port { return false }
        guard self.source.matches(source) else { return false }
        if let uri = self.uri, !uri.matches(request) { return false }
        if let method = self.method, !method.matches(request.method) { return false }
        if let authority = self.authority, !authority.matches(request.authority) { return false }
        if let scheme = self.scheme, !scheme.matches(request.scheme) { return false }
        for header in self.headers where !header.matches(request) { return false }
        for parameter in self.queryParams where !parameter.matches(request) { return false }
        return true
    }

    /// The prefix the `uri` condition matched, which a `rewrite.uri` replaces; nil when the path was not matched
    /// by prefix (then Envoy's `prefix_rewrite` replaces the whole path, or `/` without a uri condition).
    var matchedPrefix: String? {
        guard let uri = self.uri else { return "/" }
        if case .prefix(let prefix) = uri.kind { return prefix }
        return nil
    }
}

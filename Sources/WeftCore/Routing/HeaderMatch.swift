/// One `headers` or `withoutHeaders` condition, with Istio's translation to Envoy header matchers:
/// - `headers`: the header must be there and match (`{}` / `regex: "*"`: only be there);
/// - `withoutHeaders`: inverted; a missing header counts as the empty value (`treat_missing_header_as_empty`),
///   except for a presence check, which then requires the header to be absent.
struct HeaderMatch: Sendable, CustomStringConvertible {
    /// Lower case.
    let name: String
    let match: CompiledStringMatch
    let inverted: Bool

    init(name: String, match: StringMatch, inverted: Bool) throws {
        self.name = name.lowercased()
        self.match = try CompiledStringMatch(match)
        self.inverted = inverted
    }

    func matches(_ request: HTTPRequestHead) -> Bool {
        let value = request.header(self.name)
        guard self.inverted else {
            guard let value else { return false }
            return self.match.matches(value)
        }
        if self.match.isPresenceCheck { return value == nil }
        return !self.match.matches(value ?? "")
    }

    var description: String {
        self.inverted ? "without header \(self.name) \(self.match)" : "header \(self.name) \(self.match)"
    }
}

/// One `queryParams` condition: the first value of the parameter must match; `{}` only requires it to be there.
struct QueryParamMatch: Sendable, CustomStringConvertible {
    let name: String
    let match: CompiledStringMatch

    init(name: String, match: StringMatch) throws {
        self.name = name
        self.match = try CompiledStringMatch(match)
    }

    func matches(_ request: HTTPRequestHead) -> Bool {
        guard let value = request.queryParameter(self.name) else { return false }
        return self.match.matches(value)
    }

    var description: String { "query \(self.name) \(self.match)" }
}

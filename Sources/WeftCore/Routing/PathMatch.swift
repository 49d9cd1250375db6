/// The `uri` condition of an HTTP match, with Envoy's rules: an exact or regex match compares the path without
/// its query string, a prefix match the path as sent; `ignoreUriCase` folds ASCII case for exact and prefix
/// matches only (Envoy's `case_sensitive` does not apply to regexes).
struct PathMatch: Sendable, CustomStringConvertible {
    enum Kind: Sendable {
        case exact(String)
        case prefix(String)
        case regex(CompiledRegex)
    }

    let kind: Kind
    let ignoringCase: Bool

    init(_ match: StringMatch, ignoringCase: Bool) throws {
        switch match {
        case .exact(let path): self.kind = .exact(path)
        case .prefix(let prefix): self.kind = .prefix(prefix)
        case .regex(let pattern): self.kind = .regex(try CompiledRegex(pattern))
        // `uri: {}` cannot pass validation; treat it as the catch-all prefix Istio defaults to.
        case .present: self.kind = .prefix("/")
        }
        self.ignoringCase = ignoringCase
    }

    func matches(_ request: HTTPRequestHead) -> Bool {
        switch self.kind {
        case .exact(let expected):
            let path = request.pathWithoutQuery
            return self.ignoringCase ? ASCIICase.equal(path, expected) : path.utf8.elementsEqual(expected.utf8)
        case .prefix(let prefix):
            return self.ignoringCase
                ? ASCIICase.hasPrefix(request.path, prefix) : request.path.utf8.starts(with: prefix.utf8)
        case .regex(let regex):
            return regex.matchesWhole(request.pathWithoutQuery)
        }
    }

    var description: String {
        let text: String
        switch self.kind {
        case .exact(let path): text = "uri exact \"\(path)\""
        case .prefix(let prefix): text = "uri prefix \"\(prefix)\""
        case .regex(let regex): text = "uri regex \"\(regex.pattern)\""
        }
        return self.ignoringCase ? text + " (any case)" : text
    }
}

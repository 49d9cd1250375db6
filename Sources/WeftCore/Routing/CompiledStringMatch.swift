/// An Istio `StringMatch` ready to evaluate: regexes compiled, case folding decided.
///
/// Follows Istio's translation to Envoy matchers: `regex: "*"` is not RE2 and means "present" (istio/istio#20629);
/// the empty match `{}` means "present" as well.
enum CompiledStringMatch: Sendable, CustomStringConvertible {
    case exact(String, ignoringCase: Bool)
    case prefix(String, ignoringCase: Bool)
    case regex(CompiledRegex)
    case present

    /// - Throws: the regex engine's error for a pattern it cannot compile.
    init(_ match: StringMatch, ignoringCase: Bool = false) throws {
        switch match {
        case .exact(let value): self = .exact(value, ignoringCase: ignoringCase)
        case .prefix(let value): self = .prefix(value, ignoringCase: ignoringCase)
        case .regex("*"): self = .present
        case .regex(let pattern): self = .regex(try CompiledRegex(pattern))
        case .present: self = .present
        }
    }

    var isPresenceCheck: Bool {
        if case .present = self { return true }
        return false
    }

    /// Whether a value that is there matches. (`present` matches any value; absence is the caller's concern.)
    func matches(_ value: some StringProtocol) -> Bool {
        switch self {
        case .exact(let expected, let ignoringCase):
            return ignoringCase ? ASCIICase.equal(value, expected) : value.utf8.elementsEqual(expected.utf8)
        case .prefix(let expected, let ignoringCase):
            return ignoringCase ? ASCIICase.hasPrefix(value, expected) : value.utf8.starts(with: expected.utf8)
        case .regex(let regex):
            return regex.matchesWhole(value)
        case .present:
            return true
        }
    }

    var description: String {
        switch self {
        case .exact(let value, let ignoringCase): return "exact \"\(value)\"" + (ignoringCase ? " (any case)" : "")
        case .prefix(let value, let ignoringCase): return "prefix \"\(value)\"" + (ignoringCase ? " (any case)" : "")
        case .regex(let regex): return "regex \"\(regex.pattern)\""
        case .present: return "present"
        }
    }
}

/// ASCII-only case folding without allocating, as Envoy's `case_sensitive: false` path matching does.
enum ASCIICase {
    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte | 0x20 : byte
    }

    static func equal(_ a: some StringProtocol, _ b: some StringProtocol) -> Bool {
        a.utf8.elementsEqual(b.utf8) { Self.lower($0) == Self.lower($1) }
    }

    static func hasPrefix(_ text: some StringProtocol, _ prefix: some StringProtocol) -> Bool {
        var textBytes = text.utf8.makeIterator()
        for byte in prefix.utf8 {
            guard let other = textBytes.next(), Self.lower(other) == Self.lower(byte) else { return false }
        }
        return true
    }
}

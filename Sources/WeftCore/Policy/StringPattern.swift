/// The string syntax of AuthorizationPolicy values (principals, namespaces, hosts, methods, paths, `when` values):
/// `*` matches any non-empty value, `abc*` a prefix, `*abc` a suffix, anything else exactly.
///
/// This is how istiod turns policy strings into ztunnel `StringMatch`es (ztunnel.md §5.2): a leading `*` wins over
/// a trailing one, so `*abc*` is the suffix `abc*`. Matching is case-sensitive unless the pattern was compiled
/// lower-cased for a case-insensitive attribute (hosts).
package enum StringPattern: Hashable, Sendable, CustomStringConvertible {
    /// `*`: the value is present and not empty.
    case presence
    case prefix(String)
    case suffix(String)
    case exact(String)

    /// Reads the policy syntax. The text is never empty (config validation rejects empty values).
    package init(_ text: String) {
        if text == "*" {
            self = .presence
        } else if text.hasPrefix("*") {
            self = .suffix(String(text.dropFirst()))
        } else if text.hasSuffix("*") {
            self = .prefix(String(text.dropLast()))
        } else {
            self = .exact(text)
        }
    }

    package func matches(_ value: String) -> Bool {
        switch self {
        case .presence: return !value.isEmpty
        case .prefix(let prefix): return value.hasPrefix(prefix)
        case .suffix(let suffix): return value.hasSuffix(suffix)
        case .exact(let exact): return value == exact
        }
    }

    /// The policy text this pattern was read from.
    package var description: String {
        switch self {
        case .presence: return "*"
        case .prefix(let prefix): return prefix + "*"
        case .suffix(let suffix): return "*" + suffix
        case .exact(let exact): return exact
        }
    }
}

extension Array where Element == StringPattern {
    /// Values of one field are OR'ed: true when any pattern matches.
    package func anyMatches(_ value: String) -> Bool {
        self.contains { $0.matches(value) }
    }
}

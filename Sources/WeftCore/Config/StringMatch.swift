/// Istio's `StringMatch`: exactly one of `exact`, `prefix`, `regex` (RE2 syntax).
///
/// `present` is the empty match `{}`, which Istio treats as "the header is present" in `headers` and
/// `queryParams` matches.
package enum StringMatch: Hashable, Sendable, CustomStringConvertible {
    case exact(String)
    case prefix(String)
    case regex(String)
    case present

    package var description: String {
        switch self {
        case .exact(let value): return "exact \"\(value)\""
        case .prefix(let value): return "prefix \"\(value)\""
        case .regex(let value): return "regex \"\(value)\""
        case .present: return "present"
        }
    }
}

/// A percentage in Istio's `Percent` message (`value: 12.5`), 0–100.
package struct Percentage: Hashable, Sendable, CustomStringConvertible {
    package var value: Double

    package init(_ value: Double) {
        self.value = value
    }

    package static let all = Percentage(100)
    package static let none = Percentage(0)

    package var description: String {
        value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }
}

/// Parses durations in Go's syntax, which is what Istio (protobuf `Duration` in YAML) accepts:
/// `500ms`, `0.5s`, `3m`, `1m30s`, `1h`, `250us`, `10ns`. `5 seconds` or a bare number is an error.
package enum GoDuration {
    package enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case empty
        case missingUnit(String)
        case unknownUnit(String)
        case malformed(String)

        package var description: String {
            switch self {
            case .empty: return "empty duration"
            case .missingUnit(let text): return "missing unit in duration \"\(text)\" (use e.g. 100ms, 1.5s, 1m)"
            case .unknownUnit(let unit): return "unknown unit \"\(unit)\" (use ns, us, ms, s, m or h)"
            case .malformed(let text): return "\"\(text)\" is not a duration (use e.g. 100ms, 1.5s, 1m30s)"
            }
        }
    }

    private static let nanosecondsPerUnit: [String: Double] = [
        "ns": 1, "us": 1e3, "µs": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9,
    ]

    /// Parses `text` into a `Duration`. A leading `-` is accepted as Go does; callers reject negatives.
    package static func parse(_ text: String) throws(ParseError) -> Duration {
        guard !text.isEmpty else { throw .empty }
        var scalars = Substring(text)
        var negative = false
        if scalars.first == "-" || scalars.first == "+" {
            negative = scalars.first == "-"
            scalars = scalars.dropFirst()
        }
        if scalars == "0" { return .zero }
        guard !scalars.isEmpty else { throw .malformed(text) }
        var totalNanoseconds: Double = 0
        while !scalars.isEmpty {
            let number = scalars.prefix(while: { $0.isASCII && ($0.isNumber || $0 == ".") })
            guard !number.isEmpty, number != ".", number.filter({ $0 == "." }).count <= 1, let value = Double(number)
            else { throw .malformed(text) }
            scalars = scalars.dropFirst(number.count)
            let unit = scalars.prefix(while: { !($0.isASCII && ($0.isNumber || $0 == ".")) })
            guard !unit.isEmpty else { throw .missingUnit(text) }
            guard let multiplier = Self.nanosecondsPerUnit[String(unit)] else {
                if unit.contains(" ") { throw .malformed(text) }
                throw .unknownUnit(String(unit))
            }
            scalars = scalars.dropFirst(unit.count)
            totalNanoseconds += value * multiplier
        }
        let nanoseconds = Int64(totalNanoseconds.rounded())
        let duration = Duration.nanoseconds(nanoseconds)
        return negative ? .zero - duration : duration
    }

    /// Renders a duration the way an operator would write it: `1.5s`, `100ms`, `2m`, `1h30m`.
    package static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let totalNanoseconds = seconds * 1_000_000_000 + attoseconds / 1_000_000_000
        if totalNanoseconds == 0 { return "0s" }
        if totalNanoseconds % 1_000_000_000 != 0 {
            if totalNanoseconds % 1_000_000 == 0 { return "\(totalNanoseconds / 1_000_000)ms" }
            if totalNanoseconds % 1_000 == 0 { return "\(totalNanoseconds / 1_000)us" }
            return "\(totalNanoseconds)ns"
        }
        var remaining = totalNanoseconds / 1_000_000_000
        var text = ""
        if remaining >= 3600 {
            text += "\(remaining / 3600)h"
            remaining %= 3600
        }
        if remaining >= 60 {
            text += "\(remaining / 60)m"
            remaining %= 60
        }
        if remaining > 0 { text += "\(remaining)s" }
        return text
    }
}

extension Duration {
    /// Whole milliseconds, truncating.
    package var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = self.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }

    /// True when the duration is an exact number of milliseconds (Istio's rule for route durations).
    package var isWholeMilliseconds: Bool {
        self.components.attoseconds % 1_000_000_000_000_000 == 0
    }
}

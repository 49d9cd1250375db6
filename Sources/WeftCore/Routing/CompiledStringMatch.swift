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
            return UTF8Compare.matches(value, expected, prefixOnly: false, ignoringCase: ignoringCase)
        case .prefix(let expected, let ignoringCase):
            return UTF8Compare.matches(value, expected, prefixOnly: true, ignoringCase: ignoringCase)
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

/// Byte comparisons of UTF-8 text for the matchers: over contiguous storage when both sides have it (native
/// strings always do), which is several times faster than comparing through the generic `UTF8View` sequence.
enum UTF8Compare {
    /// `text == expected` or `text.hasPrefix(expected)`, by bytes, optionally folding ASCII case.
    @inline(__always)
    static func matches(
        _ text: some StringProtocol,
        _ expected: String,
        prefixOnly: Bool,
        ignoringCase: Bool
    ) -> Bool {
        let fast = text.utf8.withContiguousStorageIfAvailable { textBytes in
            expected.utf8.withContiguousStorageIfAvailable { expectedBytes in
                Self.compare(textBytes, expectedBytes, prefixOnly: prefixOnly, ignoringCase: ignoringCase)
            }
        }
        if let fast, let result = fast { return result }
        switch (prefixOnly, ignoringCase) {
        case (false, false): return text.utf8.elementsEqual(expected.utf8)
        case (true, false): return text.utf8.starts(with: expected.utf8)
        case (false, true): return ASCIICase.equal(text, expected)
        case (true, true): return ASCIICase.hasPrefix(text, expected)
        }
    }

    @inline(__always)
    private static func compare(
        _ text: UnsafeBufferPointer<UInt8>,
        _ expected: UnsafeBufferPointer<UInt8>,
        prefixOnly: Bool,
        ignoringCase: Bool
    ) -> Bool {
        if prefixOnly ? text.count < expected.count : text.count != expected.count { return false }
        var index = 0
        if ignoringCase {
            while index < expected.count {
                if ASCIICase.lower(text[index]) != ASCIICase.lower(expected[index]) { return false }
                index += 1
            }
        } else {
            while index < expected.count {
                if text[index] != expected[index] { return false }
                index += 1
            }
        }
        return true
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

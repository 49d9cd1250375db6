/// A regular expression compiled once per snapshot and shared by every decision.
///
/// Envoy matches RE2 patterns against the whole value (`safe_regex` is a full match); this uses the standard
/// library's `Regex` with `wholeMatch` and Unicode-scalar semantics, which agree with RE2 on the syntax Istio's
/// validation admits (no lookaround, no backreferences).
///
/// `@unchecked Sendable`: `Regex` is an immutable value but is not declared `Sendable`. Its lazily lowered program
/// is built on first use; `init` runs one match so that happens before the snapshot is shared.
package final class CompiledRegex: @unchecked Sendable, CustomStringConvertible {
    package let pattern: String
    private let regex: Regex<AnyRegexOutput>

    package init(_ pattern: String) throws {
        self.pattern = pattern
        self.regex = try Regex(pattern).matchingSemantics(.unicodeScalar)
        _ = "".wholeMatch(of: self.regex)
    }

    package var description: String { self.pattern }

    /// True when the pattern matches all of `text`.
    package func matchesWhole(_ text: some StringProtocol) -> Bool {
        let substring = Substring(text)
        return substring.wholeMatch(of: self.regex) != nil
    }

    /// Replaces every match in `text` with `template`, where `\0`…`\9` insert capture groups (RE2's
    /// `GlobalReplace`, which Envoy's `regex_rewrite` uses) and `\\` a backslash.
    package func replacingAll(in text: String, with template: String) -> String {
        text.replacing(self.regex) { match in
            Self.expand(template, groups: match.output)
        }
    }

    private static func expand(_ template: String, groups: AnyRegexOutput) -> String {
        var result = ""
        var escaped = false
        for character in template {
            if escaped {
                escaped = false
                if let digit = character.wholeNumberValue, character.isASCII {
                    if digit < groups.count, let group = groups[digit].substring { result += group }
                    continue
                }
                if character != "\\" { result.append("\\") }
                result.append(character)
            } else if character == "\\" {
                escaped = true
            } else {
                result.append(character)
            }
        }
        if escaped { result.append("\\") }
        return result
    }
}

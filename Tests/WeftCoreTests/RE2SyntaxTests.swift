import PropertyBased
import Testing
import WeftCore

@Suite("RE2 syntax: what Istio accepts as a regex")
struct RE2SyntaxTests {
    @Test(
        "RE2 patterns users write are accepted",
        arguments: [
            "^/api/v[0-9]+/.*$",
            ".*jason.*",
            "(?i)^bearer .+",
            "(?P<version>v[12])",
            "(?<name>[a-z]+)",
            "[[:alpha:]][[:digit:]]{2,4}",
            "\\d+\\.\\d+",
            "\\pL+\\p{Greek}",
            "[]a]",
            "a{1000}",
            "x{,3}",
            "\\x41\\x{263a}",
            "\\101",
            "\\Qa.b*c\\E",
            "a+?b*?",
            "(?s:.)(?-i:x)",
            "https://(www\\.)?example\\.(com|org)",
            "\\Aabc\\z",
            "[a-z&&[^b]]",
            "\\|",
        ]
    )
    func accepted(pattern: String) {
        #expect(RE2Syntax.problem(in: pattern) == nil)
    }

    @Test(
        "Constructs RE2 does not have are rejected with a reason",
        arguments: [
            ("foo(?=bar)", "RE2 does not support lookahead ((?=...) or (?!...))"),
            ("^(?!admin).*", "RE2 does not support lookahead ((?=...) or (?!...))"),
            ("(?<=\\$)\\d+", "RE2 does not support lookbehind ((?<=...) or (?<!...))"),
            ("(?<!x)y", "RE2 does not support lookbehind ((?<=...) or (?<!...))"),
            ("(a)\\1", "RE2 does not support backreferences (\\1)"),
            ("(a)\\9", "RE2 does not support backreferences (\\9)"),
            ("(?<n>a)\\k<n>", "RE2 does not support backreferences (\\k<)"),
            ("(?P<n>a)(?P=n)", "RE2 does not support backreferences ((?P=name))"),
            ("a++", "RE2 does not support possessive quantifiers (++); drop the trailing +"),
            ("a*+b", "RE2 does not support possessive quantifiers (*+); drop the trailing +"),
            ("a{2}+", "RE2 does not support possessive quantifiers (}+); drop the trailing +"),
            ("(?>abc)", "RE2 does not support atomic groups ((?>...))"),
            ("(?(1)a|b)", "RE2 does not support conditionals ((?(...)...))"),
            ("(a|(?R))", "RE2 does not support recursion ((?R)"),
            ("(?#note)a", "RE2 does not support comments ((?#...))"),
            ("(?x) a b", "RE2 does not support the flag \"x\" (RE2 flags are i, m, s and U)"),
            ("abc\\Z", "RE2 does not support the escape \\Z"),
            ("[\\b]", "RE2 does not support the escape \\b"),
            ("a{1001}", "RE2 does not support repetition counts above 1000 (got {1001})"),
            ("a{2,5000}", "RE2 does not support repetition counts above 1000 (got {2,5000})"),
            ("abc\\", "regex ends with a lone backslash"),
            ("a(b", "not a valid regular expression: expected ')'"),
            ("*a", "not a valid regular expression: quantifier '*' must appear after expression"),
            ("[z-a]", "not a valid regular expression: character 'z' must compare less than or equal to 'a'"),
        ]
    )
    func rejected(pattern: String, reason: String) {
        #expect(RE2Syntax.problem(in: pattern) == reason)
    }

    @Test("Patterns longer than 1024 bytes are rejected, as Istio does")
    func length() {
        #expect(RE2Syntax.problem(in: String(repeating: "a", count: 1024)) == nil)
        #expect(
            RE2Syntax.problem(in: String(repeating: "a", count: 1025))
                == "regex is too long (1025 bytes; Istio allows at most 1024)"
        )
    }

    @Test(
        "The Swift translation keeps RE2's meaning where the dialects spell things differently",
        arguments: [
            ("\\pL", "\\p{L}"),
            ("[]a]", "[\\]a]"),
            ("\\12", "\\o{12}"),
            ("x{,3}", "x\\{,3\\}"),
            ("a}", "a\\}"),
            ("[a&&b]", "[a\\&\\&b]"),
            ("^/api/v[0-9]+$", "^/api/v[0-9]+$"),
        ]
    )
    func translation(pattern: String, swift: String) throws {
        #expect(RE2Syntax.swiftPattern(for: pattern) == swift)
        // The translated pattern matches what RE2 would match.
        let regex = try Regex(try #require(RE2Syntax.swiftPattern(for: pattern)))
        if pattern == "x{,3}" { #expect("x{,3}".wholeMatch(of: regex) != nil) }
        if pattern == "[]a]" { #expect("]".wholeMatch(of: regex) != nil) }
        if pattern == "\\12" { #expect("\n".wholeMatch(of: regex) != nil) }
    }

    @Test("An invalid pattern has no Swift translation")
    func noTranslation() {
        #expect(RE2Syntax.swiftPattern(for: "(?=a)") == nil)
        #expect(RE2Syntax.swiftPattern(for: "a(") == nil)
    }

    /// Pieces of regex syntax, so that random patterns hit escapes, classes, groups and quantifiers.
    private static let pieces = [
        "a", "b", "(", ")", "(?", "?", "*", "+", "{", "}", "2", ",", "[", "]", "^", "$", "\\", "|", ":", "<", ">",
        "=", "!", "P", "-", "d", "x", "1", "0", "&", "Q", "E", "p", "L", ".", "#", "i", "'",
    ]

    @Test("Any pattern either has a problem or a Swift translation that compiles, never both and never a crash")
    func randomPatterns() async {
        let patterns = Gen<String?>.element(of: Self.pieces).array(of: 0...14).map { $0.compactMap { $0 }.joined() }
        await propertyCheck(input: patterns) { pattern in
            let problem = RE2Syntax.problem(in: pattern)
            #expect((problem == nil) == (RE2Syntax.swiftPattern(for: pattern) != nil), "pattern \(pattern)")
        }
    }
}

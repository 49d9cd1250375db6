/// Checks regular expressions against RE2, the dialect Istio and Envoy use for every `regex` field
/// (`StringMatch.regex`, `uriRegexRewrite.match`, CORS origins).
///
/// Istio validates with Go's `regexp` package (RE2 syntax) and rejects patterns longer than 1024 bytes
/// (IS pkg/config/validation/validation.go `validateStringRegexp`). Swift's `Regex` accepts a superset of RE2 —
/// lookaround, backreferences, possessive quantifiers, atomic groups — so those are rejected here first, by a scan
/// that understands escapes and character classes; then the pattern, translated where the two dialects spell the
/// same thing differently (`\pL`, octal escapes, a leading `]` in a class, literal braces), must compile as a Swift
/// `Regex`.
package enum RE2Syntax {
    /// Istio's limit on the length of a regex, in bytes (it approximates Envoy's RE2 program-size limit).
    package static let maximumLength = 1024
    /// RE2's limit on `{n}`, `{n,}` and `{n,m}` counts.
    package static let maximumRepeatCount = 1000

    /// Why `pattern` is not a regex Istio accepts, or nil when it is. Messages name the construct, e.g.
    /// `RE2 does not support lookahead ((?=...) or (?!...))`.
    package static func problem(in pattern: String) -> String? {
        switch Self.translate(pattern) {
        case .failure(let problem):
            return problem.description
        case .success(let swiftPattern):
            do {
                _ = try Regex(swiftPattern)
            } catch {
                return "not a valid regular expression: \(error)"
            }
            return nil
        }
    }

    /// The pattern rewritten in Swift `Regex` syntax with the same meaning, or nil when it is not valid RE2.
    /// Matchers compile this, not the original text, so that `\pL` or `[]a]` mean what they mean in Envoy; RE2
    /// matches code points, so compile it with `.matchingSemantics(.unicodeScalar)`, and Envoy's `safe_regex`
    /// must match the whole value (`wholeMatch`).
    package static func swiftPattern(for pattern: String) -> String? {
        guard case .success(let translated) = Self.translate(pattern), (try? Regex(translated)) != nil else {
            return nil
        }
        return translated
    }

    static func translate(_ pattern: String) -> Result<String, Problem> {
        if pattern.utf8.count > Self.maximumLength {
            return .failure(.tooLong(pattern.utf8.count))
        }
        var scanner = RE2Scanner(pattern)
        do {
            return .success(try scanner.run())
        } catch {
            return .failure(error)
        }
    }

    /// A construct RE2 does not have, or a pattern too long for Istio.
    enum Problem: Error, Hashable, CustomStringConvertible {
        case tooLong(Int)
        case lookahead
        case lookbehind
        case backreference(String)
        case possessive(String)
        case atomicGroup
        case conditional
        case recursion(String)
        case comment
        case groupSyntax(String)
        case flag(Character)
        case escape(String)
        case repeatCount(String)
        case trailingBackslash

        var description: String {
            switch self {
            case .tooLong(let length):
                return "regex is too long (\(length) bytes; Istio allows at most \(RE2Syntax.maximumLength))"
            case .lookahead: return "RE2 does not support lookahead ((?=...) or (?!...))"
            case .lookbehind: return "RE2 does not support lookbehind ((?<=...) or (?<!...))"
            case .backreference(let text): return "RE2 does not support backreferences (\(text))"
            case .possessive(let text):
                return "RE2 does not support possessive quantifiers (\(text)); drop the trailing +"
            case .atomicGroup: return "RE2 does not support atomic groups ((?>...))"
            case .conditional: return "RE2 does not support conditionals ((?(...)...))"
            case .recursion(let text): return "RE2 does not support recursion (\(text))"
            case .comment: return "RE2 does not support comments ((?#...))"
            case .groupSyntax(let text):
                return "RE2 does not support the group syntax \(text) (use (...), (?:...) or (?P<name>...))"
            case .flag(let flag): return "RE2 does not support the flag \"\(flag)\" (RE2 flags are i, m, s and U)"
            case .escape(let text): return "RE2 does not support the escape \(text)"
            case .repeatCount(let text):
                return "RE2 does not support repetition counts above \(RE2Syntax.maximumRepeatCount) (got \(text))"
            case .trailingBackslash: return "regex ends with a lone backslash"
            }
        }
    }
}

/// One pass over a pattern: rejects what RE2 lacks and writes the Swift spelling of what it has.
private struct RE2Scanner {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var output = ""
    /// What the last item was, to recognise quantifiers that follow quantifiers (`a++` is possessive).
    private var last: Last = .nothing

    private enum Last {
        case nothing
        case atom
        case quantifier
    }

    /// Escapes Go's `regexp` accepts outside a class, besides punctuation, octal and the multi-character forms.
    private static let plainEscapes: Set<Unicode.Scalar> = [
        "a", "f", "t", "n", "r", "v", "d", "D", "s", "S", "w", "W", "A", "b", "B", "z",
    ]
    /// Escapes accepted inside a class (`\b`, `\A`, `\z` are assertions and are not allowed there).
    private static let classEscapes: Set<Unicode.Scalar> = ["a", "f", "t", "n", "r", "v", "d", "D", "s", "S", "w", "W"]

    init(_ pattern: String) {
        self.scalars = Array(pattern.unicodeScalars)
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let position = self.index + offset
        return position < self.scalars.count ? self.scalars[position] : nil
    }

    private func text(_ range: Range<Int>) -> String {
        var result = ""
        result.unicodeScalars.append(contentsOf: self.scalars[range.clamped(to: 0..<self.scalars.count)])
        return result
    }

    mutating func run() throws(RE2Syntax.Problem) -> String {
        while let scalar = self.peek() {
            switch scalar {
            case "\\":
                try self.escape(inClass: false)
                self.last = .atom
            case "[":
                try self.characterClass()
                self.last = .atom
            case "(":
                try self.groupOpening()
                self.last = .nothing
            case ")":
                self.emit(")")
                self.index += 1
                self.last = .atom
            case "|":
                self.emit("|")
                self.index += 1
                self.last = .nothing
            case "*", "+", "?":
                if self.last == .quantifier && scalar == "+" {
                    throw .possessive(self.text((self.index - 1)..<(self.index + 1)))
                }
                // `a*?` is a lazy quantifier; after it, another quantifier is an error Swift reports.
                self.last = (self.last == .quantifier && scalar == "?") ? .atom : .quantifier
                self.emit(scalar)
                self.index += 1
            case "{":
                if let length = try self.repetition() {
                    self.emit(self.text(self.index..<(self.index + length)))
                    self.index += length
                    self.last = .quantifier
                } else {
                    // Go reads a brace that does not start a valid repetition as a literal.
                    self.emit("\\{")
                    self.index += 1
                    self.last = .atom
                }
            case "}", "]":
                self.emit("\\")
                self.emit(scalar)
                self.index += 1
                self.last = .atom
            default:
                self.emit(scalar)
                self.index += 1
                self.last = .atom
            }
        }
        return self.output
    }

    private mutating func emit(_ scalar: Unicode.Scalar) {
        self.output.unicodeScalars.append(scalar)
    }

    private mutating func emit(_ text: String) {
        self.output += text
    }

    /// `{n}`, `{n,}` or `{n,m}` at the current position: its length, or nil when the brace is a literal.
    private func repetition() throws(RE2Syntax.Problem) -> Int? {
        var offset = 1
        func digits() -> String {
            var text = ""
            while let scalar = self.peek(offset), ("0"..."9").contains(scalar) {
                text.unicodeScalars.append(scalar)
                offset += 1
            }
            return text
        }
        let minimum = digits()
        guard !minimum.isEmpty else { return nil }
        var maximum: String?
        if self.peek(offset) == "," {
            offset += 1
            maximum = digits()
        }
        guard self.peek(offset) == "}" else { return nil }
        let counts = [minimum] + (maximum.map { [$0] } ?? [])
        for count in counts where !count.isEmpty {
            if count.count > 4 || Int(count)! > RE2Syntax.maximumRepeatCount {
                throw .repeatCount(self.text(self.index..<(self.index + offset + 1)))
            }
        }
        return offset + 1
    }

    /// A backslash sequence; in a class, assertions and quoting are not allowed.
    private mutating func escape(inClass: Bool) throws(RE2Syntax.Problem) {
        guard let next = self.peek(1) else { throw .trailingBackslash }
        let start = self.index
        switch next {
        case "1"..."7" where !Self.isOctalDigit(self.peek(2)):
            throw .backreference("\\" + String(Character(next)))
        case "8", "9":
            throw .backreference("\\" + String(Character(next)))
        case "0"..."7":
            // Octal: up to three digits in all. Swift reads `\12` as a backreference, so spell it `\o{12}`.
            var digits = String(Character(next))
            self.index += 2
            while digits.count < 3, let digit = self.peek(), Self.isOctalDigit(digit) {
                digits.unicodeScalars.append(digit)
                self.index += 1
            }
            self.emit("\\o{\(digits)}")
            return
        case "k", "g":
            throw .backreference(self.text(start..<min(start + 3, self.scalars.count)))
        case "Q" where !inClass:
            // Quoted text up to `\E` (or the end); both dialects agree on it.
            self.index += 2
            self.emit("\\Q")
            while let scalar = self.peek() {
                if scalar == "\\" && self.peek(1) == "E" {
                    self.emit("\\E")
                    self.index += 2
                    return
                }
                self.emit(scalar)
                self.index += 1
            }
            return
        case "p", "P":
            self.index += 2
            if self.peek() == "{" {
                self.emit("\\" + String(Character(next)))
                while let scalar = self.peek() {
                    self.emit(scalar)
                    self.index += 1
                    if scalar == "}" { break }
                }
            } else if let name = self.peek() {
                // `\pL` is a one-letter class name; Swift only reads the braced form.
                self.emit("\\\(Character(next)){\(Character(name))}")
                self.index += 1
            } else {
                self.emit("\\" + String(Character(next)))
            }
            return
        case "x":
            self.emit("\\x")
            self.index += 2
            if self.peek() == "{" {
                while let scalar = self.peek() {
                    self.emit(scalar)
                    self.index += 1
                    if scalar == "}" { break }
                }
            }
            return
        default:
            let allowed = inClass ? Self.classEscapes : Self.plainEscapes
            let isPunctuation = next.isASCII && !Self.isAlphanumeric(next)
            guard allowed.contains(next) || isPunctuation else {
                throw .escape("\\" + String(Character(next)))
            }
            self.emit("\\")
            self.emit(next)
            self.index += 2
        }
    }

    /// `[...]`: a leading `]` is a literal, `[:alpha:]` is a POSIX class, and `[`, `&`, `~` are literals (Swift
    /// would read them as nested classes and set operators).
    private mutating func characterClass() throws(RE2Syntax.Problem) {
        self.emit("[")
        self.index += 1
        if self.peek() == "^" {
            self.emit("^")
            self.index += 1
        }
        if self.peek() == "]" {
            self.emit("\\]")
            self.index += 1
        }
        while let scalar = self.peek() {
            switch scalar {
            case "]":
                self.emit("]")
                self.index += 1
                return
            case "\\":
                try self.escape(inClass: true)
            case "[" where self.peek(1) == ":":
                while let member = self.peek() {
                    self.emit(member)
                    self.index += 1
                    if member == "]" && self.output.hasSuffix(":]") { break }
                }
            case "[", "&", "~":
                self.emit("\\")
                self.emit(scalar)
                self.index += 1
            default:
                self.emit(scalar)
                self.index += 1
            }
        }
        // No closing bracket: Swift reports it when compiling.
    }

    /// `(`, `(?:`, `(?P<name>`, `(?<name>`, `(?flags)`, `(?flags:`; everything else after `(?` is not RE2.
    private mutating func groupOpening() throws(RE2Syntax.Problem) {
        guard self.peek(1) == "?" else {
            self.emit("(")
            self.index += 1
            return
        }
        let third = self.peek(2)
        switch third {
        case "=", "!":
            throw .lookahead
        case "<" where self.peek(3) == "=" || self.peek(3) == "!":
            throw .lookbehind
        case "<":
            self.emit("(?<")
            self.index += 3
        case "P" where self.peek(3) == "<":
            self.emit("(?P<")
            self.index += 4
        case "P" where self.peek(3) == "=":
            throw .backreference("(?P=name)")
        case "P" where self.peek(3) == ">":
            throw .recursion("(?P>name)")
        case ">":
            throw .atomicGroup
        case "(":
            throw .conditional
        case "#":
            throw .comment
        case "R", "&":
            throw .recursion(self.text(self.index..<(self.index + 3)))
        case .some(let scalar) where ("0"..."9").contains(scalar):
            throw .recursion(self.text(self.index..<(self.index + 3)))
        case "+" where Self.isDigit(self.peek(3)), "-" where Self.isDigit(self.peek(3)):
            throw .recursion(self.text(self.index..<(self.index + 4)))
        case ":":
            self.emit("(?:")
            self.index += 3
        case .some(let scalar) where Self.isAlphanumeric(scalar) || scalar == "-":
            try self.flagGroup()
        default:
            throw .groupSyntax(self.text(self.index..<(self.index + 3)))
        }
    }

    /// `(?imsU-imsU)` or `(?imsU-imsU:`.
    private mutating func flagGroup() throws(RE2Syntax.Problem) {
        var offset = 2
        while let scalar = self.peek(offset), scalar != ")" && scalar != ":" {
            guard "imsU-".unicodeScalars.contains(scalar) else { throw .flag(Character(scalar)) }
            offset += 1
        }
        // Copy through the `)` or `:`; an unterminated group is left for Swift to report.
        let end = min(self.index + offset + 1, self.scalars.count)
        self.emit(self.text(self.index..<end))
        self.index = end
    }

    private static func isOctalDigit(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return ("0"..."7").contains(scalar)
    }

    private static func isDigit(_ scalar: Unicode.Scalar?) -> Bool {
        guard let scalar else { return false }
        return ("0"..."9").contains(scalar)
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}

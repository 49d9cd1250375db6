/// Escaping rules for log lines: whatever a peer sends (a path, a user agent, an error text), the output stays one
/// line and parses back unambiguously.
enum LogEscaping {
    /// A `key=value` text value: bare when safe, else in double quotes with `\"`, `\\`, `\n`, `\r`, `\t` and
    /// `\uXXXX` for other control and line-separator characters.
    static func appendTextValue(_ value: String, to line: inout String) {
        guard Self.needsQuoting(value) else {
            line += value
            return
        }
        line += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            default: Self.appendControlEscaped(scalar, to: &line)
            }
        }
        line += "\""
    }

    /// Scope, message and keys: never quoted, but control and line-separator characters are escaped so the line
    /// and its tab-separated columns stay intact.
    static func appendEscapedFreeText(_ text: String, to line: inout String) {
        guard text.unicodeScalars.contains(where: Self.isControlOrSeparator) else {
            line += text
            return
        }
        for scalar in text.unicodeScalars {
            Self.appendControlEscaped(scalar, to: &line)
        }
    }

    /// A JSON string literal (RFC 8259 §7): `"` and `\` escaped, control characters as short escapes or `\u00XX`.
    static func appendJSONString(_ text: String, to line: inout String) {
        line += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": line += "\\\""
            case "\\": line += "\\\\"
            case "\n": line += "\\n"
            case "\r": line += "\\r"
            case "\t": line += "\\t"
            case "\u{08}": line += "\\b"
            case "\u{0C}": line += "\\f"
            case let scalar where scalar.value < 0x20: Self.appendUnicodeEscape(scalar, to: &line)
            default: line.unicodeScalars.append(scalar)
            }
        }
        line += "\""
    }

    private static func needsQuoting(_ value: String) -> Bool {
        if value.isEmpty { return true }
        return value.unicodeScalars.contains { scalar in
            scalar == " " || scalar == "\"" || scalar == "=" || scalar == "\\" || Self.isControlOrSeparator(scalar)
        }
    }

    /// C0, DEL, C1 and the Unicode line and paragraph separators: anything a terminal or a log shipper might treat
    /// as a line break or worse.
    private static func isControlOrSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029: return true
        default: return false
        }
    }

    private static func appendControlEscaped(_ scalar: Unicode.Scalar, to line: inout String) {
        switch scalar {
        case "\n": line += "\\n"
        case "\r": line += "\\r"
        case "\t": line += "\\t"
        case let scalar where Self.isControlOrSeparator(scalar): Self.appendUnicodeEscape(scalar, to: &line)
        default: line.unicodeScalars.append(scalar)
        }
    }

    /// `\u` and four lower-case hex digits (every escaped scalar is in the BMP).
    private static func appendUnicodeEscape(_ scalar: Unicode.Scalar, to line: inout String) {
        let hex = String(scalar.value, radix: 16)
        line += "\\u"
        line += String(repeating: "0", count: max(0, 4 - hex.count))
        line += hex
    }
}

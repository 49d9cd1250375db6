/// A W3C `baggage` header (https://www.w3.org/TR/baggage/): comma-separated `key=value` members, each with
/// optional `;property` parts. HBONE carries peer metadata this way in both directions (ztunnel.md §2.4, §6.1).
///
/// Parsing is lenient on purpose: the header comes from the network, so a malformed member is skipped rather than
/// failing the whole header (ztunnel reads what it can and ignores the rest). Values are percent-decoded when
/// parsed and percent-encoded when printed, so any Unicode text survives a round trip.
package struct Baggage: Hashable, Sendable, CustomStringConvertible {
    /// One `key=value;properties` list member.
    package struct Member: Hashable, Sendable {
        /// An RFC 7230 token, compared case-sensitively.
        package var key: String
        /// The decoded value (may be empty).
        package var value: String
        /// Properties as they were written (`key` or `key=value`), kept so that forwarding loses nothing.
        package var properties: [String]

        package init(key: String, value: String, properties: [String] = []) {
            self.key = key
            self.value = value
            self.properties = properties
        }
    }

    /// The W3C limit on members a producer sends; extra members are dropped when parsing.
    package static let maximumMembers = 180

    package var members: [Member]

    package init(members: [Member] = []) {
        self.members = members
    }

    /// Parses one or more header values (HTTP allows the header to repeat); malformed members are skipped.
    package init(parsing headerValues: some Sequence<String>) {
        var members: [Member] = []
        for headerValue in headerValues {
            for item in headerValue.split(separator: ",", omittingEmptySubsequences: true) {
                guard members.count < Self.maximumMembers else { break }
                if let member = Self.parseMember(item) {
                    members.append(member)
                }
            }
        }
        self.members = members
    }

    /// Parses a single header value; malformed members are skipped.
    package init(parsing headerValue: String) {
        self.init(parsing: CollectionOfOne(headerValue))
    }

    /// The value of the last member named `key` (later members override earlier ones, as in ztunnel).
    package subscript(key: String) -> String? {
        self.members.last(where: { $0.key == key })?.value
    }

    /// The header value: members joined by `,`, values percent-encoded where W3C requires it.
    package var headerValue: String {
        self.members.map { member in
            ([member.key + "=" + Self.percentEncode(member.value)] + member.properties).joined(separator: ";")
        }.joined(separator: ",")
    }

    package var description: String { self.headerValue }

    // MARK: - Grammar

    private static func parseMember(_ text: Substring) -> Member? {
        let parts = text.split(separator: ";", omittingEmptySubsequences: false)
        guard let first = parts.first, let equals = first.firstIndex(of: "=") else { return nil }
        let key = Self.trimmingOWS(first[..<equals])
        let rawValue = Self.trimmingOWS(first[first.index(after: equals)...])
        guard Self.isToken(key), rawValue.utf8.allSatisfy(Self.isBaggageOctet) else { return nil }
        var properties: [String] = []
        for property in parts.dropFirst() {
            let trimmed = Self.trimmingOWS(property)
            guard Self.isProperty(trimmed) else { return nil }
            properties.append(String(trimmed))
        }
        return Member(key: String(key), value: Self.percentDecode(rawValue), properties: properties)
    }

    private static func isProperty(_ text: Substring) -> Bool {
        guard let equals = text.firstIndex(of: "=") else { return Self.isToken(text) }
        let key = Self.trimmingOWS(text[..<equals])
        let value = Self.trimmingOWS(text[text.index(after: equals)...])
        return Self.isToken(key) && value.utf8.allSatisfy(Self.isBaggageOctet)
    }

    private static func trimmingOWS(_ text: Substring) -> Substring {
        var result = text
        while let first = result.first, first == " " || first == "\t" { result = result.dropFirst() }
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }

    /// RFC 7230 `tchar`: visible ASCII except separators.
    static func isToken(_ text: Substring) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    return true
                default:
                    return "!#$%&'*+-.^_`|~".utf8.contains(byte)
                }
            }
    }

    /// W3C `baggage-octet`: visible ASCII except `"`, `,`, `;` and `\`.
    private static func isBaggageOctet(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21, 0x23...0x2B, 0x2D...0x3A, 0x3C...0x5B, 0x5D...0x7E: return true
        default: return false
        }
    }

    // MARK: - Percent-encoding

    /// Encodes every byte outside `baggage-octet`, and `%` itself, as `%XX` (upper-case hex).
    static func percentEncode(_ text: String) -> String {
        var encoded = ""
        encoded.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if Self.isBaggageOctet(byte) && byte != UInt8(ascii: "%") {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF".utf8)
                encoded.unicodeScalars.append("%")
                encoded.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                encoded.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0xf)]))
            }
        }
        return encoded
    }

    /// Decodes `%XX` sequences; a `%` not followed by two hex digits is kept as written, and byte sequences that
    /// are not UTF-8 are repaired (U+FFFD) rather than rejected.
    static func percentDecode(_ text: Substring) -> String {
        let bytes = Array(text.utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = Self.hexValue(bytes[index + 1]), let low = Self.hexValue(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

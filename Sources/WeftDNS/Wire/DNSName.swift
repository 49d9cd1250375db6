/// A domain name as its labels (RFC 1035 §3.1), root label excluded: `reviews.default.svc.cluster.local.` is five labels.
///
/// Labels are raw bytes, because DNS allows any octet in a label; equality is exact (case-sensitive) so that a decoded
/// message re-encodes byte for byte. Lookups compare names case-insensitively (RFC 4343) through `lowercased()` or
/// `equalsIgnoringCase(_:)`. Every value satisfies the wire limits: labels of 1–63 bytes, at most 255 bytes encoded.
package struct DNSName: Hashable, Sendable, CustomStringConvertible {
    /// The labels, leftmost first.
    package private(set) var labels: [[UInt8]]

    /// Longest label (RFC 1035 §2.3.4).
    package static let maximumLabelLength = 63
    /// Longest encoded name, length bytes and the root's zero byte included (RFC 1035 §2.3.4).
    package static let maximumWireLength = 255

    /// The root name `.`.
    package static let root = DNSName(unchecked: [])

    /// Why a name was rejected.
    package enum ValidationError: Error, Hashable, Sendable, CustomStringConvertible {
        case emptyLabel
        case labelTooLong(Int)
        case nameTooLong(Int)
        case badEscape(String)

        package var description: String {
            switch self {
            case .emptyLabel: return "empty label"
            case .labelTooLong(let length): return "label of \(length) bytes exceeds 63"
            case .nameTooLong(let length): return "name of \(length) bytes on the wire exceeds 255"
            case .badEscape(let text): return "bad escape in \"\(text)\""
            }
        }
    }

    /// Labels already known to satisfy the limits (decoder, suffix arithmetic).
    init(unchecked labels: [[UInt8]]) {
        self.labels = labels
    }

    /// Checks the label and name limits.
    package init(labels: [[UInt8]]) throws(ValidationError) {
        var wireLength = 1
        for label in labels {
            guard !label.isEmpty else { throw .emptyLabel }
            guard label.count <= Self.maximumLabelLength else { throw .labelTooLong(label.count) }
            wireLength += 1 + label.count
        }
        guard wireLength <= Self.maximumWireLength else { throw .nameTooLong(wireLength) }
        self.labels = labels
    }

    /// Parses presentation format (RFC 1035 §5.1): dot-separated labels, an optional trailing dot, `.` for the
    /// root, and the escapes `\.`, `\\` and `\DDD` (a decimal byte) that `description` writes.
    package init(parsing text: String) throws(ValidationError) {
        if text == "." {
            self = .root
            return
        }
        var labels: [[UInt8]] = []
        var current: [UInt8] = []
        var bytes = Array(text.utf8)[...]
        if bytes.last == UInt8(ascii: ".") && !Self.endsWithEscapedDot(bytes) { bytes.removeLast() }
        while let byte = bytes.popFirst() {
            switch byte {
            case UInt8(ascii: "."):
                guard !current.isEmpty else { throw .emptyLabel }
                labels.append(current)
                current = []
            case UInt8(ascii: "\\"):
                guard let next = bytes.popFirst() else { throw .badEscape(text) }
                if Self.isDigit(next) {
                    guard let second = bytes.popFirst(), let third = bytes.popFirst(), Self.isDigit(second),
                        Self.isDigit(third)
                    else { throw .badEscape(text) }
                    let value = Int(next - 48) * 100 + Int(second - 48) * 10 + Int(third - 48)
                    guard value <= 255 else { throw .badEscape(text) }
                    current.append(UInt8(value))
                } else {
                    current.append(next)
                }
            default:
                current.append(byte)
            }
        }
        guard !current.isEmpty else { throw .emptyLabel }
        labels.append(current)
        try self.init(labels: labels)
    }

    /// Bytes the name takes on the wire without compression.
    package var wireLength: Int {
        self.labels.reduce(1) { $0 + 1 + $1.count }
    }

    /// The name with ASCII letters folded to lower case; other bytes are unchanged (RFC 4343 §3).
    package func lowercased() -> DNSName {
        DNSName(unchecked: self.labels.map { $0.map(Self.lowercase) })
    }

    /// Whether both names are the same under RFC 4343's ASCII case folding.
    package func equalsIgnoringCase(_ other: DNSName) -> Bool {
        guard self.labels.count == other.labels.count else { return false }
        return zip(self.labels, other.labels).allSatisfy { Self.labelsEqualIgnoringCase($0, $1) }
    }

    /// Whether `suffix` is a proper suffix of this name (this name has more labels), ignoring case.
    package func hasProperSuffix(_ suffix: DNSName) -> Bool {
        guard self.labels.count > suffix.labels.count else { return false }
        let offset = self.labels.count - suffix.labels.count
        return suffix.labels.indices.allSatisfy {
            Self.labelsEqualIgnoringCase(self.labels[offset + $0], suffix.labels[$0])
        }
    }

    /// The first `count` labels as a name (a prefix of a valid name is valid).
    package func prefix(_ count: Int) -> DNSName {
        DNSName(unchecked: Array(self.labels.prefix(max(0, count))))
    }

    /// The labels after the first `count` as a name.
    package func dropFirst(_ count: Int) -> DNSName {
        DNSName(unchecked: Array(self.labels.dropFirst(max(0, count))))
    }

    /// `self` followed by `suffix`, or nil when the result would exceed 255 bytes on the wire.
    package func appending(_ suffix: DNSName) -> DNSName? {
        guard self.wireLength + suffix.wireLength - 1 <= Self.maximumWireLength else { return nil }
        return DNSName(unchecked: self.labels + suffix.labels)
    }

    /// Presentation format with a trailing dot; `.`, `\` and bytes outside printable ASCII are escaped so that
    /// `init(parsing:)` reads the same labels back.
    package var description: String {
        if self.labels.isEmpty { return "." }
        var text = ""
        for label in self.labels {
            for byte in label {
                switch byte {
                case UInt8(ascii: "."), UInt8(ascii: "\\"):
                    text += "\\" + String(UnicodeScalar(byte))
                case 0x21...0x7e:
                    text.unicodeScalars.append(UnicodeScalar(byte))
                default:
                    let digits = String(byte)
                    text += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
                }
            }
            text += "."
        }
        return text
    }

    // MARK: - Helpers

    static func lowercase(_ byte: UInt8) -> UInt8 {
        (0x41...0x5a).contains(byte) ? byte | 0x20 : byte
    }

    static func labelsEqualIgnoringCase(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        lhs.count == rhs.count && zip(lhs, rhs).allSatisfy { Self.lowercase($0) == Self.lowercase($1) }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (48...57).contains(byte)
    }

    /// A final `\.` is part of the last label, not the root separator. Counts the backslashes before the dot.
    private static func endsWithEscapedDot(_ bytes: ArraySlice<UInt8>) -> Bool {
        var backslashes = 0
        var index = bytes.index(before: bytes.endIndex)
        while index > bytes.startIndex {
            index = bytes.index(before: index)
            guard bytes[index] == UInt8(ascii: "\\") else { break }
            backslashes += 1
        }
        return backslashes % 2 == 1
    }
}

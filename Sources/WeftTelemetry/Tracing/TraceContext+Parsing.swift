extension TraceContext {
    /// Why a `traceparent` value was rejected (W3C Trace Context §3.2.2 and §4.3 on versioning).
    package enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        /// Version 00 must be exactly 55 characters; no version may be shorter.
        case wrongLength(Int)
        /// The version is not two lower-case hex digits, or is the forbidden `ff`.
        case invalidVersion
        /// A `-` separator is missing or misplaced (also after a future version's 55 characters).
        case malformed
        /// The trace id is not 32 lower-case hex digits.
        case invalidTraceID
        /// The trace id is all zeros.
        case zeroTraceID
        /// The parent id is not 16 lower-case hex digits.
        case invalidParentID
        /// The parent id is all zeros.
        case zeroParentID
        /// The flags are not two lower-case hex digits.
        case invalidFlags

        package var description: String {
            switch self {
            case .wrongLength(let length): return "traceparent has \(length) characters, expected 55"
            case .invalidVersion: return "traceparent version must be two lower-case hex digits other than ff"
            case .malformed: return "traceparent fields must be separated by '-'"
            case .invalidTraceID: return "traceparent trace-id must be 32 lower-case hex digits"
            case .zeroTraceID: return "traceparent trace-id must not be all zeros"
            case .invalidParentID: return "traceparent parent-id must be 16 lower-case hex digits"
            case .zeroParentID: return "traceparent parent-id must not be all zeros"
            case .invalidFlags: return "traceparent trace-flags must be two lower-case hex digits"
            }
        }
    }

    /// Parses a `traceparent` header value.
    ///
    /// Leading and trailing spaces and tabs (HTTP's optional whitespace) are ignored. Upper-case hex is refused, as
    /// the specification requires. A version above 00 is accepted for forward compatibility when its first 55
    /// characters parse as version 00 and are followed by the end or a `-`; its extra fields are dropped and
    /// ``traceparent`` re-emits version 00.
    package init(traceparent text: String) throws(ParseError) {
        let bytes = Array(Self.trimmingOptionalWhitespace(Array(text.utf8)))
        guard bytes.count >= 55 else { throw .wrongLength(bytes.count) }
        guard let version = LowercaseHex.parse(bytes[0..<2]), version != 0xFF else { throw .invalidVersion }
        if version == 0 {
            guard bytes.count == 55 else { throw .wrongLength(bytes.count) }
        } else if bytes.count > 55, bytes[55] != UInt8(ascii: "-") {
            throw .malformed
        }
        let dash = UInt8(ascii: "-")
        guard bytes[2] == dash, bytes[35] == dash, bytes[52] == dash else { throw .malformed }
        guard let high = LowercaseHex.parse(bytes[3..<19]), let low = LowercaseHex.parse(bytes[19..<35]) else {
            throw .invalidTraceID
        }
        let traceID = TraceID(high: high, low: low)
        guard traceID.isValid else { throw .zeroTraceID }
        guard let parentID = LowercaseHex.parse(bytes[36..<52]) else { throw .invalidParentID }
        guard parentID != 0 else { throw .zeroParentID }
        guard let flags = LowercaseHex.parse(bytes[53..<55]) else { throw .invalidFlags }
        self.init(checked: traceID, parentID: parentID, flags: UInt8(flags))
    }

    /// Whether a header value is a valid `traceparent`.
    package static func isValid(traceparent text: String) -> Bool {
        (try? TraceContext(traceparent: text)) != nil
    }

    private static func trimmingOptionalWhitespace(_ bytes: [UInt8]) -> ArraySlice<UInt8> {
        let isWhitespace = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        guard let first = bytes.firstIndex(where: { !isWhitespace($0) }),
            let last = bytes.lastIndex(where: { !isWhitespace($0) })
        else { return [] }
        return bytes[first...last]
    }
}

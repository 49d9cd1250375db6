/// Why bytes are not a well-formed DNS message. Every case answers FORMERR; the code and offset are for logs and
/// tests (compared by both).
package struct DNSDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
    package enum Code: Hashable, Sendable {
        /// Fewer than twelve bytes: no complete header.
        case truncatedHeader
        /// A field or label runs past the end of the message.
        case truncated
        /// A label length byte starts with the reserved bit patterns 01 or 10 (RFC 6891 §5 retired them).
        case unsupportedLabelType
        /// A compression pointer points past the end of the message.
        case pointerOutOfRange
        /// A compression pointer points forward; only earlier bytes may be referenced.
        case forwardPointer
        /// A compression pointer points at itself or back into the labels it is part of, which would loop.
        case pointerLoop
        /// More compression pointers in one name than a real encoder needs (one per label).
        case tooManyPointers
        /// A name longer than 255 bytes once expanded.
        case nameTooLong
        /// RDATA that does not match its type (an A record that is not four bytes, a name that overruns RDLENGTH).
        case badRecordData
        /// An OPT record outside the additional section, with a non-root owner, or more than one of them.
        case badOPTRecord
        /// EDNS options that do not add up to the OPT record's RDLENGTH.
        case badEDNSOptions
        /// Bytes left over after the sections the header announces.
        case trailingBytes
    }

    package var code: Code
    /// Where in the message the problem was found.
    package var offset: Int

    package init(_ code: Code, at offset: Int) {
        self.code = code
        self.offset = offset
    }

    package var description: String {
        let text: String
        switch self.code {
        case .truncatedHeader: text = "message shorter than the 12-byte header"
        case .truncated: text = "message ends inside a field"
        case .unsupportedLabelType: text = "unsupported label type"
        case .pointerOutOfRange: text = "compression pointer past the end of the message"
        case .forwardPointer: text = "compression pointer does not point backwards"
        case .pointerLoop: text = "compression pointer loop"
        case .tooManyPointers: text = "too many compression pointers in one name"
        case .nameTooLong: text = "name longer than 255 bytes"
        case .badRecordData: text = "record data does not match its type"
        case .badOPTRecord: text = "misplaced, duplicate or non-root OPT record"
        case .badEDNSOptions: text = "EDNS options do not match the OPT record length"
        case .trailingBytes: text = "bytes after the last section"
        }
        return "\(text) at offset \(self.offset)"
    }
}

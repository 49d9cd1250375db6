/// A whole DNS message (RFC 1035 §4.1) as a value.
///
/// `init(decoding:)` (DNSMessage+Decoding.swift) parses untrusted bytes with every read bounds-checked; it throws
/// `DNSDecodingError` and never traps. `encoded(maximumSize:)` (DNSMessage+Encoding.swift) writes the message with
/// name compression, truncating (TC bit) when it does not fit. Decoding then encoding a message gives the same
/// value back, except that compression pointers may differ and the OPT record always goes last.
package struct DNSMessage: Hashable, Sendable {
    package var header: DNSHeader
    package var questions: [DNSQuestion]
    package var answers: [DNSResourceRecord]
    package var authorities: [DNSResourceRecord]
    /// The additional section without the OPT pseudo-record.
    package var additionals: [DNSResourceRecord]
    /// The OPT pseudo-record, when the message carries one (at most one: RFC 6891 §6.1.1).
    package var edns: DNSEDNS?

    package init(
        header: DNSHeader,
        questions: [DNSQuestion] = [],
        answers: [DNSResourceRecord] = [],
        authorities: [DNSResourceRecord] = [],
        additionals: [DNSResourceRecord] = [],
        edns: DNSEDNS? = nil
    ) {
        self.header = header
        self.questions = questions
        self.answers = answers
        self.authorities = authorities
        self.additionals = additionals
        self.edns = edns
    }

    /// The full response code: the header's four bits plus the OPT record's eight high bits when present.
    package var responseCode: DNSResponseCode {
        let high = UInt16(self.edns?.extendedResponseCodeHigh ?? 0)
        return DNSResponseCode(rawValue: high << 4 | UInt16(self.header.responseCodeLow & 0x0f))
    }

    /// Sets the response code. Codes above 15 need an OPT record; without one only the low four bits are kept
    /// (a caller that wants BADVERS adds `edns` first).
    package mutating func setResponseCode(_ code: DNSResponseCode) {
        self.header.responseCodeLow = UInt8(code.rawValue & 0x0f)
        self.edns?.extendedResponseCodeHigh = UInt8(truncatingIfNeeded: code.rawValue >> 4)
    }
}

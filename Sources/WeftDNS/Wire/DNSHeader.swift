/// The fixed twelve-byte message header minus its section counts (RFC 1035 §4.1.1; AD and CD from RFC 4035 §3.2).
///
/// The counts are not stored: the encoder derives them from the message's sections, so they can never disagree.
package struct DNSHeader: Hashable, Sendable {
    package var id: UInt16
    /// QR: a response rather than a query.
    package var isResponse: Bool
    package var opcode: DNSOpcode
    /// AA: the responder is an authority for the name.
    package var isAuthoritative: Bool
    /// TC: the message was cut to fit the transport; the client should retry over TCP.
    package var isTruncated: Bool
    /// RD: the client asks for recursion.
    package var recursionDesired: Bool
    /// RA: the responder offers recursion.
    package var recursionAvailable: Bool
    /// The reserved Z bit (bit 6), kept so that a decoded message re-encodes unchanged.
    package var reservedBit: Bool
    /// AD: the data was DNSSEC-validated.
    package var authenticData: Bool
    /// CD: the client checks signatures itself.
    package var checkingDisabled: Bool
    /// The low four bits of the response code; `DNSMessage.responseCode` adds the EDNS extension.
    package var responseCodeLow: UInt8

    package init(
        id: UInt16,
        isResponse: Bool = false,
        opcode: DNSOpcode = .query,
        isAuthoritative: Bool = false,
        isTruncated: Bool = false,
        recursionDesired: Bool = false,
        recursionAvailable: Bool = false,
        reservedBit: Bool = false,
        authenticData: Bool = false,
        checkingDisabled: Bool = false,
        responseCodeLow: UInt8 = 0
    ) {
        self.id = id
        self.isResponse = isResponse
        self.opcode = opcode
        self.isAuthoritative = isAuthoritative
        self.isTruncated = isTruncated
        self.recursionDesired = recursionDesired
        self.recursionAvailable = recursionAvailable
        self.reservedBit = reservedBit
        self.authenticData = authenticData
        self.checkingDisabled = checkingDisabled
        self.responseCodeLow = responseCodeLow & 0x0f
    }

    /// Unpacks the second sixteen-bit header word.
    package init(id: UInt16, flags: UInt16) {
        self.init(
            id: id,
            isResponse: flags & 0x8000 != 0,
            opcode: DNSOpcode(rawValue: UInt8(truncatingIfNeeded: flags >> 11)),
            isAuthoritative: flags & 0x0400 != 0,
            isTruncated: flags & 0x0200 != 0,
            recursionDesired: flags & 0x0100 != 0,
            recursionAvailable: flags & 0x0080 != 0,
            reservedBit: flags & 0x0040 != 0,
            authenticData: flags & 0x0020 != 0,
            checkingDisabled: flags & 0x0010 != 0,
            responseCodeLow: UInt8(truncatingIfNeeded: flags)
        )
    }

    /// The second sixteen-bit header word.
    package var flags: UInt16 {
        var flags = UInt16(self.opcode.rawValue & 0x0f) << 11 | UInt16(self.responseCodeLow & 0x0f)
        if self.isResponse { flags |= 0x8000 }
        if self.isAuthoritative { flags |= 0x0400 }
        if self.isTruncated { flags |= 0x0200 }
        if self.recursionDesired { flags |= 0x0100 }
        if self.recursionAvailable { flags |= 0x0080 }
        if self.reservedBit { flags |= 0x0040 }
        if self.authenticData { flags |= 0x0020 }
        if self.checkingDisabled { flags |= 0x0010 }
        return flags
    }
}

extension DNSMessage {
    /// Largest message a TCP frame can carry (the 2-byte length prefix, RFC 1035 §4.2.2).
    package static let maximumTCPMessageSize = 65535
    /// Largest UDP response to a client without EDNS (RFC 1035 §4.2.1).
    package static let maximumUDPSizeWithoutEDNS = 512

    /// Encodes the message in at most `maximumSize` bytes (never traps).
    ///
    /// When the whole message does not fit, in this order: the additional section is dropped without setting TC
    /// (RFC 2181 §9: missing extra data is not truncation); then answers and authorities are dropped too and TC is
    /// set, keeping the questions and the OPT record (RFC 6891 §7) so that the client retries over TCP; then the OPT
    /// record goes; last, a bare header with TC. A record that cannot be encoded at all (RDATA over 65535 bytes,
    /// a section with more than 65535 entries) counts as not fitting.
    package func encoded(maximumSize: Int = DNSMessage.maximumTCPMessageSize) -> [UInt8] {
        let limit = min(maximumSize, Self.maximumTCPMessageSize)
        if let full = self.encode(), full.count <= limit { return full }
        var reduced = self
        reduced.additionals = []
        if let withoutAdditionals = reduced.encode(), withoutAdditionals.count <= limit { return withoutAdditionals }
        reduced.header.isTruncated = true
        reduced.answers = []
        reduced.authorities = []
        if let truncated = reduced.encode(), truncated.count <= limit { return truncated }
        reduced.edns = nil
        if let withoutEDNS = reduced.encode(), withoutEDNS.count <= limit { return withoutEDNS }
        reduced.questions = []
        // Twelve bytes always encode; a limit under twelve cannot be honoured by any DNS message.
        return reduced.encode() ?? []
    }

    /// The whole message, or nil when a count or a length does not fit its 16-bit field.
    private func encode() -> [UInt8]? {
        let additionalCount = self.additionals.count + (self.edns == nil ? 0 : 1)
        let counts = [self.questions.count, self.answers.count, self.authorities.count, additionalCount]
        guard counts.allSatisfy({ $0 <= Int(UInt16.max) }) else { return nil }
        var writer = DNSWireWriter()
        writer.writeUInt16(self.header.id)
        writer.writeUInt16(self.header.flags)
        for count in counts { writer.writeUInt16(UInt16(count)) }
        for question in self.questions {
            writer.writeName(question.name)
            writer.writeUInt16(question.type.rawValue)
            writer.writeUInt16(question.questionClass.rawValue)
        }
        for record in self.answers + self.authorities + self.additionals {
            guard writer.writeRecord(record) else { return nil }
        }
        if let edns = self.edns {
            guard writer.writeOPT(edns) else { return nil }
        }
        return writer.bytes
    }
}

extension DNSWireWriter {
    /// Writes one record; false when its RDATA exceeds 65535 bytes.
    mutating func writeRecord(_ record: DNSResourceRecord) -> Bool {
        self.writeName(record.name)
        self.writeUInt16(record.type.rawValue)
        self.writeUInt16(record.recordClass.rawValue)
        self.writeUInt32(record.ttl)
        let lengthOffset = self.bytes.count
        self.writeUInt16(0)
        switch record.data {
        case .address(.v4(let value)):
            self.writeUInt32(value)
        case .address(.v6(let value)):
            for shift in stride(from: 120, through: 0, by: -8) {
                self.writeUInt8(UInt8(truncatingIfNeeded: value >> UInt128(shift)))
            }
        case .cname(let target):
            self.writeName(target)
        case .opaque(_, let bytes):
            guard bytes.count <= Int(UInt16.max) else { return false }
            self.writeBytes(bytes)
        }
        self.patchUInt16(UInt16(self.bytes.count - lengthOffset - 2), at: lengthOffset)
        return true
    }

    /// Writes the OPT pseudo-record (RFC 6891 §6.1.2); false when its options exceed 65535 bytes.
    mutating func writeOPT(_ edns: DNSEDNS) -> Bool {
        let optionsLength = edns.options.reduce(0) { $0 + 4 + $1.data.count }
        guard optionsLength <= Int(UInt16.max) else { return false }
        self.writeUInt8(0)
        self.writeUInt16(DNSRecordType.opt.rawValue)
        self.writeUInt16(edns.udpPayloadSize)
        self.writeUInt32(edns.ttlField)
        self.writeUInt16(UInt16(optionsLength))
        for option in edns.options {
            self.writeUInt16(option.code)
            self.writeUInt16(UInt16(option.data.count))
            self.writeBytes(option.data)
        }
        return true
    }
}

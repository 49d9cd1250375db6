extension DNSMessage {
    /// Parses a complete message (one UDP datagram, or one TCP frame without its length prefix).
    ///
    /// Strict: every count in the header must be matched by that many entries, the message must end exactly after
    /// them, RDATA of A, AAAA, CNAME and the RFC 1035 name-bearing types must match their RDLENGTH, and at most one
    /// OPT record may appear, in the additional section with the root as owner (RFC 6891 §6.1.1). Any violation
    /// throws; nothing traps, whatever the bytes.
    package init(decoding bytes: [UInt8]) throws(DNSDecodingError) {
        guard bytes.count >= 12 else { throw DNSDecodingError(.truncatedHeader, at: bytes.count) }
        var reader = DNSWireReader(bytes)
        let id = try reader.readUInt16()
        let flags = try reader.readUInt16()
        let questionCount = try reader.readUInt16()
        let answerCount = try reader.readUInt16()
        let authorityCount = try reader.readUInt16()
        let additionalCount = try reader.readUInt16()

        var questions: [DNSQuestion] = []
        for _ in 0..<questionCount {
            questions.append(try reader.readQuestion())
        }
        var answers: [DNSResourceRecord] = []
        for _ in 0..<answerCount {
            let start = reader.offset
            guard let record = try reader.readRecord() else { throw DNSDecodingError(.badOPTRecord, at: start) }
            answers.append(record)
        }
        var authorities: [DNSResourceRecord] = []
        for _ in 0..<authorityCount {
            let start = reader.offset
            guard let record = try reader.readRecord() else { throw DNSDecodingError(.badOPTRecord, at: start) }
            authorities.append(record)
        }
        var additionals: [DNSResourceRecord] = []
        var edns: DNSEDNS?
        for _ in 0..<additionalCount {
            // An OPT record fills `edns` and yields no record; a second one throws.
            if let record = try reader.readRecord(edns: &edns) {
                additionals.append(record)
            }
        }
        guard reader.remaining == 0 else { throw DNSDecodingError(.trailingBytes, at: reader.offset) }

        self.init(
            header: DNSHeader(id: id, flags: flags),
            questions: questions,
            answers: answers,
            authorities: authorities,
            additionals: additionals,
            edns: edns
        )
    }
}

extension DNSWireReader {
    mutating func readQuestion() throws(DNSDecodingError) -> DNSQuestion {
        let name = try self.readName()
        let type = DNSRecordType(rawValue: try self.readUInt16())
        let questionClass = DNSClass(rawValue: try self.readUInt16())
        return DNSQuestion(name: name, type: type, questionClass: questionClass)
    }

    /// Reads a record where OPT is not allowed (answer, authority): returns nil for an OPT record.
    mutating func readRecord() throws(DNSDecodingError) -> DNSResourceRecord? {
        var unused: DNSEDNS?
        let record = try self.readRecord(edns: &unused)
        return unused == nil ? record : nil
    }

    /// Reads a record of the additional section. An OPT record fills `edns` and returns nil; a second OPT record
    /// leaves `edns` set and throws.
    mutating func readRecord(edns: inout DNSEDNS?) throws(DNSDecodingError) -> DNSResourceRecord? {
        let start = self.offset
        let name = try self.readName()
        let type = DNSRecordType(rawValue: try self.readUInt16())
        let classField = try self.readUInt16()
        let ttl = try self.readUInt32()
        let length = Int(try self.readUInt16())
        guard self.remaining >= length else { throw DNSDecodingError(.truncated, at: self.offset) }
        let end = self.offset + length

        if type == .opt {
            guard edns == nil, name.labels.isEmpty else { throw DNSDecodingError(.badOPTRecord, at: start) }
            edns = DNSEDNS(
                udpPayloadSize: classField,
                extendedResponseCodeHigh: UInt8(truncatingIfNeeded: ttl >> 24),
                version: UInt8(truncatingIfNeeded: ttl >> 16),
                dnssecOK: ttl & 0x8000 != 0,
                reservedFlags: UInt16(truncatingIfNeeded: ttl) & 0x7fff,
                options: try self.readEDNSOptions(until: end)
            )
            return nil
        }
        let recordClass = DNSClass(rawValue: classField)
        let data = try self.readRecordData(type: type, recordClass: recordClass, end: end)
        return DNSResourceRecord(name: name, recordClass: recordClass, ttl: ttl, data: data)
    }

    private mutating func readEDNSOptions(until end: Int) throws(DNSDecodingError) -> [DNSEDNSOption] {
        var options: [DNSEDNSOption] = []
        while self.offset < end {
            guard end - self.offset >= 4 else { throw DNSDecodingError(.badEDNSOptions, at: self.offset) }
            let code = try self.readUInt16()
            let length = Int(try self.readUInt16())
            guard end - self.offset >= length else { throw DNSDecodingError(.badEDNSOptions, at: self.offset) }
            options.append(DNSEDNSOption(code: code, data: try self.readBytes(length)))
        }
        return options
    }

    private mutating func readRecordData(
        type: DNSRecordType,
        recordClass: DNSClass,
        end: Int
    ) throws(DNSDecodingError) -> DNSRecordData {
        let start = self.offset
        let length = end - start
        if recordClass == .internet && (type == .a || type == .aaaa) {
            let bytes = try self.readBytes(length)
            if type == .a && length == 4 {
                return .address(.v4(bytes.reduce(0) { $0 << 8 | UInt32($1) }))
            }
            if type == .aaaa && length == 16 {
                return .address(.v6(bytes.reduce(0) { $0 << 8 | UInt128($1) }))
            }
            throw DNSDecodingError(.badRecordData, at: start)
        }
        if type == .cname {
            let target = try self.readName()
            guard self.offset == end else { throw DNSDecodingError(.badRecordData, at: start) }
            return .cname(target)
        }
        if type.hasCompressibleNames {
            return .opaque(type: type, bytes: try self.readExpandedNames(type: type, end: end))
        }
        return .opaque(type: type, bytes: try self.readBytes(length))
    }

    /// RDATA of NS, SOA, PTR, MX, MINFO and the obsolete mail types with its names written out uncompressed, so
    /// the bytes stay valid at any offset (RFC 3597 §4).
    private mutating func readExpandedNames(type: DNSRecordType, end: Int) throws(DNSDecodingError) -> [UInt8] {
        let start = self.offset
        var expanded: [UInt8] = []
        func name(_ reader: inout DNSWireReader) throws(DNSDecodingError) {
            let name = try reader.readName()
            guard reader.offset <= end else { throw DNSDecodingError(.badRecordData, at: start) }
            name.appendUncompressed(to: &expanded)
        }
        func fixed(_ reader: inout DNSWireReader, _ count: Int) throws(DNSDecodingError) {
            guard end - reader.offset >= count else { throw DNSDecodingError(.badRecordData, at: start) }
            expanded += try reader.readBytes(count)
        }
        switch type {
        case .mx:
            try fixed(&self, 2)
            try name(&self)
        case .soa:
            try name(&self)
            try name(&self)
            try fixed(&self, 20)
        case .minfo:
            try name(&self)
            try name(&self)
        default:
            try name(&self)
        }
        guard self.offset == end else { throw DNSDecodingError(.badRecordData, at: start) }
        return expanded
    }
}

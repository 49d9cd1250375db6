import WeftCore

/// One entry of the question section (RFC 1035 §4.1.2).
package struct DNSQuestion: Hashable, Sendable, CustomStringConvertible {
    package var name: DNSName
    package var type: DNSRecordType
    package var questionClass: DNSClass

    package init(name: DNSName, type: DNSRecordType, questionClass: DNSClass = .internet) {
        self.name = name
        self.type = type
        self.questionClass = questionClass
    }

    /// Same type and class, and the same name under ASCII case folding: how a response is matched to its query.
    package func matches(_ other: DNSQuestion) -> Bool {
        self.type == other.type && self.questionClass == other.questionClass
            && self.name.equalsIgnoringCase(other.name)
    }

    package var description: String { "\(self.name) \(self.questionClass) \(self.type)" }
}

/// A resource record of the answer, authority or additional section (RFC 1035 §4.1.3). The EDNS OPT
/// pseudo-record is not one of these: `DNSMessage.edns` carries it.
package struct DNSResourceRecord: Hashable, Sendable {
    package var name: DNSName
    package var recordClass: DNSClass
    package var ttl: UInt32
    package var data: DNSRecordData

    package init(name: DNSName, recordClass: DNSClass = .internet, ttl: UInt32, data: DNSRecordData) {
        self.name = name
        self.recordClass = recordClass
        self.ttl = ttl
        self.data = data
    }

    package var type: DNSRecordType { self.data.type }
}

/// Record data: the types the proxy builds are structured, every other type passes through as bytes.
package enum DNSRecordData: Hashable, Sendable {
    /// An A (IPv4, class IN) or AAAA (IPv6, class IN) record: the type follows from the address family.
    case address(IPAddress)
    /// A CNAME record's canonical name (compressed on the wire when possible).
    case cname(DNSName)
    /// Any other type, RDATA as bytes. The decoder expands compressed names inside the RFC 1035 types that may hold
    /// them (NS, SOA, PTR, MX, …), so these bytes stay valid wherever the record is written again (RFC 3597 §4).
    case opaque(type: DNSRecordType, bytes: [UInt8])

    package var type: DNSRecordType {
        switch self {
        case .address(let address): return address.isIPv4 ? .a : .aaaa
        case .cname: return .cname
        case .opaque(let type, _): return type
        }
    }
}

/// The EDNS(0) OPT pseudo-record (RFC 6891 §6.1), kept apart from the additional section because its CLASS and TTL
/// fields mean something else: the sender's UDP payload size, the response code's high bits, version and flags.
package struct DNSEDNS: Hashable, Sendable {
    /// Largest UDP payload the sender can reassemble (values under 512 are treated as 512).
    package var udpPayloadSize: UInt16
    /// The upper eight bits of the twelve-bit response code.
    package var extendedResponseCodeHigh: UInt8
    package var version: UInt8
    /// DO: the sender wants DNSSEC records.
    package var dnssecOK: Bool
    /// The fifteen remaining flag bits (zero today), passed through.
    package var reservedFlags: UInt16
    /// Options in wire order, passed through unchanged (cookies, client subnet, padding, …).
    package var options: [DNSEDNSOption]

    package init(
        udpPayloadSize: UInt16,
        extendedResponseCodeHigh: UInt8 = 0,
        version: UInt8 = 0,
        dnssecOK: Bool = false,
        reservedFlags: UInt16 = 0,
        options: [DNSEDNSOption] = []
    ) {
        self.udpPayloadSize = udpPayloadSize
        self.extendedResponseCodeHigh = extendedResponseCodeHigh
        self.version = version
        self.dnssecOK = dnssecOK
        self.reservedFlags = reservedFlags & 0x7fff
        self.options = options
    }

    /// The OPT record's TTL field.
    var ttlField: UInt32 {
        UInt32(self.extendedResponseCodeHigh) << 24 | UInt32(self.version) << 16 | (self.dnssecOK ? 0x8000 : 0)
            | UInt32(self.reservedFlags & 0x7fff)
    }
}

/// One EDNS option: code and opaque data (RFC 6891 §6.1.2).
package struct DNSEDNSOption: Hashable, Sendable {
    package var code: UInt16
    package var data: [UInt8]

    package init(code: UInt16, data: [UInt8]) {
        self.code = code
        self.data = data
    }
}

/// A resource record TYPE or query QTYPE (RFC 1035 §3.2.2–3.2.3; IANA "Resource Record (RR) TYPEs").
package struct DNSRecordType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    package var rawValue: UInt16

    package init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    package static let a = DNSRecordType(rawValue: 1)
    package static let ns = DNSRecordType(rawValue: 2)
    package static let md = DNSRecordType(rawValue: 3)
    package static let mf = DNSRecordType(rawValue: 4)
    package static let cname = DNSRecordType(rawValue: 5)
    package static let soa = DNSRecordType(rawValue: 6)
    package static let mb = DNSRecordType(rawValue: 7)
    package static let mg = DNSRecordType(rawValue: 8)
    package static let mr = DNSRecordType(rawValue: 9)
    package static let ptr = DNSRecordType(rawValue: 12)
    package static let minfo = DNSRecordType(rawValue: 14)
    package static let mx = DNSRecordType(rawValue: 15)
    package static let txt = DNSRecordType(rawValue: 16)
    package static let aaaa = DNSRecordType(rawValue: 28)
    package static let srv = DNSRecordType(rawValue: 33)
    package static let opt = DNSRecordType(rawValue: 41)
    package static let svcb = DNSRecordType(rawValue: 64)
    package static let https = DNSRecordType(rawValue: 65)
    package static let ixfr = DNSRecordType(rawValue: 251)
    package static let axfr = DNSRecordType(rawValue: 252)
    package static let any = DNSRecordType(rawValue: 255)

    private static let mnemonics: [UInt16: String] = [
        1: "A", 2: "NS", 3: "MD", 4: "MF", 5: "CNAME", 6: "SOA", 7: "MB", 8: "MG", 9: "MR", 12: "PTR", 14: "MINFO",
        15: "MX", 16: "TXT", 28: "AAAA", 33: "SRV", 41: "OPT", 64: "SVCB", 65: "HTTPS", 251: "IXFR", 252: "AXFR",
        255: "ANY",
    ]

    /// The mnemonic, or RFC 3597's `TYPE<n>` for types this module does not name.
    package var description: String {
        Self.mnemonics[self.rawValue] ?? "TYPE\(self.rawValue)"
    }

    /// The `request_query_type` metric label: the mnemonic in lower case, as ztunnel reports it.
    package var metricLabel: String {
        self.description.lowercased()
    }

    /// Types whose RDATA may hold compressed names, which a receiver must expand (RFC 3597 §4): the RFC 1035 types.
    var hasCompressibleNames: Bool {
        switch self.rawValue {
        case 2, 3, 4, 5, 6, 7, 8, 9, 12, 14, 15: return true
        default: return false
        }
    }
}

/// A record CLASS or query QCLASS (RFC 1035 §3.2.4–3.2.5).
package struct DNSClass: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    package var rawValue: UInt16

    package init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    package static let internet = DNSClass(rawValue: 1)
    package static let chaos = DNSClass(rawValue: 3)
    package static let hesiod = DNSClass(rawValue: 4)
    package static let none = DNSClass(rawValue: 254)
    package static let any = DNSClass(rawValue: 255)

    package var description: String {
        switch self.rawValue {
        case 1: return "IN"
        case 3: return "CH"
        case 4: return "HS"
        case 254: return "NONE"
        case 255: return "ANY"
        default: return "CLASS\(self.rawValue)"
        }
    }
}

/// The header's four-bit OPCODE (RFC 1035 §4.1.1, RFC 1996, RFC 2136).
package struct DNSOpcode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// Only the low four bits are meaningful; the header codec masks the rest.
    package var rawValue: UInt8

    package init(rawValue: UInt8) {
        self.rawValue = rawValue & 0x0f
    }

    package static let query = DNSOpcode(rawValue: 0)
    package static let inverseQuery = DNSOpcode(rawValue: 1)
    package static let status = DNSOpcode(rawValue: 2)
    package static let notify = DNSOpcode(rawValue: 4)
    package static let update = DNSOpcode(rawValue: 5)

    package var description: String {
        switch self.rawValue {
        case 0: return "QUERY"
        case 1: return "IQUERY"
        case 2: return "STATUS"
        case 4: return "NOTIFY"
        case 5: return "UPDATE"
        default: return "OPCODE\(self.rawValue)"
        }
    }
}

/// A response code: four bits in the header, extended to twelve by the EDNS OPT record (RFC 6891 §6.1.3).
package struct DNSResponseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// Only the low twelve bits are meaningful.
    package var rawValue: UInt16

    package init(rawValue: UInt16) {
        self.rawValue = rawValue & 0x0fff
    }

    package static let noError = DNSResponseCode(rawValue: 0)
    package static let formatError = DNSResponseCode(rawValue: 1)
    package static let serverFailure = DNSResponseCode(rawValue: 2)
    package static let nameError = DNSResponseCode(rawValue: 3)
    package static let notImplemented = DNSResponseCode(rawValue: 4)
    package static let refused = DNSResponseCode(rawValue: 5)
    /// EDNS version not supported (RFC 6891 §9); needs the OPT record to carry its high bits.
    package static let badVersion = DNSResponseCode(rawValue: 16)

    package var description: String {
        switch self.rawValue {
        case 0: return "NOERROR"
        case 1: return "FORMERR"
        case 2: return "SERVFAIL"
        case 3: return "NXDOMAIN"
        case 4: return "NOTIMP"
        case 5: return "REFUSED"
        case 16: return "BADVERS"
        default: return "RCODE\(self.rawValue)"
        }
    }
}

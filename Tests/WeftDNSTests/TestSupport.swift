import Testing
import WeftCore

@testable import WeftDNS

/// A name from text, for fixtures (a bad fixture fails the test that uses it).
func name(_ text: String) throws -> DNSName {
    try DNSName(parsing: text)
}

/// An IP address from text, for fixtures.
func ip(_ text: String) throws -> IPAddress {
    try IPAddress(parsing: text)
}

/// A standard recursive query for one name, as a stub resolver sends it.
func queryMessage(
    _ text: String,
    _ type: DNSRecordType = .a,
    id: UInt16 = 0x1234,
    questionClass: DNSClass = .internet,
    edns: DNSEDNS? = nil
) throws -> DNSMessage {
    DNSMessage(
        header: DNSHeader(id: id, recursionDesired: true),
        questions: [DNSQuestion(name: try name(text), type: type, questionClass: questionClass)],
        edns: edns
    )
}

/// `queryMessage` on the wire.
func queryBytes(
    _ text: String,
    _ type: DNSRecordType = .a,
    id: UInt16 = 0x1234,
    questionClass: DNSClass = .internet,
    edns: DNSEDNS? = nil
) throws -> [UInt8] {
    try queryMessage(text, type, id: id, questionClass: questionClass, edns: edns).encoded()
}

/// Decodes a response the code under test produced (it must always decode; a throw fails the test).
func decoded(_ bytes: [UInt8]) throws -> DNSMessage {
    try DNSMessage(decoding: bytes)
}

/// Readable answers: `name TYPE data`.
func describe(_ records: [DNSResourceRecord]) -> [String] {
    records.map { record in
        switch record.data {
        case .address(let address): return "\(record.name) \(record.type) \(address) ttl=\(record.ttl)"
        case .cname(let target): return "\(record.name) CNAME \(target) ttl=\(record.ttl)"
        case .opaque(let type, let bytes): return "\(record.name) \(type) \(bytes)"
        }
    }
}

/// A deterministic generator (SplitMix64), so forwarder ids and fuzz inputs are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) {
        self.state = seed
    }

    mutating func next() -> UInt64 {
        self.state &+= 0x9e37_79b9_7f4a_7c15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

extension DNSAction {
    /// The case name, for comparing actions without their bytes.
    var kind: String {
        switch self {
        case .answer: return "answer"
        case .forward: return "forward"
        case .formErr: return "formErr"
        case .notImp: return "notImp"
        case .refused: return "refused"
        case .badVersion: return "badVersion"
        }
    }
}

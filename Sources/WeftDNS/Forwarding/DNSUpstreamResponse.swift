/// The parts of an upstream response needed to match it to a forwarded query, read without decoding the rest: the
/// forwarder relays answers it does not need to understand (DNSSEC, SVCB, …) byte for byte.
struct DNSUpstreamResponse: Hashable, Sendable {
    var id: UInt16
    var header: DNSHeader
    /// The first question, nil when the response has none (some servers omit it in FORMERR/SERVFAIL/REFUSED).
    var question: DNSQuestion?

    /// Nil when the bytes are not even a response header with a readable first question.
    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 12 else { return nil }
        self.id = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
        self.header = DNSHeader(id: self.id, flags: UInt16(bytes[2]) << 8 | UInt16(bytes[3]))
        guard self.header.isResponse else { return nil }
        if bytes[4] == 0 && bytes[5] == 0 {
            self.question = nil
        } else {
            var reader = DNSWireReader(bytes, offset: 12)
            guard let question = try? reader.readQuestion() else { return nil }
            self.question = question
        }
    }

    /// `bytes` with the id replaced (the first two bytes; `bytes` has at least twelve).
    static func replacingID(of bytes: [UInt8], with id: UInt16) -> [UInt8] {
        var copy = bytes
        guard copy.count >= 2 else { return copy }
        copy[0] = UInt8(truncatingIfNeeded: id >> 8)
        copy[1] = UInt8(truncatingIfNeeded: id)
        return copy
    }
}

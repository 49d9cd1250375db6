/// How a query reached the proxy; it decides the size limit of the answer.
package enum DNSTransport: Hashable, Sendable {
    /// One datagram: 512 bytes, or the client's EDNS buffer size (capped by the configuration).
    case udp
    /// One length-prefixed frame: up to 65535 bytes.
    case tcp

    /// The `request_protocol` metric label.
    package var metricLabel: String {
        switch self {
        case .udp: return "udp"
        case .tcp: return "tcp"
        }
    }
}

/// What the server must do with one query (G2: decide here, act in WeftProxy).
package struct DNSResolution: Hashable, Sendable {
    package var action: DNSAction
    /// The query's question when it could be read, for metric labels (`request_query_type`) and access logs.
    package var question: DNSQuestion?

    package init(action: DNSAction, question: DNSQuestion?) {
        self.action = action
        self.question = question
    }
}

/// The proxy's decision for one query. Every case but `forward` carries the complete response to send back (for
/// TCP, wrap it with `DNSTCPFraming.frame`); its id is the query's.
package enum DNSAction: Hashable, Sendable {
    /// A mesh name: A/AAAA records with TTL 30 s, or NOERROR with no records (NODATA) when the name has no address
    /// of the asked family. Authoritative.
    case answer([UInt8])
    /// Not a mesh name (or a type the proxy does not serve): send the query upstream unchanged.
    case forward(DNSForwardRequest)
    /// The query is malformed (FORMERR), id echoed when the header is readable.
    case formErr([UInt8])
    /// An opcode other than QUERY (NOTIMP).
    case notImp([UInt8])
    /// A zone transfer (AXFR/IXFR): the proxy cannot relay multi-message answers (REFUSED).
    case refused([UInt8])
    /// An EDNS version other than 0 (BADVERS, RFC 6891 §6.1.3).
    case badVersion([UInt8])

    /// The response to send, or nil for `forward`.
    package var response: [UInt8]? {
        switch self {
        case .answer(let bytes), .formErr(let bytes), .notImp(let bytes), .refused(let bytes),
            .badVersion(let bytes):
            return bytes
        case .forward:
            return nil
        }
    }
}

/// A query to relay upstream: the bytes exactly as received, and the parsed message for matching the response
/// (`DNSForwarderStateMachine`) and for answering SERVFAIL when the upstream fails.
package struct DNSForwardRequest: Hashable, Sendable {
    package var bytes: [UInt8]
    package var query: DNSMessage
    /// Use the same transport upstream: a UDP client sized its EDNS buffer for UDP, and a TCP client may expect
    /// answers larger than a datagram.
    package var transport: DNSTransport

    package init(bytes: [UInt8], query: DNSMessage, transport: DNSTransport) {
        self.bytes = bytes
        self.query = query
        self.transport = transport
    }
}

/// Builds the proxy's own responses from a query: same id, opcode, question, RD and CD bits; RA set because the
/// proxy recurses through its upstream; an OPT record when the query had one (RFC 6891 §6.1.1), advertising the
/// client's own buffer size (at least 512), version 0 and the client's DO bit, as ztunnel does.
package enum DNSResponseBuilder {
    /// The response skeleton for `query`, with `code` and no records.
    package static func response(
        to query: DNSMessage,
        code: DNSResponseCode,
        authoritative: Bool = false,
        configuration: DNSResolverConfiguration = DNSResolverConfiguration()
    ) -> DNSMessage {
        var response = DNSMessage(
            header: DNSHeader(
                id: query.header.id,
                isResponse: true,
                opcode: query.header.opcode,
                isAuthoritative: authoritative,
                recursionDesired: query.header.recursionDesired,
                recursionAvailable: true,
                checkingDisabled: query.header.checkingDisabled
            ),
            questions: query.questions,
            edns: query.edns.map {
                DNSEDNS(
                    udpPayloadSize: UInt16(Self.udpLimit(for: $0, configuration: configuration)),
                    dnssecOK: $0.dnssecOK
                )
            }
        )
        response.setResponseCode(code)
        return response
    }

    /// The largest response the client accepts over `transport` (RFC 1035 §4.2.1, RFC 6891 §6.2.3–6.2.5).
    package static func sizeLimit(
        for query: DNSMessage,
        over transport: DNSTransport,
        configuration: DNSResolverConfiguration = DNSResolverConfiguration()
    ) -> Int {
        switch transport {
        case .tcp: return DNSMessage.maximumTCPMessageSize
        case .udp:
            guard let edns = query.edns else { return DNSMessage.maximumUDPSizeWithoutEDNS }
            return Self.udpLimit(for: edns, configuration: configuration)
        }
    }

    /// SERVFAIL for a query the upstream did not answer (timeout, overload, unreachable), as ztunnel answers a
    /// failed forward.
    package static func serverFailure(to query: DNSMessage, over transport: DNSTransport) -> [UInt8] {
        let response = Self.response(to: query, code: .serverFailure)
        return response.encoded(maximumSize: Self.sizeLimit(for: query, over: transport))
    }

    /// FORMERR for bytes that are not a valid query. The id is echoed when the first two bytes exist, the
    /// question when it could be read; no OPT record, since the query's may be what is broken (RFC 6891 §7).
    static func formatError(id: UInt16, question: DNSQuestion?, opcode: DNSOpcode = .query) -> [UInt8] {
        var response = DNSMessage(
            header: DNSHeader(id: id, isResponse: true, opcode: opcode, recursionAvailable: true),
            questions: question.map { [$0] } ?? []
        )
        response.setResponseCode(.formatError)
        return response.encoded(maximumSize: DNSMessage.maximumUDPSizeWithoutEDNS)
    }

    private static func udpLimit(for edns: DNSEDNS, configuration: DNSResolverConfiguration) -> Int {
        let floor = DNSMessage.maximumUDPSizeWithoutEDNS
        return min(max(Int(edns.udpPayloadSize), floor), max(configuration.maximumUDPResponseSize, floor))
    }
}

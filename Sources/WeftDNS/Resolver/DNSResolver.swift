import WeftCore

/// The DNS proxy's decision (reference §6.5, ztunnel `src/dns/server.rs`): answer mesh hostnames with their VIPs,
/// forward everything else. Pure: bytes, the asking workload's namespace and a name table in; a `DNSResolution` out.
///
/// Order of checks for one query:
/// 1. fewer than 12 bytes, QR set (a response sent as a query), or bytes that do not decode → FORMERR;
/// 2. an opcode other than QUERY → NOTIMP; not exactly one question → FORMERR; EDNS version ≠ 0 → BADVERS;
/// 3. AXFR/IXFR → REFUSED (a zone transfer spans several messages, which the forwarder cannot relay);
/// 4. class IN, type A or AAAA, and a name that the table knows under one of its aliases (`aliases(for:…)`) →
///    the addresses of that family with TTL 30 s, or NODATA when the name has none of that family;
/// 5. anything else → forward the bytes unchanged (other types for mesh names included, as ztunnel does).
///
/// Usage from the server (WeftProxy), per received datagram or TCP frame:
/// ```swift
/// let resolution = resolver.resolve(bytes, namespace: workload.namespace, transport: .udp)
/// switch resolution.action {
/// case .forward(let request): send through the DNSForwarderStateMachine to the upstream
/// default: send resolution.action.response! back to the client
/// }
/// ```
package struct DNSResolver: Sendable {
    package var names: DNSNameTable
    package var configuration: DNSResolverConfiguration

    package init(names: DNSNameTable, configuration: DNSResolverConfiguration = DNSResolverConfiguration()) {
        self.names = names
        self.configuration = configuration
    }

    /// Decides what to do with one query received from a workload of `namespace`.
    package func resolve(_ bytes: [UInt8], namespace: String, transport: DNSTransport) -> DNSResolution {
        guard bytes.count >= 12 else {
            let id = bytes.count >= 2 ? UInt16(bytes[0]) << 8 | UInt16(bytes[1]) : 0
            return DNSResolution(action: .formErr(DNSResponseBuilder.formatError(id: id, question: nil)), question: nil)
        }
        let header = DNSHeader(
            id: UInt16(bytes[0]) << 8 | UInt16(bytes[1]),
            flags: UInt16(bytes[2]) << 8 | UInt16(bytes[3])
        )
        let decoded = try? DNSMessage(decoding: bytes)
        let question = decoded?.questions.first ?? Self.firstQuestion(of: bytes)

        if header.isResponse {
            return self.formatError(header: header, question: question)
        }
        if header.opcode != .query {
            let query = decoded ?? DNSMessage(header: header, questions: question.map { [$0] } ?? [])
            return self.respond(to: query, code: .notImplemented, transport: transport, question: question) {
                .notImp($0)
            }
        }
        guard let query = decoded, query.questions.count == 1, let question else {
            return self.formatError(header: header, question: question)
        }
        if let edns = query.edns, edns.version != 0 {
            return self.respond(to: query, code: .badVersion, transport: transport, question: question) {
                .badVersion($0)
            }
        }
        if question.type == .axfr || question.type == .ixfr {
            return self.respond(to: query, code: .refused, transport: transport, question: question) { .refused($0) }
        }
        guard question.questionClass == .internet, question.type == .a || question.type == .aaaa,
            let match = self.meshMatch(for: question.name, namespace: namespace)
        else {
            let request = DNSForwardRequest(bytes: bytes, query: query, transport: transport)
            return DNSResolution(action: .forward(request), question: question)
        }
        let answer = self.answer(query, question: question, match: match)
        let limit = DNSResponseBuilder.sizeLimit(for: query, over: transport, configuration: self.configuration)
        return DNSResolution(action: .answer(answer.encoded(maximumSize: limit)), question: question)
    }

    /// The authoritative answer for a mesh name: the matching family's addresses, preceded by a CNAME from the
    /// asked name to the stripped one when the name was found by removing a search domain (ztunnel does the same,
    /// so that `reviews.default.svc.cluster.local.default.svc.cluster.local` resolves in one round trip).
    private func answer(_ query: DNSMessage, question: DNSQuestion, match: DNSMeshMatch) -> DNSMessage {
        var response = DNSResponseBuilder.response(
            to: query,
            code: .noError,
            authoritative: true,
            configuration: self.configuration
        )
        let wantsIPv4 = question.type == .a
        let addresses = match.addresses.filter { $0.isIPv4 == wantsIPv4 }
        // NODATA: the name exists, but not with this family; NOERROR and no records, no CNAME either.
        guard !addresses.isEmpty else { return response }
        var owner = question.name
        if let kept = match.strippedLabelCount {
            let canonical = question.name.prefix(kept)
            response.answers.append(
                DNSResourceRecord(name: question.name, ttl: self.configuration.ttl, data: .cname(canonical))
            )
            owner = canonical
        }
        for address in addresses {
            response.answers.append(
                DNSResourceRecord(name: owner, ttl: self.configuration.ttl, data: .address(address))
            )
        }
        return response
    }

    private func respond(
        to query: DNSMessage,
        code: DNSResponseCode,
        transport: DNSTransport,
        question: DNSQuestion?,
        action: ([UInt8]) -> DNSAction
    ) -> DNSResolution {
        var echo = query
        echo.questions = Array(query.questions.prefix(1))
        let response = DNSResponseBuilder.response(to: echo, code: code, configuration: self.configuration)
        let limit = DNSResponseBuilder.sizeLimit(for: echo, over: transport, configuration: self.configuration)
        return DNSResolution(action: action(response.encoded(maximumSize: limit)), question: question)
    }

    private func formatError(header: DNSHeader, question: DNSQuestion?) -> DNSResolution {
        let bytes = DNSResponseBuilder.formatError(id: header.id, question: question, opcode: header.opcode)
        return DNSResolution(action: .formErr(bytes), question: question)
    }

    /// The first question of a message that does not decode as a whole, so that FORMERR can echo it.
    private static func firstQuestion(of bytes: [UInt8]) -> DNSQuestion? {
        guard bytes.count >= 12, bytes[4] != 0 || bytes[5] != 0 else { return nil }
        var reader = DNSWireReader(bytes, offset: 12)
        return try? reader.readQuestion()
    }
}

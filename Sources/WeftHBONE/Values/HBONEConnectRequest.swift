import NIOHPACK

/// An HBONE tunnel request: an RFC 9113 §8.5 classic CONNECT with only `:method` and `:authority` as pseudo
/// headers, plus the `forwarded`, `baggage` and `traceparent` headers ztunnel sends (ztunnel.md §2.4).
///
/// `init(validating:)` is the server's check (anything it rejects is a 400, §2.5); `headers` is what the client
/// sends. Optional headers that do not parse are dropped, never a reason to refuse the tunnel: they only feed
/// metrics and logs.
package struct HBONEConnectRequest: Hashable, Sendable {
    package var authority: HBONEAuthority
    package var forwarded: Forwarded?
    /// The caller's peer metadata (the `baggage` header).
    package var peerMetadata: PeerMetadata?
    package var traceParent: TraceParent?

    package init(
        authority: HBONEAuthority,
        forwarded: Forwarded? = nil,
        peerMetadata: PeerMetadata? = nil,
        traceParent: TraceParent? = nil
    ) {
        self.authority = authority
        self.forwarded = forwarded
        self.peerMetadata = peerMetadata
        self.traceParent = traceParent
    }

    /// Checks a request header block the way ztunnel's inbound does; the error is the 400 to answer with.
    package init(validating headers: HPACKHeaders) throws(HBONEResponseStatusError) {
        var method: String?
        var authority: String?
        var problem: String?
        for (name, value, _) in headers where name.hasPrefix(":") {
            switch name {
            case ":method" where method == nil:
                method = value
            case ":authority" where authority == nil:
                authority = value
            case ":method", ":authority":
                problem = problem ?? "pseudo header \(name) is repeated"
            default:
                // `:scheme`, `:path` and `:protocol` (extended CONNECT) are not HBONE; anything else is not HTTP/2.
                problem = problem ?? "pseudo header \(name) is not allowed on a CONNECT tunnel"
            }
        }
        // The method is checked first, as ztunnel does: a GET is refused for being a GET.
        guard let method, method == "CONNECT" else {
            throw .init(.methodNotConnect(method: method ?? "(none)"))
        }
        if let problem { throw .init(.malformedRequest(problem)) }
        guard let authority else { throw .init(.invalidAuthority("the request has no :authority")) }
        let parsed: HBONEAuthority
        do {
            parsed = try HBONEAuthority(parsing: authority)
        } catch {
            throw .init(.invalidAuthority(error.description))
        }
        self.authority = parsed
        self.forwarded = headers.first(name: "forwarded").map(Forwarded.init(parsing:))
        let baggage = headers["baggage"]
        self.peerMetadata = baggage.isEmpty ? nil : PeerMetadata(Baggage(parsing: baggage))
        self.traceParent = headers.first(name: "traceparent").flatMap { try? TraceParent(parsing: $0) }
    }

    /// The request header block, pseudo headers first (RFC 9113 §8.3).
    package var headers: HPACKHeaders {
        var headers: HPACKHeaders = [":method": "CONNECT", ":authority": self.authority.description]
        if let forwarded = self.forwarded, !forwarded.headerValue.isEmpty {
            headers.add(name: "forwarded", value: forwarded.headerValue)
        }
        if let peerMetadata = self.peerMetadata, !peerMetadata.isEmpty {
            headers.add(name: "baggage", value: peerMetadata.baggage.headerValue)
        }
        if let traceParent = self.traceParent {
            headers.add(name: "traceparent", value: traceParent.description)
        }
        return headers
    }
}

/// A rejected request, carrying the status to answer with (a typed-throws wrapper, since the status enum itself
/// also describes success).
package struct HBONEResponseStatusError: Error, Hashable, Sendable, CustomStringConvertible {
    package var status: HBONEResponseStatus

    package init(_ status: HBONEResponseStatus) {
        self.status = status
    }

    package var description: String { self.status.description }
}

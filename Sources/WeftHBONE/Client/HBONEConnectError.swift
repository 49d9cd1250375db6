/// Why an HBONE CONNECT did not open a tunnel, worded for the operator (style G11).
package struct HBONEConnectError: Error, Hashable, Sendable, CustomStringConvertible {
    package enum Code: Hashable, Sendable {
        /// The server answered with a final status other than 200.
        case unexpectedStatus(Int)
        /// The stream closed (or was reset) before any response arrived.
        case streamClosedBeforeResponse
        /// The response headers were not a valid HTTP/2 response.
        case malformedResponse(String)
    }

    package var code: Code
    /// The `:authority` that was asked for.
    package var authority: HBONEAuthority

    package init(_ code: Code, authority: HBONEAuthority) {
        self.code = code
        self.authority = authority
    }

    /// The status the server answered with, when it answered.
    package var status: Int? {
        if case .unexpectedStatus(let status) = self.code { return status }
        return nil
    }

    package var description: String {
        switch self.code {
        case .unexpectedStatus(let status):
            return "HBONE CONNECT to \(self.authority) was answered \(status) (\(Self.meaning(of: status)))"
        case .streamClosedBeforeResponse:
            return "HBONE CONNECT to \(self.authority) was closed before a response "
                + "(a peer that refuses our certificate under TLS 1.3 shows up this way)"
        case .malformedResponse(let detail):
            return "HBONE CONNECT to \(self.authority) got a malformed response: \(detail)"
        }
    }

    /// What ztunnel-compatible servers mean by each status (ztunnel.md §2.5).
    private static func meaning(of status: Int) -> String {
        switch status {
        case 400: return "bad request: not a CONNECT, a bad authority, or an authority the destination does not own"
        case 401: return "denied by authorization policy at the destination"
        case 503: return "the destination workload or port is unknown, or its application refused the connection"
        default: return "only 200 opens a tunnel"
        }
    }
}

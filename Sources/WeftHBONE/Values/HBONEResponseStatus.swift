import WeftCore

/// What an HBONE server (port 15008) answers a CONNECT stream with, one case per condition of ztunnel's inbound
/// path (ztunnel.md §2.5), each mapped to the exact status ztunnel sends: 200, 400, 401 or 503.
///
/// `reason` is for the access log and the operator; it is never sent to the peer, which only sees the status.
package enum HBONEResponseStatus: Hashable, Sendable, CustomStringConvertible {
    /// The tunnel is open (200).
    case ok
    /// `:method` is not CONNECT (400).
    case methodNotConnect(method: String)
    /// `:authority` is missing or is not `IP:port` (400, ztunnel `NoValidAuthority`).
    case invalidAuthority(String)
    /// The header block is not a classic CONNECT: `:scheme`, `:path`, `:protocol` or a repeated pseudo header (400).
    case malformedRequest(String)
    /// The authority IP is not the IP this connection was addressed to (400, ztunnel `IPMismatch`).
    case destinationMismatch(authority: HBONEAuthority, connectedTo: IPAddress)
    /// No local workload is known for the authority IP yet (503).
    case unknownWorkload(IPAddress)
    /// The target port cannot be served: no port mapping, or one of the agent's own ports (503, self-call guard).
    case portUnavailable(port: UInt16, reason: String)
    /// Authorization policy denied the connection (401).
    case denied(reason: String)
    /// Connecting to the application failed (503).
    case upstreamUnavailable(authority: HBONEAuthority, reason: String)

    /// The HTTP status code sent in `:status`.
    package var code: Int {
        switch self {
        case .ok: return 200
        case .methodNotConnect, .invalidAuthority, .malformedRequest, .destinationMismatch: return 400
        case .denied: return 401
        case .unknownWorkload, .portUnavailable, .upstreamUnavailable: return 503
        }
    }

    /// A one-line explanation for logs.
    package var reason: String {
        switch self {
        case .ok:
            return "tunnel established"
        case .methodNotConnect(let method):
            return "method \(method) is not CONNECT"
        case .invalidAuthority(let detail):
            return detail
        case .malformedRequest(let detail):
            return detail
        case .destinationMismatch(let authority, let connectedTo):
            return "authority \(authority) does not match the address the connection reached (\(connectedTo))"
        case .unknownWorkload(let address):
            return "no local workload has address \(address)"
        case .portUnavailable(let port, let reason):
            return "port \(port) cannot be served: \(reason)"
        case .denied(let reason):
            return "denied by authorization policy: \(reason)"
        case .upstreamUnavailable(let authority, let reason):
            return "connection to the application at \(authority) failed: \(reason)"
        }
    }

    /// `401 denied by authorization policy: …`.
    package var description: String { "\(self.code) \(self.reason)" }
}

/// Why the pool could not give a request a stream, worded so an operator knows where to look (style G11; ztunnel
/// suggests a NetworkPolicy when port 15008 times out, ztunnel.md §2.1).
package struct HBONEPoolError: Error, Hashable, Sendable, CustomStringConvertible {
    package enum Code: Hashable, Sendable {
        /// TCP, TLS and HTTP/2 setup did not finish within the connect timeout.
        case connectTimedOut
        /// The peer refused the TCP connection.
        case connectionRefused
        /// Setup failed for another reason (TLS verification, network unreachable, …).
        case connectFailed(String)
        /// The connection closed before the stream could be opened.
        case connectionClosed(String)
        /// Too many requests were already waiting for a connection to this peer.
        case tooManyPendingStreams(limit: Int)
        /// The pool is shutting down.
        case shutDown
    }

    package var code: Code
    /// The peer's HBONE address (IP:15008).
    package var address: HBONEAuthority

    package init(_ code: Code, address: HBONEAuthority) {
        self.code = code
        self.address = address
    }

    package var description: String {
        let port = self.address.port
        switch self.code {
        case .connectTimedOut:
            return "connection to \(self.address) timed out — is port \(port) reachable between nodes?"
        case .connectionRefused:
            return "connection to \(self.address) was refused — is the mesh agent on that node listening on \(port)?"
        case .connectFailed(let detail):
            return "connection to \(self.address) failed: \(detail)"
        case .connectionClosed(let reason):
            return "connection to \(self.address) closed before the stream opened: \(reason)"
        case .tooManyPendingStreams(let limit):
            return "too many streams (\(limit)) already waiting for a connection to \(self.address)"
        case .shutDown:
            return "the HBONE connection pool is shutting down (stream to \(self.address) not opened)"
        }
    }
}

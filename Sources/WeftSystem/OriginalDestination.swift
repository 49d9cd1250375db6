import CWeftSys
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// Reads where a redirected connection was originally going: `SO_ORIGINAL_DST` (IPv4) or `IP6T_SO_ORIGINAL_DST`
/// (IPv6) on the accepted socket, as ztunnel does (`src/socket.rs`).
package enum OriginalDestination {
    /// Why the original destination could not be read.
    package enum Failure: Error, Hashable, Sendable {
        /// The channel is not a socket channel (an embedded channel in a unit test, for instance).
        case notASocket
    }

    /// The address the client dialled before the REDIRECT rule sent it to the agent. For a connection that was
    /// not NATed this is the socket's own local address; without conntrack it fails with `ENOENT`.
    package static func of(_ channel: any Channel) -> EventLoopFuture<SocketAddress> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeFailedFuture(Failure.notASocket)
        }
        // An IPv6 socket carrying an IPv4 connection (v4-mapped local address) keeps its NAT state in the IPv4
        // table; the kernel answers SOL_IP requests on such sockets.
        if case .v6(let local) = channel.localAddress, !Self.isV4Mapped(local.address.sin6_addr) {
            let future: EventLoopFuture<sockaddr_in6> = provider.unsafeGetSocketOption(
                level: SocketOptionLevel(CWEFTSYS_SOL_IPV6),
                name: SocketOptionName(CWEFTSYS_IP6T_SO_ORIGINAL_DST)
            )
            return future.map { SocketAddress($0, host: "") }
        }
        let future: EventLoopFuture<sockaddr_in> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(CWEFTSYS_SOL_IP),
            name: SocketOptionName(CWEFTSYS_SO_ORIGINAL_DST)
        )
        return future.map { SocketAddress($0, host: "") }
    }

    private static func isV4Mapped(_ address: in6_addr) -> Bool {
        withUnsafeBytes(of: address) { bytes in
            bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xff && bytes[11] == 0xff
        }
    }
}

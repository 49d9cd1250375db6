import CWeftSys
import NIOCore

#if canImport(Glibc)
import Glibc
#endif

/// The socket options every agent socket carries (architecture §3, ztunnel.md §4.6).
package struct AgentSocketOptions: Hashable, Sendable {
    /// `SO_MARK` on every socket, so the capture rules skip the agent's own traffic. nil leaves sockets unmarked
    /// (only for tests that play the application).
    package var mark: UInt32?
    /// `SO_REUSEPORT` on listeners, so a restarted or upgraded agent can bind next to the old one.
    package var reusePort: Bool

    package init(mark: UInt32?, reusePort: Bool = true) {
        self.mark = mark
        self.reusePort = reusePort
    }

    /// Mark 0x539 (Istio's `InpodMark`, ztunnel's `PACKET_MARK`) and `SO_REUSEPORT`.
    package static let agent = AgentSocketOptions(mark: 0x539)

    /// No mark: a socket the capture rules treat like the application's.
    package static let unmarked = AgentSocketOptions(mark: nil, reusePort: false)
}

/// Channel options for the raw socket options NIO has no name for.
package enum AgentChannelOptions {
    /// `SOL_SOCKET/SO_MARK`.
    package static var mark: ChannelOptions.Types.SocketOption {
        .socket(SocketOptionLevel(SOL_SOCKET), SocketOptionName(CWEFTSYS_SO_MARK))
    }

    /// `SOL_SOCKET/SO_REUSEPORT`.
    package static var reusePort: ChannelOptions.Types.SocketOption {
        .socket(SocketOptionLevel(SOL_SOCKET), SocketOptionName(SO_REUSEPORT))
    }

    /// `IP_TRANSPARENT` (IPv4) or `IPV6_TRANSPARENT` (IPv6): bind to a non-local source address.
    package static func transparent(for address: SocketAddress) -> ChannelOptions.Types.SocketOption {
        switch address {
        case .v6:
            return .socket(SocketOptionLevel(CWEFTSYS_SOL_IPV6), SocketOptionName(CWEFTSYS_IPV6_TRANSPARENT))
        default:
            return .socket(SocketOptionLevel(CWEFTSYS_SOL_IP), SocketOptionName(CWEFTSYS_IP_TRANSPARENT))
        }
    }

    /// The mark as the `CInt` that `setsockopt` takes.
    static func value(_ mark: UInt32) -> SocketOptionValue { SocketOptionValue(Int32(bitPattern: mark)) }
}

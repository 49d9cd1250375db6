import WeftCore

extension IPAddress {
    /// The address as it appears in a packet header: 4 or 16 bytes, most significant first.
    package var networkOrderBytes: [UInt8] {
        switch self {
        case .v4(let value):
            return (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) }
        case .v6(let value):
            return (0..<16).map { UInt8(truncatingIfNeeded: value >> (120 - 8 * $0)) }
        }
    }

    /// IPv4 loopback `127.0.0.1`.
    package static let loopbackV4 = IPAddress.v4(0x7f00_0001)
    /// IPv6 loopback `::1`.
    package static let loopbackV6 = IPAddress.v6(1)
}

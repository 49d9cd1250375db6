import WeftCore

/// One condition of a rule, at the level `nft` syntax speaks (`tcp dport != 15008`), with its lowering to the
/// expressions the kernel runs.
///
/// Lowering adds the same implicit dependencies `nft` adds in an `inet` table: an address match first checks
/// the family (`meta nfproto`), a port match first checks the protocol (`meta l4proto`). So the kernel's
/// listing of a rule equals `nft`'s listing of the same rule text, and `nft list` prints it back unchanged.
package enum NftMatch: Hashable, Sendable, CustomStringConvertible {
    /// `meta l4proto tcp|udp`
    case transportProtocol(TransportProtocol)
    /// `ip daddr [!=] A` or `ip6 daddr [!=] A` (a single address; the family follows from it).
    case destinationAddress(IPAddress, equal: Bool)
    /// `tcp dport [!=] P` / `udp dport [!=] P`
    case destinationPort(TransportProtocol, UInt16, equal: Bool)
    /// `tcp sport [!=] P` / `udp sport [!=] P`
    case sourcePort(TransportProtocol, UInt16, equal: Bool)
    /// `oifname [!=] "NAME"`
    case outputInterface(String, equal: Bool)
    /// `meta mark & MASK [!=] VALUE`
    case packetMark(mask: UInt32, value: UInt32, equal: Bool)
    /// `ct mark & MASK [!=] VALUE`
    case connectionMark(mask: UInt32, value: UInt32, equal: Bool)
    /// `socket cgroupv2 level N ID`
    case socketCgroup(CgroupIdentity)
    /// `fib daddr type local`: the packet is addressed to this host (not forwarded through it).
    case destinationIsLocal

    /// The expressions this match lowers to, dependencies first.
    package var expressions: [NftExpression] {
        let register = NftRegister.one
        switch self {
        case .transportProtocol(let proto):
            return Self.l4protoCheck(proto)
        case .destinationAddress(let address, let equal):
            let family: UInt8 = address.isIPv4 ? NetfilterFamily.ipv4 : NetfilterFamily.ipv6
            return [
                .meta(.nfproto, register: register),
                .compare(.equal, register: register, data: [family]),
                .payload(
                    .network,
                    offset: address.isIPv4 ? 16 : 24,
                    length: UInt32(address.networkOrderBytes.count),
                    register: register
                ),
                .compare(Self.op(equal), register: register, data: address.networkOrderBytes),
            ]
        case .destinationPort(let proto, let port, let equal):
            return Self.l4protoCheck(proto) + [
                .payload(.transport, offset: 2, length: 2, register: register),
                .compare(Self.op(equal), register: register, data: Self.bigEndian(port)),
            ]
        case .sourcePort(let proto, let port, let equal):
            return Self.l4protoCheck(proto) + [
                .payload(.transport, offset: 0, length: 2, register: register),
                .compare(Self.op(equal), register: register, data: Self.bigEndian(port)),
            ]
        case .outputInterface(let name, let equal):
            return [
                .meta(.oifname, register: register),
                .compare(Self.op(equal), register: register, data: Self.interfaceName(name)),
            ]
        case .packetMark(let mask, let value, let equal):
            return [
                .meta(.mark, register: register),
                .bitwise(
                    source: register,
                    destination: register,
                    mask: Self.hostOrder(mask),
                    xor: Self.hostOrder(UInt32(0))
                ),
                .compare(Self.op(equal), register: register, data: Self.hostOrder(value)),
            ]
        case .connectionMark(let mask, let value, let equal):
            return [
                .conntrack(.mark, register: register),
                .bitwise(
                    source: register,
                    destination: register,
                    mask: Self.hostOrder(mask),
                    xor: Self.hostOrder(UInt32(0))
                ),
                .compare(Self.op(equal), register: register, data: Self.hostOrder(value)),
            ]
        case .socketCgroup(let cgroup):
            return [
                .socket(.cgroupv2, level: cgroup.level, register: register),
                .compare(.equal, register: register, data: Self.hostOrder(cgroup.id)),
            ]
        case .destinationIsLocal:
            // RTN_LOCAL == 2, compared as a host-order u32 (the fib result register holds the route type).
            return [
                .fibDestinationType(register: register),
                .compare(.equal, register: register, data: Self.hostOrder(UInt32(2))),
            ]
        }
    }

    /// `nft` syntax for the match, as `nft list ruleset` prints it.
    package var description: String {
        switch self {
        case .transportProtocol(let proto):
            return "meta l4proto \(proto.rawValue)"
        case .destinationAddress(let address, let equal):
            return "\(address.isIPv4 ? "ip" : "ip6") daddr \(Self.opText(equal))\(address)"
        case .destinationPort(let proto, let port, let equal):
            return "\(proto.rawValue) dport \(Self.opText(equal))\(port)"
        case .sourcePort(let proto, let port, let equal):
            return "\(proto.rawValue) sport \(Self.opText(equal))\(port)"
        case .outputInterface(let name, let equal):
            return "oifname \(Self.opText(equal))\"\(name)\""
        case .packetMark(let mask, let value, let equal):
            return "meta mark & \(Self.hexText(mask)) \(equal ? "==" : "!=") \(Self.hexText(value))"
        case .connectionMark(let mask, let value, let equal):
            return "ct mark & \(Self.hexText(mask)) \(equal ? "==" : "!=") \(Self.hexText(value))"
        case .socketCgroup(let cgroup):
            return "socket cgroupv2 level \(cgroup.level) \(cgroup.id)"
        case .destinationIsLocal:
            return "fib daddr type local"
        }
    }

    private static func l4protoCheck(_ proto: TransportProtocol) -> [NftExpression] {
        [
            .meta(.l4proto, register: NftRegister.one),
            .compare(.equal, register: NftRegister.one, data: [proto.ipProtocolNumber]),
        ]
    }

    private static func op(_ equal: Bool) -> NftCompareOperator { equal ? .equal : .notEqual }
    private static func opText(_ equal: Bool) -> String { equal ? "" : "!= " }

    static func hexText(_ value: UInt32) -> String { "0x" + String(value, radix: 16) }

    static func bigEndian(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xff)] }

    /// Host byte order; every Linux target Weft builds for is little-endian, checked once here.
    static func hostOrder<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        withUnsafeBytes(of: value) { Array($0) }
    }

    /// `IFNAMSIZ` (16) bytes, NUL-padded, as nft compares interface names.
    static func interfaceName(_ name: String) -> [UInt8] {
        let bytes = Array(name.utf8.prefix(15))
        return bytes + [UInt8](repeating: 0, count: 16 - bytes.count)
    }
}

/// Transport protocols the rules name.
package enum TransportProtocol: String, Hashable, Sendable, CaseIterable {
    case tcp
    case udp

    /// The IP protocol number (`IPPROTO_TCP` 6, `IPPROTO_UDP` 17).
    package var ipProtocolNumber: UInt8 {
        switch self {
        case .tcp: return 6
        case .udp: return 17
        }
    }
}

/// `NFPROTO_*` values as they appear in `meta nfproto` comparisons.
package enum NetfilterFamily {
    package static let ipv4: UInt8 = 2
    package static let ipv6: UInt8 = 10
}

import WeftCore
import WeftNetfilter
import WeftTestSupport

/// The plan as `nft -j` reports it, in ``NftJSON/render(_:)`` form: an oracle written independently of the
/// plan's own nft-syntax description (numbers in decimal, as JSON has them).
enum NftCanonical {
    static func table(_ table: NftTable) -> NftJSON.Table {
        var chains: [String: String] = [:]
        var rules: [String: [String]] = [:]
        for chain in table.chains {
            chains[chain.name] =
                "type \(chain.kind.rawValue) hook \(chain.hook.rawValue) priority \(chain.priority) policy accept"
            if !chain.rules.isEmpty { rules[chain.name] = chain.rules.map(Self.rule) }
        }
        return NftJSON.Table(family: "inet", name: table.name, chains: chains, rules: rules)
    }

    static func rule(_ rule: NftRule) -> String {
        (rule.matches.map(Self.match) + ["counter", Self.action(rule.action)]).joined(separator: " ")
    }

    private static func not(_ equal: Bool) -> String { equal ? "" : "!= " }

    static func match(_ match: NftMatch) -> String {
        switch match {
        case .transportProtocol(let proto):
            return "meta l4proto \(proto.rawValue)"
        case .destinationAddress(let address, let equal):
            return "\(address.isIPv4 ? "ip" : "ip6") daddr \(Self.not(equal))\(address)"
        case .destinationPort(let proto, let port, let equal):
            return "\(proto.rawValue) dport \(Self.not(equal))\(port)"
        case .sourcePort(let proto, let port, let equal):
            return "\(proto.rawValue) sport \(Self.not(equal))\(port)"
        case .outputInterface(let name, let equal):
            return "meta oifname \(Self.not(equal))\(name)"
        case .packetMark(let mask, let value, let equal):
            return "meta mark & \(mask) \(Self.not(equal))\(value)"
        case .connectionMark(let mask, let value, let equal):
            return "ct mark & \(mask) \(Self.not(equal))\(value)"
        case .socketCgroup(let cgroup):
            return "socket cgroupv2 \(cgroup.id)"
        case .destinationIsLocal:
            return "fib { daddr } type local"
        }
    }

    static func action(_ action: NftAction) -> String {
        switch action {
        case .accept:
            return "accept"
        case .redirect(let port):
            return "redirect to :\(port)"
        case .setConnectionMark(let keep, let set):
            // nft shows the bitwise mask with the set bits included: (mark & (keep | set)) | set.
            return "ct mark set ct mark & \(keep | set) | \(set)"
        case .restorePacketMark:
            return "meta mark set ct mark"
        case .setConntrackZone(let zone):
            return "ct zone set \(zone)"
        }
    }

    /// The Weft tables in `nft -j list ruleset` output.
    static func weftTables(_ json: String) -> [NftJSON.Table] {
        NftJSON.tables(in: json).filter { $0.name.hasPrefix("weft-") }
    }
}

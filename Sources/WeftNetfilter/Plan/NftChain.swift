/// A base chain: attached to a netfilter hook at a priority, with the rules evaluated in order.
package struct NftChain: Hashable, Sendable, CustomStringConvertible {
    package var name: String
    package var kind: Kind
    package var hook: Hook
    package var priority: Int32
    package var rules: [NftRule]

    /// The nftables chain type.
    package enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Sees only the first packet of each connection; may NAT it.
        case nat
        /// Sees every packet.
        case filter
        /// Like filter, but re-routes a locally generated packet whose mark changed (output hook only).
        case route
    }

    /// The netfilter hooks Weft attaches to.
    package enum Hook: String, Hashable, Sendable, CaseIterable {
        case prerouting
        case output

        /// `NF_INET_PRE_ROUTING` (0) and `NF_INET_LOCAL_OUT` (3).
        package var number: UInt32 {
            switch self {
            case .prerouting: return 0
            case .output: return 3
            }
        }
    }

    package init(name: String, kind: Kind, hook: Hook, priority: Int32, rules: [NftRule]) {
        self.name = name
        self.kind = kind
        self.hook = hook
        self.priority = priority
        self.rules = rules
    }

    package var description: String {
        var lines = [
            "chain \(self.name) {",
            "type \(self.kind.rawValue) hook \(self.hook.rawValue) priority \(self.priority); policy accept;",
        ]
        lines += self.rules.map { "\($0)" }
        return lines.joined(separator: "\n\t") + "\n}"
    }
}

/// An `inet` table (one rule set for IPv4 and IPv6) owned by Weft.
package struct NftTable: Hashable, Sendable, CustomStringConvertible {
    package var name: String
    package var chains: [NftChain]

    package init(name: String, chains: [NftChain]) {
        self.name = name
        self.chains = chains
    }

    package var description: String {
        let body = self.chains.map { "\t" + $0.description.split(separator: "\n").joined(separator: "\n\t") }
        return (["table inet \(self.name) {"] + body + ["}"]).joined(separator: "\n")
    }
}

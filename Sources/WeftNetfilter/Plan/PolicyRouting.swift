/// The policy routing that returns replies to the agent's transparent sockets (ztunnel.md §4.5):
/// `ip rule add fwmark MARK/MASK pref PRIORITY lookup TABLE` and `ip route add local default dev lo table TABLE`,
/// once per address family.
///
/// The agent connects to the app with the client's address as source (IP_TRANSPARENT). The app's replies go to
/// that non-local address; the mangle rules restore mark 0x111 on them, this rule sends marked packets to a table
/// whose only route says "everything is local", and so they reach the agent's socket instead of leaving the
/// namespace.
package struct PolicyRouting: Hashable, Sendable, CustomStringConvertible {
    package var mark: UInt32
    package var mask: UInt32
    package var table: UInt32
    package var priority: UInt32
    package var families: [IPFamily]

    package init(mark: UInt32, mask: UInt32, table: UInt32, priority: UInt32, families: [IPFamily]) {
        self.mark = mark
        self.mask = mask
        self.table = table
        self.priority = priority
        self.families = families
    }

    package var description: String {
        self.families.map { family in
            let flag = family == .ipv6 ? "-6 " : ""
            let mark = "fwmark \(NftMatch.hexText(self.mark))/\(NftMatch.hexText(self.mask))"
            return "ip \(flag)rule \(mark) pref \(self.priority) lookup \(self.table); "
                + "ip \(flag)route local \(family == .ipv6 ? "::/0" : "0.0.0.0/0") dev lo table \(self.table)"
        }.joined(separator: "\n")
    }
}

/// An IP address family.
package enum IPFamily: String, Hashable, Sendable, CaseIterable {
    case ipv4
    case ipv6
}

/// The rule set for one enrollment: which `inet` tables Weft owns, what each contains, and the policy routing.
///
/// Pure (no I/O): built from an ``InterceptionEnrollment`` and ``InterceptionConstants``, compared with what the
/// kernel reports to find drift, and `Hashable` so the agent can tell whether anything changed. The rules follow
/// istio-cni's in-pod nftables set (ztunnel.md §4.3) with the IPv6 twin of every address rule.
package struct InterceptionPlan: Hashable, Sendable, CustomStringConvertible {
    /// The tables to install, in order. Each replaces any table of the same name.
    package var tables: [NftTable]
    /// Every table name this enrollment owns, including those this configuration leaves out (for example
    /// `weft-raw` when DNS capture is off): applying deletes the left-out ones, removing deletes them all.
    package var ownedTableNames: [String]
    /// Policy routing to install (namespace mode only; host mode changes nothing outside its own table).
    package var routing: PolicyRouting?

    package init(tables: [NftTable], ownedTableNames: [String], routing: PolicyRouting?) {
        self.tables = tables
        self.ownedTableNames = ownedTableNames
        self.routing = routing
    }

    /// The plan for an enrollment.
    package init(_ enrollment: InterceptionEnrollment, constants: InterceptionConstants = .istio) {
        switch enrollment {
        case .namespace(let capture):
            self = Self.namespacePlan(capture, constants: constants)
        case .host(let capture):
            self = Self.hostPlan(capture, constants: constants)
        }
    }

    /// Owned tables this plan does not install; applying the plan deletes them if they exist.
    package var retiredTableNames: [String] {
        let installed = Set(self.tables.map(\.name))
        return self.ownedTableNames.filter { !installed.contains($0) }
    }

    /// The plan as `nft list ruleset` would print it, then the routing commands.
    package var description: String {
        let routing = self.routing.map { "\n" + $0.description } ?? ""
        return self.tables.map(\.description).joined(separator: "\n") + routing
    }
}

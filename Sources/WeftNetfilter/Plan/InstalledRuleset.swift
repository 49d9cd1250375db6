/// What the kernel holds for the tables and routing a plan owns, in the form a plan lowers to, so the two can be
/// compared value for value. Built by the read-back from netlink dumps, or from a plan (``InterceptionPlan/expected``).
package struct InstalledRuleset: Hashable, Sendable {
    /// Owned tables that exist, in the order the kernel lists them.
    package var tables: [InstalledTable]
    /// Families for which `ip rule fwmark MARK/MASK pref P lookup T` exists.
    package var policyRules: Set<IPFamily>
    /// Families for which `local default dev lo table T` exists.
    package var localRoutes: Set<IPFamily>

    package init(tables: [InstalledTable], policyRules: Set<IPFamily> = [], localRoutes: Set<IPFamily> = []) {
        self.tables = tables
        self.policyRules = policyRules
        self.localRoutes = localRoutes
    }

    package func table(named name: String) -> InstalledTable? { self.tables.first { $0.name == name } }
}

/// One `inet` table as installed.
package struct InstalledTable: Hashable, Sendable {
    package var name: String
    package var chains: [InstalledChain]

    package init(name: String, chains: [InstalledChain]) {
        self.name = name
        self.chains = chains
    }
}

/// One chain as installed: its hook definition (nil for a regular chain) and its rules' expressions.
package struct InstalledChain: Hashable, Sendable {
    package var name: String
    package var definition: Definition?
    package var rules: [[NftExpression]]

    /// Type, hook, priority and policy of a base chain.
    package struct Definition: Hashable, Sendable, CustomStringConvertible {
        package var kind: String
        package var hook: UInt32
        package var priority: Int32
        /// `NF_ACCEPT` (1) or `NF_DROP` (0).
        package var policy: UInt32

        package init(kind: String, hook: UInt32, priority: Int32, policy: UInt32) {
            self.kind = kind
            self.hook = hook
            self.priority = priority
            self.policy = policy
        }

        package var description: String {
            let hookName = NftChain.Hook.allCases.first { $0.number == self.hook }?.rawValue ?? "\(self.hook)"
            let policyName = self.policy == 1 ? "accept" : self.policy == 0 ? "drop" : "\(self.policy)"
            return "type \(self.kind) hook \(hookName) priority \(self.priority); policy \(policyName)"
        }
    }

    package init(name: String, definition: Definition?, rules: [[NftExpression]]) {
        self.name = name
        self.definition = definition
        self.rules = rules
    }
}

extension InterceptionPlan {
    /// What the kernel should report once this plan is applied.
    package var expected: InstalledRuleset {
        let tables = self.tables.map { table in
            InstalledTable(
                name: table.name,
                chains: table.chains.map { chain in
                    InstalledChain(
                        name: chain.name,
                        definition: .init(
                            kind: chain.kind.rawValue,
                            hook: chain.hook.number,
                            priority: chain.priority,
                            policy: 1
                        ),
                        rules: chain.rules.map(\.expressions)
                    )
                }
            )
        }
        let families = Set(self.routing?.families ?? [])
        return InstalledRuleset(tables: tables, policyRules: families, localRoutes: families)
    }
}

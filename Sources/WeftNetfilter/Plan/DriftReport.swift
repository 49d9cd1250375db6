/// The differences between a plan and what the kernel holds for it; empty when the rules are exactly the plan's.
///
/// Only what the plan owns is compared: its tables (including retired ones, which must be absent) and, in
/// namespace mode, its policy routing. Anything else in the namespace belongs to someone else and is ignored.
package struct DriftReport: Hashable, Sendable, CustomStringConvertible {
    /// One difference.
    package enum Drift: Hashable, Sendable, CustomStringConvertible {
        case missingTable(String)
        /// An owned table the plan leaves out (or an extra one) is present.
        case unexpectedTable(String)
        case missingChain(table: String, chain: String)
        case unexpectedChain(table: String, chain: String)
        case chainDefinition(table: String, chain: String, expected: String, actual: String)
        /// Rule `index` differs; nil on one side means the rule is missing there.
        case rule(table: String, chain: String, index: Int, expected: [NftExpression]?, actual: [NftExpression]?)
        case policyRule(IPFamily, present: Bool)
        case localRoute(IPFamily, present: Bool)

        package var description: String {
            switch self {
            case .missingTable(let table):
                return "table inet \(table) is missing"
            case .unexpectedTable(let table):
                return "table inet \(table) should not exist"
            case .missingChain(let table, let chain):
                return "chain \(chain) is missing from table inet \(table)"
            case .unexpectedChain(let table, let chain):
                return "chain \(chain) in table inet \(table) should not exist"
            case .chainDefinition(let table, let chain, let expected, let actual):
                return "chain \(chain) in table inet \(table) is \"\(actual)\", expected \"\(expected)\""
            case .rule(let table, let chain, let index, let expected, let actual):
                let where_ = "rule \(index) of chain \(chain) in table inet \(table)"
                let text = { (rule: [NftExpression]) in rule.map(\.description).joined(separator: " ") }
                switch (expected, actual) {
                case (let expected?, let actual?):
                    return "\(where_) is \(text(actual)), expected \(text(expected))"
                case (let expected?, nil):
                    return "\(where_) is missing: \(text(expected))"
                case (nil, let actual?):
                    return "\(where_) should not exist: \(text(actual))"
                case (nil, nil):
                    return "\(where_) differs"
                }
            case .policyRule(let family, let present):
                return
                    "\(family.rawValue) policy rule (fwmark lookup) is \(present ? "present but not planned" : "missing")"
            case .localRoute(let family, let present):
                return "\(family.rawValue) local default route is \(present ? "present but not planned" : "missing")"
            }
        }
    }

    package var drifts: [Drift]

    package var isClean: Bool { self.drifts.isEmpty }

    package init(drifts: [Drift]) {
        self.drifts = drifts
    }

    /// Compares what the plan expects with what is installed.
    package init(plan: InterceptionPlan, installed: InstalledRuleset) {
        let expected = plan.expected
        var drifts: [Drift] = []
        for table in expected.tables {
            guard let actual = installed.table(named: table.name) else {
                drifts.append(.missingTable(table.name))
                continue
            }
            drifts += Self.compare(table, actual)
        }
        let planned = Set(expected.tables.map(\.name))
        for table in installed.tables where !planned.contains(table.name) {
            drifts.append(.unexpectedTable(table.name))
        }
        if plan.routing != nil {
            for family in IPFamily.allCases {
                let want = expected.policyRules.contains(family)
                let have = installed.policyRules.contains(family)
                if want != have { drifts.append(.policyRule(family, present: have)) }
                let wantRoute = expected.localRoutes.contains(family)
                let haveRoute = installed.localRoutes.contains(family)
                if wantRoute != haveRoute { drifts.append(.localRoute(family, present: haveRoute)) }
            }
        }
        self.drifts = drifts
    }

    private static func compare(_ expected: InstalledTable, _ actual: InstalledTable) -> [Drift] {
        var drifts: [Drift] = []
        for chain in expected.chains {
            guard let found = actual.chains.first(where: { $0.name == chain.name }) else {
                drifts.append(.missingChain(table: expected.name, chain: chain.name))
                continue
            }
            if chain.definition != found.definition {
                drifts.append(
                    .chainDefinition(
                        table: expected.name,
                        chain: chain.name,
                        expected: chain.definition.map(\.description) ?? "regular chain",
                        actual: found.definition.map(\.description) ?? "regular chain"
                    )
                )
            }
            for index in 0..<max(chain.rules.count, found.rules.count) {
                let want = index < chain.rules.count ? chain.rules[index] : nil
                let have = index < found.rules.count ? found.rules[index] : nil
                if want != have {
                    drifts.append(
                        .rule(table: expected.name, chain: chain.name, index: index, expected: want, actual: have)
                    )
                }
            }
        }
        let names = Set(expected.chains.map(\.name))
        for chain in actual.chains where !names.contains(chain.name) {
            drifts.append(.unexpectedChain(table: expected.name, chain: chain.name))
        }
        return drifts
    }

    package var description: String {
        self.isClean ? "no drift" : self.drifts.map(\.description).joined(separator: "\n")
    }
}

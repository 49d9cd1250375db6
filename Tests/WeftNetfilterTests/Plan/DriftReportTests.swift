import Testing
import WeftNetfilter

@Suite("Drift report")
struct DriftReportTests {
    let plan = InterceptionPlan(.namespace(NamespaceCapture()))

    @Test("the expected state of a plan has no drift")
    func clean() {
        let report = DriftReport(plan: self.plan, installed: self.plan.expected)
        #expect(report.isClean)
        #expect(report.description == "no drift")
    }

    @Test("a missing table, a retired table that is present, and missing routing are all reported")
    func tablesAndRouting() {
        let dnsOff = InterceptionPlan(.namespace(NamespaceCapture(dnsCapture: false)))
        var installed = dnsOff.expected
        installed.tables.removeAll { $0.name == "weft-mangle" }
        installed.tables.append(InstalledTable(name: "weft-raw", chains: []))
        installed.policyRules = [.ipv4]
        installed.localRoutes = []
        let report = DriftReport(plan: dnsOff, installed: installed)
        #expect(
            report.drifts.map(\.description) == [
                "table inet weft-mangle is missing",
                "table inet weft-raw should not exist",
                "ipv4 local default route is missing",
                "ipv6 policy rule (fwmark lookup) is missing",
                "ipv6 local default route is missing",
            ]
        )
    }

    @Test("a changed, an extra and a missing rule are reported by position")
    func rules() {
        var installed = self.plan.expected
        var output = installed.tables[0].chains[1]
        output.rules[0] = NftRule([.transportProtocol(.udp)], .accept).expressions
        output.rules.append([.counter])
        installed.tables[0].chains[1] = output
        installed.tables[1].chains[0].rules = []
        let report = DriftReport(plan: self.plan, installed: installed)
        #expect(
            report.drifts.map(\.description) == [
                "rule 0 of chain output in table inet weft-nat is [ meta load l4proto => reg 1 ] "
                    + "[ cmp eq reg 1 0x00000011 ] [ counter ] [ immediate reg 0 accept ], expected "
                    + self.plan.tables[0].chains[1].rules[0].expressions.map(\.description).joined(separator: " "),
                "rule 8 of chain output in table inet weft-nat should not exist: [ counter ]",
                "rule 0 of chain prerouting in table inet weft-mangle is missing: "
                    + self.plan.tables[1].chains[0].rules[0].expressions.map(\.description).joined(separator: " "),
            ]
        )
    }

    @Test("a chain with another hook or priority, or an extra chain, is reported")
    func chains() {
        var installed = self.plan.expected
        installed.tables[1].chains[1].definition?.priority = -149
        installed.tables[1].chains.append(InstalledChain(name: "sneaky", definition: nil, rules: []))
        let report = DriftReport(plan: self.plan, installed: installed)
        #expect(
            report.drifts.map(\.description) == [
                "chain output in table inet weft-mangle is \"type route hook output priority -149; policy accept\", "
                    + "expected \"type route hook output priority -150; policy accept\"",
                "chain sneaky in table inet weft-mangle should not exist",
            ]
        )
    }

    @Test("host mode never reports routing, which it does not own")
    func hostIgnoresRouting() throws {
        let host = InterceptionPlan(
            .host(try HostCapture(name: "a", cgroup: CgroupIdentity(level: 1, id: 9), inboundPorts: [80]))
        )
        var installed = host.expected
        installed.policyRules = [.ipv4, .ipv6]
        #expect(DriftReport(plan: host, installed: installed).isClean)
        #expect(
            DriftReport(plan: host, installed: InstalledRuleset(tables: [])).drifts == [.missingTable("weft-host-a")]
        )
    }
}

import Foundation
import Testing
import WeftNetfilter
import WeftTestSupport

/// Namespace-mode rules in a real kernel: read-back, idempotence, atomicity, drift and removal.
@Suite(
    "Namespace rules in the kernel",
    .serialized,
    .enabled(if: TestEnvironment.isRoot, "\(TestEnvironment.rootRequired)")
)
struct NamespaceRulesKernelTests {
    static let captures: [NamespaceCapture] = [
        NamespaceCapture(),
        NamespaceCapture(dnsCapture: false),
        NamespaceCapture(inboundCapture: false),
        NamespaceCapture(ipv6: false),
    ]

    @Test("the installed rules read back over netlink equal the plan", arguments: Self.captures)
    func readBackEqualsPlan(capture: NamespaceCapture) async throws {
        try await withNetnsPair { pair in
            let plan = InterceptionPlan(.namespace(capture))
            let interceptor = Interceptor(namespace: pair.workload.handle)
            try interceptor.apply(plan)
            let installed = try interceptor.installed(plan)
            #expect(installed == plan.expected)
            #expect(try interceptor.verify(plan).isClean)
        }
    }

    @Test("nft -j list ruleset shows exactly the planned tables, chains and rules", arguments: Self.captures)
    func nftJSONEqualsPlan(capture: NamespaceCapture) async throws {
        try await withNetnsPair { pair in
            let plan = InterceptionPlan(.namespace(capture))
            try Interceptor(namespace: pair.workload.handle).apply(plan)
            let reported = NftCanonical.weftTables(try pair.workload.nftJSON())
            #expect(reported == plan.tables.map(NftCanonical.table))
            // The policy routing as `ip` reports it.
            let rules = try pair.workload.ip("-4", "rule", "show")
            #expect(rules.contains("32764:\tfrom all fwmark 0x111/0xfff lookup 100"))
            let routes = try pair.workload.ip("-4", "route", "show", "table", "100")
            #expect(routes.trimmingCharacters(in: .whitespacesAndNewlines) == "local default dev lo scope host")
            let routes6 = try Command.status(["ip", "-n", pair.workload.name, "-6", "route", "show", "table", "100"])
            #expect(routes6.output.contains("local default dev lo") == capture.ipv6)
        }
    }

    @Test("nft and Weft install identical kernel expressions for the plan's own nft text")
    func sameExpressionsAsNft() async throws {
        try await withNetnsPair { pair in
            let plan = InterceptionPlan(.namespace(NamespaceCapture()))
            try Interceptor(namespace: pair.workload.handle).apply(plan)
            // The peer namespace gets the same tables from nft itself, parsed from the plan's description.
            let script = plan.tables.map(\.description).joined(separator: "\n") + "\n"
            try pair.peer.exec(["nft", "-f", "-"], input: script)
            let byWeft = try Interceptor(namespace: pair.workload.handle).installed(plan).tables
            let byNft = try Interceptor(namespace: pair.peer.handle).installed(plan).tables
            #expect(byWeft == byNft)
            #expect(byWeft.count == 3)
        }
    }

    @Test("re-applying replaces the tables and never duplicates a rule; a changed plan retires what it drops")
    func idempotentApply() async throws {
        try await withNetnsPair { pair in
            let plan = InterceptionPlan(.namespace(NamespaceCapture()))
            let interceptor = Interceptor(namespace: pair.workload.handle)
            for _ in 0..<3 { try interceptor.apply(plan) }
            #expect(try interceptor.verify(plan).isClean)
            let reported = NftCanonical.weftTables(try pair.workload.nftJSON())
            #expect(reported.map { $0.rules.values.map(\.count).reduce(0, +) } == [10, 2, 2])
            let ruleLines = try pair.workload.ip("-4", "rule", "show").split(separator: "\n")
            #expect(ruleLines.filter { $0.contains("fwmark 0x111") }.count == 1)

            let withoutDNS = InterceptionPlan(.namespace(NamespaceCapture(dnsCapture: false)))
            try interceptor.apply(withoutDNS)
            #expect(try interceptor.verify(withoutDNS).isClean)
            #expect(NftCanonical.weftTables(try pair.workload.nftJSON()).map(\.name) == ["weft-nat", "weft-mangle"])
        }
    }

    @Test("a batch with one invalid element is refused whole and the previous rules stay untouched")
    func atomicBatch() async throws {
        try await withNetnsPair { pair in
            let previous = InterceptionPlan(.namespace(NamespaceCapture()))
            let interceptor = Interceptor(namespace: pair.workload.handle)
            try interceptor.apply(previous)
            let before = try pair.workload.networkState()

            // The new plan would drop DNS capture; its last message names a chain that does not exist.
            var batch = NftBatch(firstSequence: 1)
            let next = InterceptionPlan(.namespace(NamespaceCapture(dnsCapture: false)))
            for table in next.tables { batch.replaceTable(table) }
            for name in next.retiredTableNames { batch.removeTable(name) }
            batch.addRule([.counter], table: "weft-nat", chain: "no-such-chain", summary: "counter")
            batch.finish()
            do throws(InterceptionError) {
                try interceptor.commit(batch)
                Issue.record("the kernel accepted a batch with a rule for a missing chain")
            } catch {
                #expect(error.step == .applyRules)
                guard case .kernel(let code, let message, _) = error.cause else {
                    Issue.record("expected a kernel error, got \(error.cause)")
                    return
                }
                #expect(code == ENOENT)
                #expect(message == "add rule inet weft-nat no-such-chain counter")
            }
            #expect(try pair.workload.networkState() == before)
            #expect(try interceptor.verify(previous).isClean)
        }
    }

    @Test("removal deletes exactly what Weft added: the namespace is as it was, others' rules included")
    func removal() async throws {
        try await withNetnsPair { pair in
            // Someone else's firewall and routing, which Weft must leave alone.
            try pair.workload.exec(
                ["nft", "-f", "-"],
                input: "table inet other {\n chain output {\n type filter hook output priority 0;\n counter\n }\n}\n"
            )
            try pair.workload.ip("rule", "add", "fwmark", "0x7", "lookup", "7", "pref", "1000")
            let before = try pair.workload.networkState()
            let plan = InterceptionPlan(.namespace(NamespaceCapture()))
            let interceptor = Interceptor(namespace: pair.workload.handle)
            try interceptor.apply(plan)
            #expect(try pair.workload.networkState() != before)
            try interceptor.remove(plan)
            let after = try pair.workload.networkState()
            #expect(after == before, "before:\n\(before)\nafter:\n\(after)")
            // Removing again is harmless.
            try interceptor.remove(plan)
            #expect(try pair.workload.networkState() == before)
            #expect(try interceptor.verify(plan).drifts.count == 7)
        }
    }

    @Test("edits made behind Weft's back are reported as drift and repaired by re-applying")
    func driftAndRepair() async throws {
        try await withNetnsPair { pair in
            let plan = InterceptionPlan(.namespace(NamespaceCapture(ipv6: false)))
            let interceptor = Interceptor(namespace: pair.workload.handle)
            try interceptor.apply(plan)
            try pair.workload.exec(["nft", "add", "rule", "inet", "weft-nat", "output", "counter", "accept"])
            try pair.workload.exec(["nft", "delete", "table", "inet", "weft-mangle"])
            try pair.workload.ip("rule", "del", "fwmark", "0x111/0xfff", "lookup", "100")
            let report = try interceptor.verify(plan)
            #expect(
                report.drifts.map(\.description) == [
                    "rule 5 of chain output in table inet weft-nat should not exist: [ counter ] [ immediate reg 0 accept ]",
                    "table inet weft-mangle is missing",
                    "ipv4 policy rule (fwmark lookup) is missing",
                ]
            )
            try interceptor.apply(plan)
            #expect(try interceptor.verify(plan).isClean)
        }
    }
}

extension NamespaceRulesKernelTests {
    @Test("reconcile applies only when the kernel differs from the plan, and reports what it repaired")
    func reconcile() async throws {
        try await withNetnsPair { pair in
            let plan = InterceptionPlan(.namespace(NamespaceCapture(ipv6: false)))
            let interceptor = Interceptor(namespace: pair.workload.handle)
            let first = try interceptor.reconcile(plan)
            #expect(first.drifts.count == 5)  // 3 tables, the rule and the route were missing
            #expect(try interceptor.verify(plan).isClean)
            // Nothing to do: the table handles stay the same (no transaction replaced them).
            let handles = try pair.workload.exec(["nft", "-a", "list", "tables"])
            #expect(try interceptor.reconcile(plan).isClean)
            #expect(try pair.workload.exec(["nft", "-a", "list", "tables"]) == handles)
            try pair.workload.exec(["nft", "flush", "chain", "inet", "weft-nat", "output"])
            #expect(try interceptor.reconcile(plan).drifts.count == 5)  // the five rules of that chain
            #expect(try interceptor.verify(plan).isClean)
        }
    }
}

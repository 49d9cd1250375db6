import Foundation
import NIOCore
import NIOPosix
import Testing
import WeftNetfilter
import WeftSystem
import WeftTestSupport

/// Time to enroll namespaces (rules + listeners) and to re-apply an unchanged plan. Run by
/// `Scripts/bench/interception.sh` (WEFT_BENCH=1); skipped in the normal test run.
@Suite(
    "Interception benchmark",
    .serialized,
    .enabled(
        if: ProcessInfo.processInfo.environment["WEFT_BENCH"] == "1",
        "set WEFT_BENCH=1 (Scripts/bench/interception.sh)"
    ),
    .enabled(if: TestEnvironment.isRoot, "\(TestEnvironment.rootRequired)")
)
struct InterceptionBenchmark {
    /// The listeners one enrolled namespace gets: outbound, inbound, HBONE, DNS over UDP and TCP.
    static let listeners: [(address: String, port: Int, udp: Bool)] = [
        ("::", 15001, false), ("::", 15006, false), ("::", 15008, false), ("127.0.0.1", 15053, true),
        ("127.0.0.1", 15053, false),
    ]

    /// Applies the plan and opens the listeners; returns the channels.
    static func enroll(
        _ namespace: NetworkNamespace,
        plan: InterceptionPlan,
        loop: any EventLoop
    ) async throws -> [any Channel] {
        try Interceptor(namespace: namespace).apply(plan)
        let factory = NetnsSocketFactory(namespace: namespace)
        let futures = try Self.listeners.map { listener in
            let address = try SocketAddress(ipAddress: listener.address, port: listener.port)
            return listener.udp
                ? factory.bindDatagram(on: loop, at: address) { $0.eventLoop.makeSucceededVoidFuture() }
                : factory.listen(on: loop, at: address) { $0.eventLoop.makeSucceededVoidFuture() }
        }
        var channels: [any Channel] = []
        for future in futures { channels.append(try await future.get()) }
        return channels
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    static func summary(_ samples: [Duration]) -> String {
        let sorted = samples.map(Self.milliseconds).sorted()
        let median = sorted[sorted.count / 2]
        let p90 = sorted[min(sorted.count - 1, sorted.count * 9 / 10)]
        return String(format: "%.2f | %.2f | %.2f | %.2f", median, p90, sorted.first!, sorted.last!)
    }

    @Test("enroll 1 and 100 namespaces, re-apply an unchanged plan, verify, remove")
    func run() async throws {
        try HostGuard.install()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let loop = group.next()
        let plan = InterceptionPlan(.namespace(NamespaceCapture()))
        let clock = ContinuousClock()
        var rows: [String] = []
        var namespaces: [TestNamespace] = []
        defer { for namespace in namespaces { namespace.destroy() } }

        // 1 namespace, 20 times, each time a fresh namespace (creating it is not timed: the runtime does that).
        var single: [Duration] = []
        var rulesOnly: [Duration] = []
        for _ in 0..<20 {
            let namespace = try TestNamespace(role: "bench", number: TestNamespace.nextNumber())
            namespaces.append(namespace)
            let fresh = try TestNamespace(role: "bench", number: TestNamespace.nextNumber())
            namespaces.append(fresh)
            var channels: [any Channel] = []
            single.append(
                try await clock.measure { channels = try await Self.enroll(namespace.handle, plan: plan, loop: loop) }
            )
            rulesOnly.append(try clock.measure { try Interceptor(namespace: fresh.handle).apply(plan) })
            for channel in channels { try await channel.close() }
        }
        rows.append("| enroll 1 namespace (rules + 5 listeners), 20 runs | \(Self.summary(single)) |")
        rows.append("| apply rules only, fresh namespace, 20 runs | \(Self.summary(rulesOnly)) |")

        // 100 namespaces, enrolled one after another, 3 rounds.
        var hundred: [Duration] = []
        for _ in 0..<3 {
            var round: [TestNamespace] = []
            for _ in 0..<100 { round.append(try TestNamespace(role: "bench", number: TestNamespace.nextNumber())) }
            namespaces += round
            var channels: [any Channel] = []
            hundred.append(
                try await clock.measure {
                    for namespace in round {
                        channels += try await Self.enroll(namespace.handle, plan: plan, loop: loop)
                    }
                }
            )
            for channel in channels { try await channel.close() }
            for namespace in round { namespace.destroy() }
            namespaces.removeAll { namespace in round.contains { $0 === namespace } }
        }
        rows.append("| enroll 100 namespaces one after another (total), 3 runs | \(Self.summary(hundred)) |")

        // Re-apply, verify and remove on an enrolled namespace.
        let target = try TestNamespace(role: "bench", number: TestNamespace.nextNumber())
        namespaces.append(target)
        let interceptor = Interceptor(namespace: target.handle)
        try interceptor.apply(plan)
        var reapply: [Duration] = []
        var verify: [Duration] = []
        var reconcile: [Duration] = []
        var clean = true
        for _ in 0..<100 {
            reapply.append(try clock.measure { try interceptor.apply(plan) })
            verify.append(try clock.measure { clean = try interceptor.verify(plan).isClean && clean })
            reconcile.append(try clock.measure { clean = try interceptor.reconcile(plan).isClean && clean })
        }
        #expect(clean)
        var remove: [Duration] = []
        for _ in 0..<20 {
            remove.append(try clock.measure { try interceptor.remove(plan) })
            try interceptor.apply(plan)
        }
        rows.append("| re-apply unchanged plan (one batch + routing), 100 runs | \(Self.summary(reapply)) |")
        rows.append("| verify (read back tables + routing, compare), 100 runs | \(Self.summary(verify)) |")
        rows.append("| reconcile unchanged plan (verify, nothing to apply), 100 runs | \(Self.summary(reconcile)) |")
        rows.append("| remove (tables + routing), 20 runs | \(Self.summary(remove)) |")
        try await group.shutdownGracefully()

        print("| operation | median ms | p90 ms | min ms | max ms |")
        print("|---|---|---|---|---|")
        for row in rows { print(row) }
    }
}

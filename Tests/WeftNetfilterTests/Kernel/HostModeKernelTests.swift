import NIOCore
import NIOPosix
import Testing
import WeftNetfilter
import WeftSystem
import WeftTestSupport

/// Host mode in a real kernel. The "host" is a test namespace (the workload side of a pair): tests never change
/// the machine's own namespace. Processes are put into test cgroups below the real cgroup2 mount.
@Suite(
    "Host-mode capture",
    .serialized,
    .enabled(if: TestEnvironment.isRoot, "\(TestEnvironment.rootRequired)")
)
struct HostModeKernelTests {
    /// Opens a connection from a shell that first moves itself into `cgroup`, inside `namespace`
    /// (bash's /dev/tcp; bounded by `timeout`).
    private func connect(from cgroup: TestCgroup, in namespace: TestNamespace, to host: String, port: Int) throws {
        let script =
            "\(cgroup.enterCommand) && exec timeout 5 bash -c 'exec 3<>/dev/tcp/\(host)/\(port); echo hi >&3; "
            + "read -t 3 reply <&3; test \"$reply\" = hi'"
        try Command.run(["bash", "-c", "exec nsenter --net=/var/run/netns/\(namespace.name) -- bash -c \"$0\"", script])
    }

    @Test("outbound capture matches only the chosen cgroup, inbound only the declared ports, and removal is clean")
    func cgroupAndPorts() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bag = ChannelBag()
        let parent = "\(TestEnvironment.processPrefix)\(TestNamespace.nextNumber())"
        let captured = try TestCgroup.make(parent, leaf: "captured")
        let other = try TestCgroup.make(parent, leaf: "other")
        defer {
            captured.remove()
        }
        do {
            try await withNetnsPair { pair in
                let host = pair.workload
                let loop = group.next()
                let before = try host.networkState()
                let plan = InterceptionPlan(
                    .host(try HostCapture(name: "svc", cgroup: captured.identity, inboundPorts: [8080]))
                )
                let interceptor = Interceptor(namespace: host.handle)
                try interceptor.apply(plan)
                #expect(try interceptor.verify(plan).isClean)
                #expect(NftCanonical.weftTables(try host.nftJSON()) == plan.tables.map(NftCanonical.table))

                let agent = NetnsSocketFactory(namespace: host.handle)
                let plain = NetnsSocketFactory(namespace: host.handle, options: .unmarked)
                let outside = NetnsSocketFactory(namespace: pair.peer.handle, options: .unmarked)
                let outbound = try await bag.listen(
                    agent,
                    on: loop,
                    at: try SocketAddress(ipAddress: "::", port: 15001)
                )
                let inbound = try await bag.listen(agent, on: loop, at: try SocketAddress(ipAddress: "::", port: 15006))
                let remote = try await bag.listen(outside, on: loop, at: try SocketAddress(ipAddress: "::", port: 9000))
                let service = try await bag.listen(plain, on: loop, at: try SocketAddress(ipAddress: "::", port: 8081))

                // The chosen cgroup's connection is captured (and echoed by the outbound listener) ...
                try self.connect(from: captured, in: host, to: pair.peerV4, port: 9000)
                let entries = await outbound.wait(for: 1)
                #expect(entries.count == 1)
                #expect(
                    try entries.first?.originalDestination.get() == SocketAddress(ipAddress: pair.peerV4, port: 9000)
                )
                #expect(remote.entries.isEmpty)
                // ... another cgroup's goes straight to the real server.
                try self.connect(from: other, in: host, to: pair.peerV4, port: 9000)
                #expect(await remote.wait(for: 1).count == 1)
                #expect(outbound.entries.count == 1)

                // Inbound: the declared port is captured, an undeclared one reaches the service directly.
                for port in [8080, 8081] {
                    let client = try await TestClient.connect(
                        outside,
                        on: loop,
                        to: try SocketAddress(ipAddress: pair.workloadV4, port: port),
                        sending: "p\(port)"
                    )
                    #expect(await client.received.wait(for: "p\(port)") == "p\(port)")
                    try await client.channel.close()
                }
                #expect(
                    try inbound.entries.map { try $0.originalDestination.get() } == [
                        try SocketAddress(ipAddress: pair.workloadV4, port: 8080)
                    ]
                )
                #expect(service.entries.count == 1)

                await bag.closeAll()
                try interceptor.remove(plan)
                let after = try host.networkState()
                #expect(after == before, "before:\n\(before)\nafter:\n\(after)")
            }
        } catch {
            await bag.closeAll()
            try await group.shutdownGracefully()
            throw error
        }
        try await group.shutdownGracefully()
    }

    @Test("two host workloads get separate tables; removing one leaves the other")
    func separateTables() async throws {
        try await withNetnsPair { pair in
            let first = InterceptionPlan(
                .host(try HostCapture(name: "a", cgroup: CgroupIdentity(level: 1, id: 101), inboundPorts: [80]))
            )
            let second = InterceptionPlan(
                .host(try HostCapture(name: "b", cgroup: CgroupIdentity(level: 1, id: 102), inboundPorts: []))
            )
            let interceptor = Interceptor(namespace: pair.workload.handle)
            try interceptor.apply(first)
            try interceptor.apply(second)
            #expect(try interceptor.verify(first).isClean)
            #expect(try interceptor.verify(second).isClean)
            try interceptor.remove(first)
            #expect(try interceptor.verify(first).drifts == [.missingTable("weft-host-a")])
            #expect(try interceptor.verify(second).isClean)
            #expect(NftCanonical.weftTables(try pair.workload.nftJSON()).map(\.name) == ["weft-host-b"])
        }
    }
}

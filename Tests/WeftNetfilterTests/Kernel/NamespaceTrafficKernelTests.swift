import NIOCore
import NIOPosix
import Testing
import WeftNetfilter
import WeftSystem
import WeftTestSupport

/// Real traffic through namespace-mode capture: the workload namespace has the plan applied and the agent's
/// listeners (made with the agent's socket options); clients are ordinary unmarked sockets.
@Suite(
    "Namespace capture with real traffic",
    .serialized,
    .enabled(if: TestEnvironment.isRoot, "\(TestEnvironment.rootRequired)")
)
struct NamespaceTrafficKernelTests {
    /// Runs `body` with a pair whose workload namespace carries the default namespace plan, one event loop, and a
    /// bag of listeners closed afterwards.
    private func withCapturedPair(
        _ body: (NetnsPair, any EventLoop, ChannelBag) async throws -> Void
    ) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bag = ChannelBag()
        do {
            try await withNetnsPair { pair in
                try Interceptor(namespace: pair.workload.handle).apply(InterceptionPlan(.namespace(NamespaceCapture())))
                try await body(pair, group.next(), bag)
                await bag.closeAll()
            }
        } catch {
            await bag.closeAll()
            try await group.shutdownGracefully()
            throw error
        }
        try await group.shutdownGracefully()
    }

    @Test(
        "a client connecting to an arbitrary address lands on 15001 and SO_ORIGINAL_DST returns what it dialled",
        arguments: ["10.248.77.77", "fd00:248:77::77"]
    )
    func outbound(destination: String) async throws {
        try await self.withCapturedPair { pair, loop, bag in
            let agent = NetnsSocketFactory(namespace: pair.workload.handle)
            let app = NetnsSocketFactory(namespace: pair.workload.handle, options: .unmarked)
            let outbound = try await bag.listen(agent, on: loop, at: try SocketAddress(ipAddress: "::", port: 15001))
            let dialled = try SocketAddress(ipAddress: destination, port: 4242)
            let client = try await TestClient.connect(app, on: loop, to: dialled, sending: "ping")
            // The listener echoes, so the bytes came back through the redirect.
            #expect(await client.received.wait(for: "ping") == "ping")
            let entries = await outbound.wait(for: 1)
            try #require(entries.count == 1)
            #expect(try entries[0].originalDestination.get() == dialled)
            try await client.channel.close()
        }
    }

    @Test("inbound TCP to the workload lands on 15006 with its original destination, while 15008 is not redirected")
    func inbound() async throws {
        try await self.withCapturedPair { pair, loop, bag in
            let agent = NetnsSocketFactory(namespace: pair.workload.handle)
            let outside = NetnsSocketFactory(namespace: pair.peer.handle, options: .unmarked)
            let inbound = try await bag.listen(agent, on: loop, at: try SocketAddress(ipAddress: "::", port: 15006))
            let hbone = try await bag.listen(agent, on: loop, at: try SocketAddress(ipAddress: "::", port: 15008))

            for address in [pair.workloadV4, pair.workloadV6] {
                let target = try SocketAddress(ipAddress: address, port: 8080)
                let client = try await TestClient.connect(outside, on: loop, to: target, sending: "in")
                #expect(await client.received.wait(for: "in") == "in")
                try await client.channel.close()
            }
            let captured = await inbound.wait(for: 2)
            #expect(captured.count == 2)
            #expect(
                try captured.map { try $0.originalDestination.get() } == [
                    try SocketAddress(ipAddress: pair.workloadV4, port: 8080),
                    try SocketAddress(ipAddress: pair.workloadV6, port: 8080),
                ]
            )
            // The clients' own addresses arrive untouched (REDIRECT changes only the destination).
            #expect(captured.map { $0.remote?.withoutIPv4Mapping.ipAddress } == [pair.peerV4, pair.peerV6])

            let direct = try SocketAddress(ipAddress: pair.workloadV4, port: 15008)
            let client = try await TestClient.connect(outside, on: loop, to: direct, sending: "hbone")
            #expect(await client.received.wait(for: "hbone") == "hbone")
            try await client.channel.close()
            let entries = await hbone.wait(for: 1)
            #expect(entries.count == 1)
            #expect(entries.first?.local?.withoutIPv4Mapping == direct)
            #expect(inbound.entries.count == 2)
        }
    }

    @Test("DNS queries over UDP and TCP land on the DNS proxy port 15053")
    func dns() async throws {
        try await self.withCapturedPair { pair, loop, bag in
            let agent = NetnsSocketFactory(namespace: pair.workload.handle)
            let app = NetnsSocketFactory(namespace: pair.workload.handle, options: .unmarked)
            // Where ztunnel's DNS proxy listens: loopback, both families, UDP and TCP.
            let udp4 = try await bag.receiveDatagrams(
                agent,
                on: loop,
                at: try SocketAddress(ipAddress: "127.0.0.1", port: 15053)
            )
            let udp6 = try await bag.receiveDatagrams(
                agent,
                on: loop,
                at: try SocketAddress(ipAddress: "::1", port: 15053)
            )
            let tcp = try await bag.listen(agent, on: loop, at: try SocketAddress(ipAddress: "127.0.0.1", port: 15053))

            try await TestClient.sendDatagram(
                app,
                on: loop,
                from: try SocketAddress(ipAddress: "0.0.0.0", port: 0),
                to: try SocketAddress(ipAddress: pair.peerV4, port: 53),
                text: "query-v4"
            )
            try await TestClient.sendDatagram(
                app,
                on: loop,
                from: try SocketAddress(ipAddress: "::", port: 0),
                to: try SocketAddress(ipAddress: pair.peerV6, port: 53),
                text: "query-v6"
            )
            #expect(await Waiting.until { udp4.received.count == 1 && udp6.received.count == 1 })
            #expect(udp4.received.map(\.text) == ["query-v4"])
            #expect(udp6.received.map(\.text) == ["query-v6"])

            let client = try await TestClient.connect(
                app,
                on: loop,
                to: try SocketAddress(ipAddress: pair.peerV4, port: 53),
                sending: "tcp-query"
            )
            #expect(await client.received.wait(for: "tcp-query") == "tcp-query")
            try await client.channel.close()
            let entries = await tcp.wait(for: 1)
            #expect(
                try entries.map { try $0.originalDestination.get() } == [
                    try SocketAddress(ipAddress: pair.peerV4, port: 53)
                ]
            )
        }
    }

    @Test("a socket marked 0x539 bypasses capture and reaches the real destination; an unmarked one does not")
    func markedBypass() async throws {
        try await self.withCapturedPair { pair, loop, bag in
            let agent = NetnsSocketFactory(namespace: pair.workload.handle)
            let app = NetnsSocketFactory(namespace: pair.workload.handle, options: .unmarked)
            let server = NetnsSocketFactory(namespace: pair.peer.handle, options: .unmarked)
            let outbound = try await bag.listen(agent, on: loop, at: try SocketAddress(ipAddress: "::", port: 15001))
            let real = try await bag.listen(server, on: loop, at: try SocketAddress(ipAddress: "::", port: 9000))
            let target = try SocketAddress(ipAddress: pair.peerV4, port: 9000)

            let marked = try await TestClient.connect(agent, on: loop, to: target, sending: "marked")
            #expect(await marked.received.wait(for: "marked") == "marked")
            try await marked.channel.close()
            let reached = await real.wait(for: 1)
            #expect(reached.count == 1)
            #expect(reached.first?.remote?.withoutIPv4Mapping.ipAddress == pair.workloadV4)
            #expect(outbound.entries.isEmpty)

            let unmarked = try await TestClient.connect(app, on: loop, to: target, sending: "plain")
            #expect(await unmarked.received.wait(for: "plain") == "plain")
            try await unmarked.channel.close()
            #expect(await outbound.wait(for: 1).count == 1)
            #expect(real.entries.count == 1)
        }
    }

    @Test(
        "the app sees the client's own address when the agent relays inbound with IP_TRANSPARENT",
        arguments: [false, true]
    )
    func sourcePreserved(ipv6: Bool) async throws {
        try await self.withCapturedPair { pair, loop, bag in
            let agent = NetnsSocketFactory(namespace: pair.workload.handle)
            let app = NetnsSocketFactory(namespace: pair.workload.handle, options: .unmarked)
            let client = NetnsSocketFactory(namespace: pair.peer.handle, options: .unmarked)
            let any = ipv6 ? "::" : "0.0.0.0"
            // The app: an echo server on the workload's port 8080.
            let application = try await bag.listen(app, on: loop, at: try SocketAddress(ipAddress: any, port: 8080))
            // The agent's inbound listener relays to the original destination from the client's address.
            bag.keep(
                try await agent.listen(
                    on: loop,
                    at: try SocketAddress(ipAddress: any, port: 15006),
                    childInitializer: TransparentRelay.initializer(factory: agent)
                ).get()
            )
            let workload = ipv6 ? pair.workloadV6 : pair.workloadV4
            let connection = try await TestClient.connect(
                client,
                on: loop,
                to: try SocketAddress(ipAddress: workload, port: 8080),
                sending: "hello through the mesh"
            )
            // The echo comes back: the app's replies to a non-local address were routed to the agent's socket.
            #expect(await connection.received.wait(for: "hello through the mesh") == "hello through the mesh")
            try await connection.channel.close()
            let seen = await application.wait(for: 1)
            #expect(seen.count == 1)
            #expect(seen.first?.remote?.ipAddress == (ipv6 ? pair.peerV6 : pair.peerV4))
        }
    }

    @Test("without the fwmark policy rule the app's replies leave the namespace and the relayed client gets nothing")
    func sourcePreservationNeedsPolicyRouting() async throws {
        try await self.withCapturedPair { pair, loop, bag in
            try pair.workload.ip("rule", "del", "fwmark", "0x111/0xfff", "lookup", "100")
            let agent = NetnsSocketFactory(namespace: pair.workload.handle)
            let app = NetnsSocketFactory(namespace: pair.workload.handle, options: .unmarked)
            let client = NetnsSocketFactory(namespace: pair.peer.handle, options: .unmarked)
            let application = try await bag.listen(
                app,
                on: loop,
                at: try SocketAddress(ipAddress: "0.0.0.0", port: 8080)
            )
            bag.keep(
                try await agent.listen(
                    on: loop,
                    at: try SocketAddress(ipAddress: "0.0.0.0", port: 15006),
                    childInitializer: TransparentRelay.initializer(factory: agent)
                ).get()
            )
            let connection = try await TestClient.connect(
                client,
                on: loop,
                to: try SocketAddress(ipAddress: pair.workloadV4, port: 8080),
                sending: "lost"
            )
            #expect(await connection.received.wait(for: "lost", timeout: .milliseconds(1500)) == "")
            #expect(application.entries.isEmpty)
            try await connection.channel.close()
        }
    }
}

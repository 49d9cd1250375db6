import Glibc
import NIOCore
import NIOPosix
import Synchronization
import Testing
import WeftSystem
import WeftTestSupport

@Suite(
    "Sockets in a workload namespace",
    .serialized,
    .enabled(if: TestEnvironment.isRoot, "\(TestEnvironment.rootRequired)")
)
struct NetnsSocketFactoryTests {
    private func withLoop(_ body: (any EventLoop) async throws -> Void) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            try await body(group.next())
        } catch {
            try await group.shutdownGracefully()
            throw error
        }
        try await group.shutdownGracefully()
    }

    @Test(
        "a listener lives in the workload namespace with SO_MARK 0x539 and SO_REUSEPORT, and a second one can share its port"
    )
    func listener() async throws {
        try await self.withLoop { loop in
            try await withNetnsPair { pair in
                let factory = NetnsSocketFactory(namespace: pair.workload.handle)
                let address = try SocketAddress(ipAddress: "0.0.0.0", port: 15001)
                let first = try await factory.listen(on: loop, at: address) { $0.eventLoop.makeSucceededVoidFuture() }
                    .get()
                let second = try await factory.listen(on: loop, at: address) { $0.eventLoop.makeSucceededVoidFuture() }
                    .get()
                #expect(try await first.getOption(AgentChannelOptions.mark).get() == 0x539)
                #expect(try await first.getOption(AgentChannelOptions.reusePort).get() == 1)
                let listening = try pair.workload.exec(["ss", "-Hltn", "sport = :15001"])
                #expect(listening.split(separator: "\n").count == 2)
                // Not in the peer namespace, nor anywhere else the thread could have wandered.
                #expect(try pair.peer.exec(["ss", "-Hltn", "sport = :15001"]).isEmpty)
                try await first.close()
                try await second.close()
            }
        }
    }

    @Test("accepted connections and outbound connections carry the mark; unmarked options leave it at 0")
    func marks() async throws {
        try await self.withLoop { loop in
            try await withNetnsPair { pair in
                let agent = NetnsSocketFactory(namespace: pair.workload.handle)
                let plain = NetnsSocketFactory(namespace: pair.peer.handle, options: .unmarked)
                let agentSide = ConnectionMarks()
                let plainSide = ConnectionMarks()
                let agentListener = try await agent.listen(
                    on: loop,
                    at: try SocketAddress(ipAddress: "::", port: 7000),
                    childInitializer: agentSide.record
                ).get()
                let plainListener = try await plain.listen(
                    on: loop,
                    at: try SocketAddress(ipAddress: "::", port: 7001),
                    childInitializer: plainSide.record
                ).get()
                let inbound = try await plain.connect(
                    on: loop,
                    to: try SocketAddress(ipAddress: pair.workloadV4, port: 7000)
                ) { $0.eventLoop.makeSucceededVoidFuture() }.get()
                let outbound = try await agent.connect(
                    on: loop,
                    to: try SocketAddress(ipAddress: pair.peerV6, port: 7001)
                ) { $0.eventLoop.makeSucceededVoidFuture() }.get()
                #expect(try await inbound.getOption(AgentChannelOptions.mark).get() == 0)
                #expect(try await outbound.getOption(AgentChannelOptions.mark).get() == 0x539)
                #expect(await Waiting.until { agentSide.marks.count == 1 && plainSide.marks.count == 1 })
                #expect(agentSide.marks == [0x539])
                #expect(plainSide.marks == [0])
                // The agent's outbound connection left from the workload namespace's own address.
                #expect(outbound.localAddress?.ipAddress == pair.workloadV6)
                for channel in [inbound, outbound, agentListener, plainListener] { try await channel.close() }
            }
        }
    }

    @Test("after many sockets made in other namespaces the event loop thread is still in its own namespace")
    func loopThreadStaysHome() async throws {
        try await self.withLoop { loop in
            try await withNetnsPair { pair in
                let home = try await loop.submit { try NetworkNamespace.current().identity }.get()
                let factory = NetnsSocketFactory(namespace: pair.workload.handle)
                for port in 7100..<7120 {
                    let channel = try await factory.listen(on: loop, at: try SocketAddress(ipAddress: "::", port: port))
                    {
                        $0.eventLoop.makeSucceededVoidFuture()
                    }.get()
                    try await channel.close()
                }
                #expect(try await loop.submit { try NetworkNamespace.current().identity }.get() == home)
                #expect(try NetworkNamespace.current().identity == home)
            }
        }
    }

    @Test("SO_ORIGINAL_DST without conntrack state for the connection fails (ENOENT) rather than inventing one")
    func originalDestinationWithoutNAT() async throws {
        try await self.withLoop { loop in
            try await withNetnsPair { pair in
                let factory = NetnsSocketFactory(namespace: pair.workload.handle)
                let results = OriginalDestinations()
                let listener = try await factory.listen(
                    on: loop,
                    at: try SocketAddress(ipAddress: "0.0.0.0", port: 7200),
                    childInitializer: results.record
                ).get()
                let client = try await NetnsSocketFactory(namespace: pair.peer.handle, options: .unmarked).connect(
                    on: loop,
                    to: try SocketAddress(ipAddress: pair.workloadV4, port: 7200)
                ) { $0.eventLoop.makeSucceededVoidFuture() }.get()
                #expect(await Waiting.until { results.values.count == 1 })
                // No nftables in either namespace, so no conntrack entry: the kernel says ENOENT.
                #expect(results.values == ["errno \(ENOENT)"])
                try await client.close()
                try await listener.close()
            }
        }
    }
}

/// The SO_MARK of each accepted connection.
final class ConnectionMarks: Sendable {
    private let storage = Mutex<[Int]>([])

    var marks: [Int] { self.storage.withLock { $0 } }

    func record(_ channel: any Channel) -> EventLoopFuture<Void> {
        channel.getOption(AgentChannelOptions.mark).map { mark in
            self.storage.withLock { $0.append(mark) }
        }
    }
}

/// What SO_ORIGINAL_DST said for each accepted connection.
final class OriginalDestinations: Sendable {
    private let storage = Mutex<[String]>([])

    var values: [String] { self.storage.withLock { $0 } }

    func record(_ channel: any Channel) -> EventLoopFuture<Void> {
        OriginalDestination.of(channel).map { "\($0)" }.recover { error in
            (error as? IOError).map { "errno \($0.errnoCode)" } ?? "error: \(error)"
        }.map { text in
            self.storage.withLock { $0.append(text) }
        }
    }
}

import NIOCore
import NIOPosix
import Testing
import WeftCore
import WeftHBONE

/// Client and server agents over real sockets on 127.0.0.1 (plaintext HTTP/2; TLS is the identity module's).
@Suite("HBONE end to end over loopback", .serialized)
struct HBONELoopbackTests {
    @Test("32 MiB each way arrive intact with exact counts, and half-close crosses the tunnel both ways")
    func bulkBothWays() async throws {
        let size = 32 << 20
        let mesh = try LoopbackMesh(appSends: size)
        let client = try mesh.connectClient(sending: size)
        // The client app's input ends only because the server app half-closed after its last byte.
        let clientReceived = try await client.peer.done.get()
        #expect(clientReceived == Received(count: size, mismatches: 0))
        // The server app's input ends only because the client app half-closed after its last byte.
        let appReceived = try await mesh.appResults.withLock { $0.first! }.get()
        #expect(appReceived == Received(count: size, mismatches: 0))
        try await client.channel.closeFuture.get()
        // Wait for the server side of the relay to report.
        for _ in 0..<200 where mesh.relayTotals.withLock({ $0.isEmpty }) {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(mesh.relayTotals.withLock { $0 } == [ByteSplice.Totals(firstToSecond: size, secondToFirst: size)])
        try await mesh.shutdown()
    }

    @Test("The response baggage reaches the client, and streams share one pooled connection")
    func baggageAndPooling() async throws {
        let mesh = try LoopbackMesh(appSends: 1000)
        let request = HBONEConnectRequest(
            authority: try HBONEAuthority(parsing: "127.0.0.1:\(mesh.appServer.localAddress!.port!)")
        )
        var streams: [HBONEConnectedStream] = []
        for _ in 0..<3 {
            streams.append(try await mesh.pool.openStream(request, key: mesh.poolKey).get())
        }
        #expect(streams.map(\.responseMetadata) == Array(repeating: LoopbackMesh.serverMetadata, count: 3))
        #expect(try await mesh.pool.connectionCount(for: mesh.poolKey).get() == 1)
        for stream in streams { try? await stream.channel.close() }
        try await mesh.shutdown()
    }

    @Test("Beyond the stream limit the pool opens a second connection; idle ones are released")
    func streamLimitAndIdle() async throws {
        var configuration = HBONEConfiguration.defaults
        configuration.clientMaxStreamsPerConnection = 4
        configuration.poolIdleTimeout = .milliseconds(300)
        let mesh = try LoopbackMesh(appSends: 0, configuration: configuration)
        let request = HBONEConnectRequest(
            authority: try HBONEAuthority(parsing: "127.0.0.1:\(mesh.appServer.localAddress!.port!)")
        )
        let opened = (0..<6).map { _ in mesh.pool.openStream(request, key: mesh.poolKey) }
        var streams: [HBONEConnectedStream] = []
        for future in opened { streams.append(try await future.get()) }
        #expect(try await mesh.pool.connectionCount(for: mesh.poolKey).get() == 2)
        for stream in streams { try? await stream.channel.close() }
        try await Task.sleep(for: .milliseconds(900))
        #expect(try await mesh.pool.connectionCount(for: mesh.poolKey).get() == 0, "idle connections are released")
        try await mesh.shutdown()
    }

    @Test("A reader that stops reading bounds what the agents buffer")
    func backpressure() async throws {
        let mesh = try LoopbackMesh(appSends: 0, appReads: false)
        let client = try mesh.connectClient(sending: 512 << 20)
        // Push until everything stalls: the written total stops growing.
        var last = -1
        while client.peer.written != last {
            last = client.peer.written
            try await Task.sleep(for: .milliseconds(500))
        }
        let upstreamBuffered = try await mesh.upstreams.withLock { $0.first! }
            .getOption(ChannelOptions.bufferedWritableBytes).get()
        // Kernel socket buffers on both legs plus one 4 MiB stream window; unbounded buffering would swallow
        // everything the client offered (512 MiB) within a second.
        #expect(last < 32 << 20, "the client could push \(last) bytes into a tunnel whose reader stopped")
        #expect(
            upstreamBuffered <= (4 << 20) + (1 << 20),
            "the server agent holds \(upstreamBuffered) bytes for a stalled app"
        )
        try? await client.channel.close()
        try await mesh.shutdown()
    }

    @Test("A refused application gets the client a 503 that names the status")
    func upstreamRefused() async throws {
        let mesh = try LoopbackMesh(appSends: 0)
        // A port nothing listens on: bind one, note it, close it.
        let unused = try await ServerBootstrap(group: mesh.appGroup).bind(host: "127.0.0.1", port: 0).get()
        let port = unused.localAddress!.port!
        try await unused.close()
        let request = HBONEConnectRequest(authority: try HBONEAuthority(parsing: "127.0.0.1:\(port)"))
        do {
            _ = try await mesh.pool.openStream(request, key: mesh.poolKey).get()
            Issue.record("the CONNECT should have been refused")
        } catch let error as HBONEConnectError {
            #expect(error.status == 503)
            #expect(error.description.hasPrefix("HBONE CONNECT to 127.0.0.1:\(port) was answered 503"))
        }
        // The refusal was a stream error: the pooled connection still serves the next stream.
        let good = HBONEConnectRequest(
            authority: try HBONEAuthority(parsing: "127.0.0.1:\(mesh.appServer.localAddress!.port!)")
        )
        let stream = try await mesh.pool.openStream(good, key: mesh.poolKey).get()
        #expect(try await mesh.pool.connectionCount(for: mesh.poolKey).get() == 1)
        try? await stream.channel.close()
        try await mesh.shutdown()
    }
}

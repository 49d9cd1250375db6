import NIOCore
import NIOEmbedded
import Synchronization
import Testing
import WeftCore
import WeftHBONE

/// The pool executor on an embedded loop with a connection factory the test controls.
@Suite("HBONE pool executor")
struct HBONEConnectionPoolTests {
    static let key = HBONEPoolKey(
        source: try! SpiffeID(parsing: "spiffe://cluster.local/ns/default/sa/sleep"),
        destination: try! SpiffeID(parsing: "spiffe://cluster.local/ns/default/sa/reviews"),
        address: try! HBONEAuthority(parsing: "10.248.2.5:15008")
    )
    static let request = HBONEConnectRequest(authority: try! HBONEAuthority(parsing: "10.248.2.5:9080"))

    /// Hands out the factory's pending connection attempts.
    final class Dialer: Sendable {
        let attempts = Locked<[EventLoopPromise<HBONEPoolConnection>]>([])

        func factory() -> HBONEConnectionPool.ConnectionFactory {
            { _, eventLoop, _ in
                let promise = eventLoop.makePromise(of: HBONEPoolConnection.self)
                self.attempts.withLock { $0.append(promise) }
                return promise.futureResult
            }
        }

        var count: Int { self.attempts.withLock { $0.count } }
        func attempt(_ index: Int) -> EventLoopPromise<HBONEPoolConnection> { self.attempts.withLock { $0[index] } }
    }

    @Test("A peer that never answers fails waiting streams after 10 s with the operator hint")
    func connectTimeout() throws {
        let loop = EmbeddedEventLoop()
        let dialer = Dialer()
        let pool = HBONEConnectionPool(eventLoop: loop, factory: dialer.factory())
        let first = pool.openStream(Self.request, key: Self.key)
        let second = pool.openStream(Self.request, key: Self.key)
        loop.run()
        #expect(dialer.count == 1, "one connect per key, however many streams wait")
        loop.advanceTime(by: .milliseconds(9_999))
        #expect(first.peek() == nil)
        loop.advanceTime(by: .milliseconds(1))
        for future in [first, second] {
            #expect(
                "\(future.peekError()!)"
                    == "connection to 10.248.2.5:15008 timed out — is port 15008 reachable between nodes?"
            )
        }
        // The attempt that finally succeeds after the timeout is closed, not leaked.
        let late = EmbeddedChannel(loop: loop)
        try late.connect(to: SocketAddress(ipAddress: "10.248.2.5", port: 15008)).wait()
        let multiplexer = try late.pipeline.syncOperations.configureHBONEClient()
        dialer.attempt(0).succeed(HBONEPoolConnection(channel: late, multiplexer: multiplexer))
        loop.run()
        #expect(!late.isActive)
        let count = pool.connectionCount(for: Self.key)
        loop.run()
        #expect(count.peekValue() == 0)
    }

    @Test(
        "Dial failures are classified for the operator",
        arguments: [
            (
                IOError(errnoCode: 111, reason: "connect") as any Error,
                "connection to 10.248.2.5:15008 was refused — is the mesh agent on that node listening on 15008?"
            ),
            (
                ChannelError.connectTimeout(.seconds(10)),
                "connection to 10.248.2.5:15008 timed out — is port 15008 reachable between nodes?"
            ),
            (ChannelError.ioOnClosedChannel, "connection to 10.248.2.5:15008 failed: I/O on closed channel"),
        ]
    )
    func dialFailures(error: any Error, message: String) {
        let loop = EmbeddedEventLoop()
        let dialer = Dialer()
        let pool = HBONEConnectionPool(eventLoop: loop, factory: dialer.factory())
        let stream = pool.openStream(Self.request, key: Self.key)
        loop.run()
        dialer.attempt(0).fail(error)
        loop.run()
        #expect(stream.peekError().map { "\($0)" } == message)
    }

    @Test("After shutdown, waiting and new streams fail and attempts in flight are dropped")
    func shutdown() throws {
        let loop = EmbeddedEventLoop()
        let dialer = Dialer()
        let pool = HBONEConnectionPool(eventLoop: loop, factory: dialer.factory())
        let waiting = pool.openStream(Self.request, key: Self.key)
        loop.run()
        let shutdown = pool.shutdown()
        loop.run()
        #expect(shutdown.peek() != nil)
        #expect(
            waiting.peekError().map { "\($0)" }
                == "the HBONE connection pool is shutting down (stream to 10.248.2.5:15008 not opened)"
        )
        let late = pool.openStream(Self.request, key: Self.key)
        loop.run()
        #expect((late.peekError() as? HBONEPoolError)?.code == .shutDown)
        #expect(dialer.count == 1)
        // The connection that was being set up arrives after the shutdown and is closed at once.
        let arriving = EmbeddedChannel(loop: loop)
        try arriving.connect(to: SocketAddress(ipAddress: "10.248.2.5", port: 15008)).wait()
        let multiplexer = try arriving.pipeline.syncOperations.configureHBONEClient()
        dialer.attempt(0).succeed(HBONEPoolConnection(channel: arriving, multiplexer: multiplexer))
        loop.run()
        #expect(!arriving.isActive)
    }
}

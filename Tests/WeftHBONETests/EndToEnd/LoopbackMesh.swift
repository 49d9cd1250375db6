import Foundation
import NIOCore
import NIOHTTP2
import NIOPosix
import Synchronization
import WeftCore
import WeftHBONE

/// A byte pattern both ends can produce and check without storing a whole stream: byte `i` of a stream is
/// `Pattern.bytes[i % Pattern.period]`. The period is prime so it never lines up with buffer sizes.
enum Pattern {
    static let period = 65_521
    /// Two periods, so any chunk of up to one period is a contiguous slice.
    static let bytes: [UInt8] = (0..<(2 * period)).map {
        UInt8(truncatingIfNeeded: ($0 % period) &* 31 &+ ($0 % period) >> 7)
    }

    /// Whether `chunk` is the pattern starting at stream offset `offset` (memcmp, fast even in debug builds).
    static func matches(_ chunk: ByteBufferView, at offset: Int) -> Bool {
        var offset = offset
        var remaining = chunk[...]
        while !remaining.isEmpty {
            let count = min(remaining.count, Self.period)
            let start = offset % Self.period
            let equal = remaining.prefix(count).withUnsafeBytes { received in
                Self.bytes.withUnsafeBytes { expected in
                    memcmp(received.baseAddress!, expected.baseAddress! + start, count) == 0
                }
            }
            guard equal else { return false }
            remaining = remaining.dropFirst(count)
            offset += count
        }
        return true
    }
}

/// What one end of a test connection saw.
struct Received: Sendable, Equatable {
    var count = 0
    /// Chunks that differed from the pattern at their offset.
    var mismatches = 0
}

/// A TCP peer for loopback tests: sends `sendBytes` of the pattern (honouring writability) then half-closes,
/// counts and checks what it receives, and completes `done` when its input has ended.
final class PatternPeer: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let sendBytes: Int
    private let readsEnabled: Bool
    private var sent = 0
    /// Our half-close went out (after every write), so a later end of input may close the channel.
    private var outputDone = false
    private var received = Received()
    let done: EventLoopPromise<Received>
    /// Bytes whose writes have completed (reached the kernel), for the backpressure test.
    let written = ByteTotal()

    init(sendBytes: Int, readsEnabled: Bool = true, done: EventLoopPromise<Received>) {
        self.sendBytes = sendBytes
        self.readsEnabled = readsEnabled
        self.done = done
    }

    func channelActive(context: ChannelHandlerContext) {
        if self.sendBytes == 0 {
            self.outputDone = true
            context.close(mode: .output, promise: nil)
        }
        self.sendMore(context: context)
        if self.readsEnabled { context.read() }
        context.fireChannelActive()
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        self.sendMore(context: context)
        context.fireChannelWritabilityChanged()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = self.unwrapInboundIn(data)
        if !Pattern.matches(buffer.readableBytesView, at: self.received.count) {
            self.received.mismatches += 1
        }
        self.received.count += buffer.readableBytes
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if self.readsEnabled { context.read() }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event as? ChannelEvent {
        case .some(.inputClosed):
            self.done.succeed(self.received)
            if self.outputDone { context.close(promise: nil) }
        case .some(.outputClosed):
            self.outputDone = true
        default:
            break
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        // NIO reports a FIN that arrives after our own half-close as a plain close, without `inputClosed`.
        if self.outputDone {
            self.done.succeed(self.received)
        } else {
            self.done.fail(ChannelError.eof)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        context.close(promise: nil)
    }

    private func sendMore(context: ChannelHandlerContext) {
        guard self.sent < self.sendBytes else { return }
        while context.channel.isWritable && self.sent < self.sendBytes {
            let size = min(Pattern.period, self.sendBytes - self.sent)
            let start = self.sent % Pattern.period
            let buffer = context.channel.allocator.buffer(bytes: Pattern.bytes[start..<(start + size)])
            self.sent += size
            let promise = context.eventLoop.makePromise(of: Void.self)
            promise.futureResult.whenSuccess { [written = self.written] in written.add(size) }
            context.write(self.wrapOutboundOut(buffer), promise: promise)
            if self.sent == self.sendBytes {
                // Half-close only once the last byte is out: NIO turns a half-close after end of input into a full
                // close that drops pending writes.
                promise.futureResult.assumeIsolated().whenSuccess { context.close(mode: .output, promise: nil) }
            }
        }
        context.flush()
    }
}

/// Client app → client agent (pool) → HBONE over plaintext HTTP/2 → server agent → server app, all on 127.0.0.1.
/// Both agents share one event-loop thread (the relay joins channels of one loop); the apps use another.
final class LoopbackMesh: Sendable {
    static let source = try! SpiffeID(parsing: "spiffe://cluster.local/ns/default/sa/sleep")
    static let destination = try! SpiffeID(parsing: "spiffe://cluster.local/ns/default/sa/reviews")
    static let serverMetadata = PeerMetadata(namespace: "default", workloadName: "reviews-v1", serviceName: "reviews")

    let agentGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let appGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    let appServer: any Channel
    let hboneServer: any Channel
    let pool: HBONEConnectionPool
    let clientListener: any Channel
    /// The server agent's upstream channels, for inspecting what it buffers.
    let upstreams = Locked<[any Channel]>([])
    let relayTotals = Locked<[ByteSplice.Totals]>([])
    let dials = Locked(0)
    /// What each server app connection received, complete when its input ended.
    let appResults = Locked<[EventLoopFuture<Received>]>([])

    /// - Parameters:
    ///   - appSends: bytes the server app sends on each connection.
    ///   - appReads: false for an app that never reads (backpressure test).
    init(appSends: Int, appReads: Bool = true, configuration: HBONEConfiguration = .defaults) throws {
        let appDone = self.appResults
        self.appServer = try ServerBootstrap(group: self.appGroup)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(.autoRead, value: false)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let peer = PatternPeer(
                        sendBytes: appSends,
                        readsEnabled: appReads,
                        done: channel.eventLoop.makePromise()
                    )
                    appDone.withLock { $0.append(peer.done.futureResult) }
                    try channel.pipeline.syncOperations.addHandler(peer)
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
        let appAddress = self.appServer.localAddress!

        // The server agent dials 127.0.0.1 at the authority's port, as a real one dials the local workload.
        let upstreams = self.upstreams
        let relayTotals = self.relayTotals
        let dials = self.dials
        let delegate = HBONEConnectClosureDelegate { request, eventLoop in
            dials.withLock { $0 += 1 }
            return ClientBootstrap(group: eventLoop)
                .channelOption(.autoRead, value: false)
                .channelOption(.allowRemoteHalfClosure, value: true)
                .connect(to: try! SocketAddress(ipAddress: "127.0.0.1", port: Int(request.authority.port)))
                .map { upstream in
                    upstreams.withLock { $0.append(upstream) }
                    return .accept(upstream: upstream, responseMetadata: LoopbackMesh.serverMetadata)
                }
        }
        self.hboneServer = try ServerBootstrap(group: self.agentGroup)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHBONEServer(
                        configuration: configuration,
                        delegate: delegate,
                        onRelayFinished: { _, totals in relayTotals.withLock { $0.append(totals) } }
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
        let hboneAddress = self.hboneServer.localAddress!

        let pool = HBONEConnectionPool(eventLoop: self.agentGroup.next(), configuration: configuration) {
            _,
            eventLoop,
            observer in
            ClientBootstrap(group: eventLoop).connect(to: hboneAddress).flatMapThrowing { channel in
                let multiplexer = try channel.pipeline.syncOperations.configureHBONEClient(
                    configuration: configuration,
                    observer: observer
                )
                return HBONEPoolConnection(channel: channel, multiplexer: multiplexer)
            }
        }
        self.pool = pool
        let key = Self.key(for: hboneAddress.port!)
        self.clientListener = try ServerBootstrap(group: self.agentGroup)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(.autoRead, value: false)
            .childChannelInitializer { downstream in
                let request = HBONEConnectRequest(
                    authority: try! HBONEAuthority(parsing: "127.0.0.1:\(appAddress.port!)"),
                    forwarded: Forwarded(
                        for: .init(address: IPAddress("127.0.0.1")!, port: UInt16(downstream.remoteAddress!.port!))
                    ),
                    peerMetadata: PeerMetadata(namespace: "default", workloadName: "sleep")
                )
                pool.openStream(request, key: key).whenComplete { result in
                    switch result {
                    case .success(let stream):
                        _ = try? stream.splice(with: downstream)
                    case .failure:
                        downstream.close(promise: nil)
                    }
                }
                return downstream.eventLoop.makeSucceededVoidFuture()
            }
            .bind(host: "127.0.0.1", port: 0).wait()
    }

    static func key(for hbonePort: Int) -> HBONEPoolKey {
        HBONEPoolKey(
            source: Self.source,
            destination: Self.destination,
            address: HBONEAuthority(address: IPAddress("127.0.0.1")!, port: UInt16(hbonePort))
        )
    }

    var poolKey: HBONEPoolKey { Self.key(for: self.hboneServer.localAddress!.port!) }

    /// Connects a client app that sends `bytes` and half-closes.
    func connectClient(sending bytes: Int) throws -> (channel: any Channel, peer: PatternPeerBox) {
        let box = PatternPeerBox()
        let channel = try ClientBootstrap(group: self.appGroup)
            .channelOption(.allowRemoteHalfClosure, value: true)
            .channelOption(.autoRead, value: false)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let peer = PatternPeer(sendBytes: bytes, done: channel.eventLoop.makePromise())
                    box.set(peer.done.futureResult, written: peer.written)
                    try channel.pipeline.syncOperations.addHandler(peer)
                }
            }
            .connect(to: self.clientListener.localAddress!).wait()
        return (channel, box)
    }

    func shutdown() async throws {
        try await self.pool.shutdown().get()
        try? await self.clientListener.close()
        try? await self.hboneServer.close()
        try? await self.appServer.close()
        try await self.agentGroup.shutdownGracefully()
        try await self.appGroup.shutdownGracefully()
    }
}

/// A byte count shared across threads.
final class ByteTotal: Sendable {
    private let total = Mutex(0)
    func add(_ count: Int) { self.total.withLock { $0 += count } }
    var value: Int { self.total.withLock { $0 } }
}

/// Hands a client peer's results out of its channel initializer.
final class PatternPeerBox: Sendable {
    private let state = Mutex<(done: EventLoopFuture<Received>, written: ByteTotal)?>(nil)

    func set(_ done: EventLoopFuture<Received>, written: ByteTotal) {
        self.state.withLock { $0 = (done, written) }
    }

    var done: EventLoopFuture<Received> { self.state.withLock { $0!.done } }
    var written: Int { self.state.withLock { $0?.written.value ?? 0 } }
}

/// A value behind a lock, shareable by reference (a `Mutex` cannot be captured or copied).
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>

    init(_ value: Value) {
        self.mutex = Mutex(value)
    }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        self.mutex.withLock { body(&$0) }
    }
}

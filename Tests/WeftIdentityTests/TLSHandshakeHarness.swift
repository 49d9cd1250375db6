import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import Synchronization
import WeftIdentity

/// One real TLS connection over loopback between a Weft mTLS server and client, each verifying with
/// `SPIFFEPeerVerifier` at `testNow`; what each side saw.
struct HandshakeOutcome: Sendable {
    /// What the client's `PeerAcceptanceHandler` concluded.
    var clientAccepted: Result<Void, any Error>
    /// The server identity the client verified (nil unless its handshake completed).
    var clientSawServer: SpiffeIdentity?
    /// ALPN as negotiated on the client.
    var negotiatedProtocol: String?
    /// The client identity the server verified, or the server's error.
    var server: Result<SpiffeIdentity?, any Error>
    /// Reasons the client's verifier refused the server.
    var clientRefusals: [PeerVerificationFailure]
    /// Reasons the server's verifier refused the client.
    var serverRefusals: [PeerVerificationFailure]

    /// The `TLSAuthenticationError` the client ended with, if any.
    var clientAuthenticationError: TLSAuthenticationError? {
        guard case .failure(let error) = self.clientAccepted else { return nil }
        return error as? TLSAuthenticationError
    }
}

/// The server side of a test connection.
struct ServerSide {
    var configuration: TLSConfiguration
    var trust: TrustBundleStore
    var trustDomain = "cluster.local"
}

/// The client side of a test connection.
struct ClientSide {
    var configuration: TLSConfiguration
    var trust: TrustBundleStore
    var expected: Set<SpiffeIdentity>
}

/// Collects verification refusals from a callback that may run on any thread.
final class RefusalLog: Sendable {
    private let entries = Mutex<[PeerVerificationFailure]>([])

    func append(_ failure: PeerVerificationFailure) {
        self.entries.withLock { $0.append(failure) }
    }

    var all: [PeerVerificationFailure] {
        self.entries.withLock { $0 }
    }
}

/// A value written on the event loop and read by the test afterwards.
final class Box<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) {
        self.storage = Mutex(value)
    }

    var value: Value {
        get { self.storage.withLock { $0 } }
        set { self.storage.withLock { $0 = newValue } }
    }
}

struct HandshakeTimedOut: Error {}

/// Server end: reports the verified client identity once the handshake completes, then speaks first (as an
/// HTTP/2 server sends SETTINGS), which is what tells the client it was accepted.
final class ServerProbe: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let done: EventLoopPromise<SpiffeIdentity?>

    init(done: EventLoopPromise<SpiffeIdentity?>) {
        self.done = done
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted = event as? TLSUserEvent {
            self.done.succeed(try? context.pipeline.syncOperations.peerSpiffeIdentity())
            context.writeAndFlush(self.wrapOutboundOut(ByteBuffer(string: "hello")), promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.done.fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.done.fail(ChannelError.eof)
        context.fireChannelInactive()
    }
}

/// Client end: records ALPN and the verified server identity at handshake completion.
final class ClientProbe: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let negotiatedProtocol: Box<String?>
    private let serverIdentity: Box<SpiffeIdentity?>

    init(negotiatedProtocol: Box<String?>, serverIdentity: Box<SpiffeIdentity?>) {
        self.negotiatedProtocol = negotiatedProtocol
        self.serverIdentity = serverIdentity
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case .handshakeCompleted(let negotiated) = event as? TLSUserEvent {
            self.negotiatedProtocol.value = negotiated
            self.serverIdentity.value = try? context.pipeline.syncOperations.peerSpiffeIdentity()
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}

/// Runs one handshake on 127.0.0.1 (ephemeral port, in-process) and reports both sides.
func runHandshake(server: ServerSide, client: ClientSide) async throws -> HandshakeOutcome {
    // A group of its own, and a generous bound: the verification callback runs on the cooperative pool, which
    // kernel suites running in parallel can keep busy for tens of seconds on a 2-core machine.
    // Before: other suites running in parallel may hold the shared singleton's threads busy
    // (namespace tests do blocking work), which would stall a handshake past its deadline.
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    defer { group.shutdownGracefully { _ in } }
    let serverContext = try NIOSSLContext(configuration: server.configuration)
    let clientContext = try NIOSSLContext(configuration: client.configuration)
    let serverRefusals = RefusalLog()
    let clientRefusals = RefusalLog()
    let serverVerifier = SPIFFEPeerVerifier(
        trust: server.trust,
        requirement: .trustDomain(server.trustDomain),
        now: { testNow }
    )
    let clientVerifier = SPIFFEPeerVerifier(trust: client.trust, requirement: .oneOf(client.expected), now: { testNow })
    let serverDone = group.next().makePromise(of: SpiffeIdentity?.self)
    let accepted = group.next().makePromise(of: Void.self)
    let negotiatedProtocol = Box<String?>(nil)
    let serverIdentity = Box<SpiffeIdentity?>(nil)

    let listener = try await ServerBootstrap(group: group)
        .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        .childChannelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                let operations = channel.pipeline.syncOperations
                try operations.addHandler(
                    MutualTLS.serverHandler(context: serverContext, verifier: serverVerifier) {
                        serverRefusals.append($0)
                    }
                )
                try operations.addHandler(ServerProbe(done: serverDone))
            }
        }
        .bind(host: "127.0.0.1", port: 0).get()
    let port = listener.localAddress?.port ?? 0
    let timeout = group.next().scheduleTask(in: .seconds(120)) {
        accepted.fail(HandshakeTimedOut())
        serverDone.fail(HandshakeTimedOut())
    }

    let connection = try await ClientBootstrap(group: group)
        .channelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                let operations = channel.pipeline.syncOperations
                try operations.addHandler(
                    MutualTLS.clientHandler(context: clientContext, verifier: clientVerifier) {
                        clientRefusals.append($0)
                    }
                )
                try operations.addHandler(PeerAcceptanceHandler(accepted: accepted, peer: "127.0.0.1:\(port)"))
                try operations.addHandler(
                    ClientProbe(negotiatedProtocol: negotiatedProtocol, serverIdentity: serverIdentity)
                )
            }
        }
        .connect(host: "127.0.0.1", port: port).get()

    let clientResult: Result<Void, any Error>
    do {
        try await accepted.futureResult.get()
        clientResult = .success(())
    } catch {
        clientResult = .failure(error)
    }
    let serverResult: Result<SpiffeIdentity?, any Error>
    do {
        serverResult = .success(try await serverDone.futureResult.get())
    } catch {
        serverResult = .failure(error)
    }
    timeout.cancel()
    try? await connection.close()
    try? await listener.close()
    return HandshakeOutcome(
        clientAccepted: clientResult,
        clientSawServer: serverIdentity.value,
        negotiatedProtocol: negotiatedProtocol.value,
        server: serverResult,
        clientRefusals: clientRefusals.all,
        serverRefusals: serverRefusals.all
    )
}

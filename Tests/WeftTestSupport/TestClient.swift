import NIOCore
import Synchronization
import WeftSystem

/// Collects the bytes a test client receives.
package final class ReceivedBytes: ChannelInboundHandler, Sendable {
    package typealias InboundIn = ByteBuffer

    private let storage = Mutex("")

    package init() {}

    package var text: String { self.storage.withLock { $0 } }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let text = String(buffer: Self.unwrapInboundIn(data))
        self.storage.withLock { $0 += text }
    }

    /// Waits (bounded) until `expected` has arrived; returns everything received.
    package func wait(for expected: String, timeout: Duration = .seconds(5)) async -> String {
        _ = await Waiting.until(timeout: timeout) { self.text.contains(expected) }
        return self.text
    }
}

/// TCP and UDP clients for tests, created in a namespace through ``NetnsSocketFactory``.
package enum TestClient {
    /// Connects, sends `message`, and returns the channel and the collector of what comes back.
    package static func connect(
        _ factory: NetnsSocketFactory,
        on eventLoop: any EventLoop,
        to address: SocketAddress,
        sending message: String? = nil
    ) async throws -> (channel: any Channel, received: ReceivedBytes) {
        let received = ReceivedBytes()
        let channel = try await factory.connect(on: eventLoop, to: address) { channel in
            channel.pipeline.addHandler(received)
        }.get()
        if let message {
            try await channel.writeAndFlush(ByteBuffer(string: message)).get()
        }
        return (channel, received)
    }

    /// Sends one datagram from an ephemeral UDP socket made in the namespace.
    package static func sendDatagram(
        _ factory: NetnsSocketFactory,
        on eventLoop: any EventLoop,
        from local: SocketAddress,
        to address: SocketAddress,
        text: String
    ) async throws {
        let channel = try await factory.bindDatagram(on: eventLoop, at: local) { _ in
            eventLoop.makeSucceededVoidFuture()
        }.get()
        let envelope = AddressedEnvelope(remoteAddress: address, data: ByteBuffer(string: text))
        try await channel.writeAndFlush(envelope).get()
        try await channel.close()
    }
}

import NIOCore
import Synchronization
import WeftSystem

/// Records what a test listener accepted: addresses and the original destination (`SO_ORIGINAL_DST`).
package final class ConnectionLog: Sendable {
    /// One accepted connection.
    package struct Entry: Sendable, CustomStringConvertible {
        package var local: SocketAddress?
        package var remote: SocketAddress?
        /// The original destination, or the error text if it could not be read.
        package var originalDestination: Result<SocketAddress, OriginalDestinationError>

        package var description: String {
            "local \(self.local.map { "\($0)" } ?? "?") remote \(self.remote.map { "\($0)" } ?? "?") "
                + "original \(self.originalDestination)"
        }
    }

    /// Why SO_ORIGINAL_DST failed, as text.
    package struct OriginalDestinationError: Error, Sendable {
        package var text: String
    }

    private let storage = Mutex<[Entry]>([])

    package init() {}

    package var entries: [Entry] { self.storage.withLock { $0 } }

    /// A child initializer that records the connection and then echoes whatever it receives.
    package var initializer: @Sendable (any Channel) -> EventLoopFuture<Void> {
        { [self] channel in
            OriginalDestination.of(channel).map { Result<SocketAddress, OriginalDestinationError>.success($0) }
                .recover { .failure(OriginalDestinationError(text: "\($0)")) }
                .flatMap { original in
                    self.storage.withLock {
                        $0.append(
                            Entry(
                                local: channel.localAddress,
                                remote: channel.remoteAddress,
                                originalDestination: original
                            )
                        )
                    }
                    return channel.pipeline.addHandler(EchoHandler())
                }
        }
    }

    /// Waits (bounded) until at least `count` connections were accepted.
    package func wait(for count: Int, timeout: Duration = .seconds(5)) async -> [Entry] {
        _ = await Waiting.until(timeout: timeout) { self.entries.count >= count }
        return self.entries
    }
}

/// Writes back every byte it reads.
package final class EchoHandler: ChannelInboundHandler, Sendable {
    package typealias InboundIn = ByteBuffer
    package typealias OutboundOut = ByteBuffer

    package init() {}

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        context.writeAndFlush(data, promise: nil)
    }
}

/// Records datagrams a test UDP socket received.
package final class DatagramLog: ChannelInboundHandler, Sendable {
    package typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let storage = Mutex<[(remote: SocketAddress, text: String)]>([])

    package init() {}

    package var received: [(remote: SocketAddress, text: String)] { self.storage.withLock { $0 } }

    package func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = Self.unwrapInboundIn(data)
        let text = String(buffer: envelope.data)
        self.storage.withLock { $0.append((envelope.remoteAddress, text)) }
    }
}

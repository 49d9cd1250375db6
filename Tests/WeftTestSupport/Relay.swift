import NIOCore
import WeftSystem

/// A minimal inbound relay for tests, as the agent's 15006 path will do it: read the original destination, dial
/// it from the client's own address (IP_TRANSPARENT, marked), and pass bytes both ways. No backpressure; test
/// payloads are tiny.
package enum TransparentRelay {
    /// A child initializer for a listener on the inbound port.
    package static func initializer(factory: NetnsSocketFactory) -> @Sendable (any Channel) -> EventLoopFuture<Void> {
        { inbound in
            OriginalDestination.of(inbound).flatMap { destination in
                let client = inbound.remoteAddress.map(\.withoutIPv4Mapping)
                let source = client.flatMap { try? $0.withPort(0) }
                return factory.connect(
                    on: inbound.eventLoop,
                    to: destination.withoutIPv4Mapping,
                    transparentSource: source
                ) { outbound in
                    outbound.pipeline.addHandler(RelayHandler(partner: inbound))
                }
            }.flatMap { outbound in
                inbound.pipeline.addHandler(RelayHandler(partner: outbound))
            }
        }
    }
}

/// Forwards reads to the partner channel and closes it when this side closes.
final class RelayHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer

    private let partner: any Channel

    init(partner: any Channel) {
        self.partner = partner
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.partner.writeAndFlush(Self.unwrapInboundIn(data), promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.partner.close(promise: nil)
        context.fireChannelInactive()
    }
}

extension SocketAddress {
    /// `::ffff:a.b.c.d` as the IPv4 address `a.b.c.d` (a dual-stack listener reports IPv4 clients that way).
    package var withoutIPv4Mapping: SocketAddress {
        guard case .v6 = self, let text = self.ipAddress, text.hasPrefix("::ffff:"), let port = self.port,
            let v4 = try? SocketAddress(ipAddress: String(text.dropFirst(7)), port: port)
        else { return self }
        return v4
    }

    /// The same address with another port.
    package func withPort(_ port: Int) throws -> SocketAddress {
        guard let ip = self.ipAddress else { return self }
        return try SocketAddress(ipAddress: ip, port: port)
    }
}

import NIOCore
import WeftSystem

/// Listeners a test opens and must close: collects channels so one call closes them all.
package final class ChannelBag: @unchecked Sendable {
    // Only touched from the test's own task, never concurrently.
    private var channels: [any Channel] = []

    package init() {}

    /// Keeps `channel` for ``closeAll()`` and returns it.
    @discardableResult
    package func keep(_ channel: any Channel) -> any Channel {
        self.channels.append(channel)
        return channel
    }

    /// A TCP listener whose accepted connections are recorded in a new ``ConnectionLog`` (and echoed).
    package func listen(
        _ factory: NetnsSocketFactory,
        on eventLoop: any EventLoop,
        at address: SocketAddress
    ) async throws -> ConnectionLog {
        let log = ConnectionLog()
        self.keep(try await factory.listen(on: eventLoop, at: address, childInitializer: log.initializer).get())
        return log
    }

    /// A UDP socket whose datagrams are recorded.
    package func receiveDatagrams(
        _ factory: NetnsSocketFactory,
        on eventLoop: any EventLoop,
        at address: SocketAddress
    ) async throws -> DatagramLog {
        let log = DatagramLog()
        self.keep(
            try await factory.bindDatagram(on: eventLoop, at: address) { channel in
                channel.pipeline.addHandler(log)
            }.get()
        )
        return log
    }

    package func closeAll() async {
        for channel in self.channels { try? await channel.close() }
        self.channels = []
    }
}

import NIOCore
import NIOPosix

/// Creates the agent's sockets inside a workload's network namespace (or the agent's own, for host mode), with
/// the agent's socket options.
///
/// Each socket is made with the "setns sandwich" on the target event loop (swift-notes §2, style G9): on the loop's
/// thread, enter the namespace, call the future-returning `bind(to:)` / `connect(to: SocketAddress)` (which create
/// the socket synchronously), and leave the namespace before anything else runs on that thread. The socket then
/// stays in the workload's namespace for its whole life. `connect(host:port:)` is never used: it resolves first
/// and creates the socket later, outside the sandwich, in the wrong namespace.
package struct NetnsSocketFactory: Sendable {
    /// Where sockets are created; nil means the namespace the event loop's thread is in (host mode).
    package let namespace: NetworkNamespace?
    package let options: AgentSocketOptions

    package init(namespace: NetworkNamespace?, options: AgentSocketOptions = .agent) {
        self.namespace = namespace
        self.options = options
    }

    /// A TCP listener on `address`; accepted connections get `childInitializer` and carry the mark too.
    package func listen(
        on eventLoop: any EventLoop,
        at address: SocketAddress,
        backlog: Int32 = 128,
        childInitializer: @escaping @Sendable (any Channel) -> EventLoopFuture<Void>
    ) -> EventLoopFuture<any Channel> {
        let namespace = self.namespace
        let options = self.options
        return eventLoop.flatSubmit {
            var bootstrap = ServerBootstrap(group: eventLoop)
                .serverChannelOption(.backlog, value: backlog)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer(childInitializer)
            if options.reusePort {
                bootstrap = bootstrap.serverChannelOption(AgentChannelOptions.reusePort, value: 1)
            }
            if let mark = options.mark {
                bootstrap = bootstrap.serverChannelOption(
                    AgentChannelOptions.mark,
                    value: AgentChannelOptions.value(mark)
                )
                .childChannelOption(AgentChannelOptions.mark, value: AgentChannelOptions.value(mark))
            }
            do {
                return try namespace.withEntered { bootstrap.bind(to: address) }
            } catch {
                return eventLoop.makeFailedFuture(error)
            }
        }
    }

    /// A UDP socket bound to `address` (the DNS proxy).
    package func bindDatagram(
        on eventLoop: any EventLoop,
        at address: SocketAddress,
        initializer: @escaping @Sendable (any Channel) -> EventLoopFuture<Void>
    ) -> EventLoopFuture<any Channel> {
        let namespace = self.namespace
        let options = self.options
        return eventLoop.flatSubmit {
            var bootstrap = DatagramBootstrap(group: eventLoop)
                .channelOption(.socketOption(.so_reuseaddr), value: 1)
                .channelInitializer(initializer)
            if options.reusePort {
                bootstrap = bootstrap.channelOption(AgentChannelOptions.reusePort, value: 1)
            }
            if let mark = options.mark {
                bootstrap = bootstrap.channelOption(AgentChannelOptions.mark, value: AgentChannelOptions.value(mark))
            }
            do {
                return try namespace.withEntered { bootstrap.bind(to: address) }
            } catch {
                return eventLoop.makeFailedFuture(error)
            }
        }
    }

    /// A TCP connection to `address`. With `transparentSource`, the socket binds to that (usually non-local)
    /// address with `IP_TRANSPARENT` first, so the peer sees it as the source: how the agent delivers inbound
    /// traffic to the app with the client's own address (needs the policy routing of the namespace plan).
    package func connect(
        on eventLoop: any EventLoop,
        to address: SocketAddress,
        transparentSource: SocketAddress? = nil,
        connectTimeout: TimeAmount = .seconds(5),
        initializer: @escaping @Sendable (any Channel) -> EventLoopFuture<Void>
    ) -> EventLoopFuture<any Channel> {
        let namespace = self.namespace
        let options = self.options
        return eventLoop.flatSubmit {
            var bootstrap = ClientBootstrap(group: eventLoop)
                .connectTimeout(connectTimeout)
                .channelInitializer(initializer)
            if let mark = options.mark {
                bootstrap = bootstrap.channelOption(AgentChannelOptions.mark, value: AgentChannelOptions.value(mark))
            }
            if let source = transparentSource {
                // Options are applied before bind, and bind before connect, so the option is in place in time.
                bootstrap = bootstrap.channelOption(AgentChannelOptions.transparent(for: source), value: 1)
                    .bind(to: source)
            }
            do {
                return try namespace.withEntered { bootstrap.connect(to: address) }
            } catch {
                return eventLoop.makeFailedFuture(error)
            }
        }
    }
}

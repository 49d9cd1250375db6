import NIOCore
import NIOHTTP2

/// One established, pooled HBONE client connection as the connection factory hands it over.
package struct HBONEPoolConnection: Sendable {
    package var channel: any Channel
    package var multiplexer: NIOHTTP2Handler.StreamMultiplexer

    package init(channel: any Channel, multiplexer: NIOHTTP2Handler.StreamMultiplexer) {
        self.channel = channel
        self.multiplexer = multiplexer
    }
}

/// The HBONE client pool (ztunnel.md §2.7): hands out CONNECT streams on shared mTLS HTTP/2 connections, one
/// set of connections per `HBONEPoolKey`. The decisions are `HBONEConnectionPoolStateMachine`'s; this class runs
/// it on one event loop and does the I/O: dialing through the injected factory, connect timeouts, opening
/// streams, the idle timer, and closing connections.
///
/// All streams live on `eventLoop`; relay them to downstream channels of the same loop (`ByteSplice`). The agent
/// keeps one pool per local workload, pinned to that workload's event loop, as ztunnel keeps one per pod.
package final class HBONEConnectionPool: @unchecked Sendable {
    /// Dials `key.address`, sets up TLS as `key.source` verifying `key.destination`, then calls
    /// `configureHBONEClient(observer:)` with the given callbacks. Must use `eventLoop` for the channel.
    package typealias ConnectionFactory =
        @Sendable (
            _ key: HBONEPoolKey, _ eventLoop: any EventLoop, _ observer: HBONEConnectionObserver.Callbacks
        ) -> EventLoopFuture<HBONEPoolConnection>

    package let eventLoop: any EventLoop
    private let configuration: HBONEConfiguration
    private let factory: ConnectionFactory

    // Everything below is only touched on `eventLoop`.
    private var machine: HBONEConnectionPoolStateMachine
    private var nextRequestID = 0
    private var pending: [HBONEConnectionPoolStateMachine.RequestID: PendingRequest] = [:]
    private var connections: [HBONEConnectionPoolStateMachine.ConnectionID: HBONEPoolConnection] = [:]
    private var connectTimeouts: [HBONEConnectionPoolStateMachine.ConnectionID: Scheduled<Void>] = [:]
    private var idleTimer: (deadline: NIODeadline, task: Scheduled<Void>)?

    private struct PendingRequest {
        var request: HBONEConnectRequest
        var promise: EventLoopPromise<HBONEConnectedStream>
    }

    package init(
        eventLoop: any EventLoop,
        configuration: HBONEConfiguration = .defaults,
        factory: @escaping ConnectionFactory
    ) {
        self.eventLoop = eventLoop
        self.configuration = configuration
        self.factory = factory
        self.machine = HBONEConnectionPoolStateMachine(configuration: .init(configuration))
    }

    /// Opens a CONNECT stream for `request` on a connection of `key`, dialing one if needed. Fails with an
    /// `HBONEPoolError` when no connection can be had, or an `HBONEConnectError` when the server refuses.
    package func openStream(_ request: HBONEConnectRequest, key: HBONEPoolKey) -> EventLoopFuture<HBONEConnectedStream>
    {
        self.eventLoop.flatSubmit {
            let promise = self.eventLoop.makePromise(of: HBONEConnectedStream.self)
            let id = self.nextRequestID
            self.nextRequestID += 1
            self.pending[id] = PendingRequest(request: request, promise: promise)
            self.run(self.machine.requestStream(id, key: key, now: self.eventLoop.now))
            return promise.futureResult
        }
    }

    /// Fails waiting requests, closes every connection and refuses new requests.
    package func shutdown() -> EventLoopFuture<Void> {
        self.eventLoop.submit {
            self.idleTimer?.task.cancel()
            self.idleTimer = nil
            self.run(self.machine.shutdown())
        }
    }

    /// Number of connections (being set up, ready or draining) for `key`; for metrics and tests.
    package func connectionCount(for key: HBONEPoolKey) -> EventLoopFuture<Int> {
        self.eventLoop.submit { self.machine.connectionCount(for: key) }
    }
}

// MARK: - Running actions

extension HBONEConnectionPool {
    private func run(_ action: HBONEConnectionPoolStateMachine.Action) {
        self.eventLoop.preconditionInEventLoop()
        for (id, key) in action.connect.sorted(by: { $0.key < $1.key }) {
            self.dial(id, key: key)
        }
        for id in action.close {
            self.connectTimeouts.removeValue(forKey: id)?.cancel()
            self.connections.removeValue(forKey: id)?.channel.close(promise: nil)
        }
        for lease in action.leases {
            self.openLeasedStream(lease)
        }
        for failure in action.failures {
            self.pending.removeValue(forKey: failure.request)?.promise.fail(failure.error)
        }
        self.rescheduleIdleTimer()
    }

    private func dial(_ id: HBONEConnectionPoolStateMachine.ConnectionID, key: HBONEPoolKey) {
        let observer = HBONEConnectionObserver.Callbacks(
            maxConcurrentStreamsChanged: { limit in
                self.eventLoop.execute {
                    self.run(self.machine.maxConcurrentStreamsChanged(id, to: limit, now: self.eventLoop.now))
                }
            },
            goAwayReceived: {
                self.eventLoop.execute { self.run(self.machine.connectionDraining(id, now: self.eventLoop.now)) }
            },
            closed: { reason in
                self.eventLoop.execute { self.connectionClosed(id, reason: reason) }
            }
        )
        self.connectTimeouts[id] = self.eventLoop.scheduleTask(in: self.configuration.connectTimeout) {
            self.connectTimeouts[id] = nil
            self.run(self.machine.connectionFailed(id, error: HBONEPoolError(.connectTimedOut, address: key.address)))
        }
        self.factory(key, self.eventLoop, observer).hop(to: self.eventLoop).whenComplete { result in
            switch result {
            case .success(let connection):
                guard let timeout = self.connectTimeouts.removeValue(forKey: id) else {
                    // Too late: the timeout (or a shutdown) already failed this attempt.
                    connection.channel.close(promise: nil)
                    return
                }
                timeout.cancel()
                self.connections[id] = connection
                self.run(self.machine.connectionEstablished(id, now: self.eventLoop.now))
            case .failure(let error):
                self.connectTimeouts.removeValue(forKey: id)?.cancel()
                let code = HBONEPoolError.Code(dialError: error)
                self.run(self.machine.connectionFailed(id, error: HBONEPoolError(code, address: key.address)))
            }
        }
    }

    private func connectionClosed(_ id: HBONEConnectionPoolStateMachine.ConnectionID, reason: String) {
        // A connection that dies during setup: the factory's late success then finds no timeout and closes it.
        self.connectTimeouts.removeValue(forKey: id)?.cancel()
        self.connections[id] = nil
        self.run(self.machine.connectionClosed(id, reason: reason, now: self.eventLoop.now))
    }

    private func openLeasedStream(_ lease: HBONEConnectionPoolStateMachine.Action.Lease) {
        guard let pending = self.pending.removeValue(forKey: lease.request) else {
            self.run(self.machine.streamClosed(on: lease.connection, now: self.eventLoop.now))
            return
        }
        guard let connection = self.connections[lease.connection] else {
            pending.promise.fail(
                HBONEPoolError(.connectionClosed("connection gone"), address: pending.request.authority)
            )
            self.run(self.machine.streamClosed(on: lease.connection, now: self.eventLoop.now))
            return
        }
        let stream = HBONEConnectClient.connect(pending.request, on: connection.multiplexer, eventLoop: self.eventLoop)
        stream.whenComplete { result in
            switch result {
            case .success(let stream):
                stream.channel.closeFuture.whenComplete { _ in
                    self.eventLoop.execute {
                        self.run(self.machine.streamClosed(on: lease.connection, now: self.eventLoop.now))
                    }
                }
            case .failure:
                self.eventLoop.execute {
                    self.run(self.machine.streamClosed(on: lease.connection, now: self.eventLoop.now))
                }
            }
        }
        stream.cascade(to: pending.promise)
    }

    private func rescheduleIdleTimer() {
        guard let deadline = self.machine.nextIdleDeadline else {
            self.idleTimer?.task.cancel()
            self.idleTimer = nil
            return
        }
        if let current = self.idleTimer, current.deadline == deadline { return }
        self.idleTimer?.task.cancel()
        let task = self.eventLoop.scheduleTask(deadline: deadline) {
            self.idleTimer = nil
            self.run(self.machine.closeIdleConnections(now: self.eventLoop.now))
        }
        self.idleTimer = (deadline, task)
    }
}

extension HBONEPoolError.Code {
    /// Classifies a dial failure; the peer's port 15008 refusing is worth its own hint.
    init(dialError error: any Error) {
        if let error = error as? HBONEPoolError {
            self = error.code
        } else if let error = error as? IOError, error.errnoCode == HBONEPoolError.connectionRefusedErrno {
            self = .connectionRefused
        } else if case ChannelError.connectTimeout = error {
            self = .connectTimedOut
        } else {
            self = .connectFailed("\(error)")
        }
    }
}

extension HBONEPoolError {
    /// `ECONNREFUSED` on Linux (and 61 on Darwin), without importing a C library into this module.
    static var connectionRefusedErrno: CInt {
        #if os(Linux)
        return 111
        #else
        return 61
        #endif
    }
}

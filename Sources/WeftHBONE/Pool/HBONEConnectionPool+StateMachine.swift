import NIOCore

/// The HBONE client pool's decisions, with no I/O (style G3, after async-http-client's pool): which connection a
/// stream goes on, when to open another connection, who waits, who fails, and which idle connections to close.
/// `HBONEConnectionPool` runs it on one event loop and carries out its actions.
///
/// Rules (ztunnel.md §2.3, §2.7):
/// - Connections are per `HBONEPoolKey`; a stream only ever goes on a connection of its own key.
/// - A connection carries at most min(`maxStreamsPerConnection`, the peer's SETTINGS_MAX_CONCURRENT_STREAMS)
///   streams; when every ready connection of a key is full, another one is opened.
/// - At most one connection per key is being set up at a time; requests arriving meanwhile wait (up to
///   `maxPendingStreamsPerKey`, beyond which they fail at once) and are served in order when it is ready.
/// - When setup fails, every request waiting on that key fails with the error.
/// - A ready connection with no streams for `idleTimeout` is closed; so is a draining (GOAWAY) one once empty.
package struct HBONEConnectionPoolStateMachine {
    package typealias RequestID = Int

    /// Identifies one pooled connection for the lifetime of the pool.
    package struct ConnectionID: Hashable, Sendable, Comparable, CustomStringConvertible {
        package var rawValue: Int

        package init(_ rawValue: Int) {
            self.rawValue = rawValue
        }

        package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
        package var description: String { "connection \(self.rawValue)" }
    }

    package struct Configuration: Hashable, Sendable {
        package var maxStreamsPerConnection: Int
        package var idleTimeout: TimeAmount
        package var maxPendingStreamsPerKey: Int

        package init(
            maxStreamsPerConnection: Int = 100,
            idleTimeout: TimeAmount = .minutes(5),
            maxPendingStreamsPerKey: Int = 1024
        ) {
            self.maxStreamsPerConnection = maxStreamsPerConnection
            self.idleTimeout = idleTimeout
            self.maxPendingStreamsPerKey = maxPendingStreamsPerKey
        }

        package init(_ configuration: HBONEConfiguration) {
            self.init(
                maxStreamsPerConnection: configuration.clientMaxStreamsPerConnection,
                idleTimeout: configuration.poolIdleTimeout,
                maxPendingStreamsPerKey: configuration.maxPendingStreamsPerKey
            )
        }
    }

    /// Everything one event asks the executor to do, in this order: open connections, close connections, give
    /// requests their connection, fail requests.
    package struct Action: Hashable, Sendable {
        package struct Lease: Hashable, Sendable {
            package var request: RequestID
            package var connection: ConnectionID

            package init(request: RequestID, connection: ConnectionID) {
                self.request = request
                self.connection = connection
            }
        }

        package struct Failure: Hashable, Sendable {
            package var request: RequestID
            package var error: HBONEPoolError

            package init(request: RequestID, error: HBONEPoolError) {
                self.request = request
                self.error = error
            }
        }

        package var connect: [ConnectionID: HBONEPoolKey] = [:]
        package var close: [ConnectionID] = []
        package var leases: [Lease] = []
        package var failures: [Failure] = []

        package init() {}

        package var isEmpty: Bool {
            self.connect.isEmpty && self.close.isEmpty && self.leases.isEmpty && self.failures.isEmpty
        }
    }

    private enum ConnectionState: Hashable {
        case connecting
        case ready
        /// GOAWAY received: no new streams; closed once the last one ends.
        case draining
    }

    private struct Connection {
        var key: HBONEPoolKey
        var state: ConnectionState
        var maxStreams: Int
        var activeStreams = 0
        /// When the last stream ended (or the connection became ready without one); nil while streams are open.
        var idleSince: NIODeadline?

        var hasCapacity: Bool { self.state == .ready && self.activeStreams < self.maxStreams }
    }

    private let configuration: Configuration
    private var connections: [ConnectionID: Connection] = [:]
    private var waiters: [HBONEPoolKey: [RequestID]] = [:]
    private var nextConnectionID = 0
    private var isShutDown = false

    package init(configuration: Configuration) {
        self.configuration = configuration
    }

    // MARK: - Events

    /// A caller wants a stream for `key`.
    package mutating func requestStream(_ request: RequestID, key: HBONEPoolKey, now: NIODeadline) -> Action {
        var action = Action()
        guard !self.isShutDown else {
            action.failures.append(.init(request: request, error: HBONEPoolError(.shutDown, address: key.address)))
            return action
        }
        if self.waiters[key, default: []].isEmpty, let id = self.connectionWithCapacity(for: key) {
            self.lease(request, on: id, into: &action)
            return action
        }
        guard self.waiters[key, default: []].count < self.configuration.maxPendingStreamsPerKey else {
            let error = HBONEPoolError(
                .tooManyPendingStreams(limit: self.configuration.maxPendingStreamsPerKey),
                address: key.address
            )
            action.failures.append(.init(request: request, error: error))
            return action
        }
        self.waiters[key, default: []].append(request)
        self.connectIfNeeded(for: key, into: &action)
        return action
    }

    /// Setup of `id` finished (TCP, TLS, HTTP/2 preface); it can take streams.
    package mutating func connectionEstablished(_ id: ConnectionID, now: NIODeadline) -> Action {
        var action = Action()
        guard var connection = self.connections[id], connection.state == .connecting else { return action }
        connection.state = .ready
        connection.idleSince = now
        self.connections[id] = connection
        self.serveWaiters(for: connection.key, now: now, into: &action)
        return action
    }

    /// Setup of `id` failed; everything waiting on its key fails with `error`.
    package mutating func connectionFailed(_ id: ConnectionID, error: HBONEPoolError) -> Action {
        var action = Action()
        guard let connection = self.connections[id], connection.state == .connecting else { return action }
        self.connections[id] = nil
        for request in self.waiters.removeValue(forKey: connection.key) ?? [] {
            action.failures.append(.init(request: request, error: error))
        }
        return action
    }

    /// The peer announced its SETTINGS_MAX_CONCURRENT_STREAMS.
    package mutating func maxConcurrentStreamsChanged(
        _ id: ConnectionID,
        to peerLimit: Int,
        now: NIODeadline
    )
        -> Action
    {
        var action = Action()
        guard var connection = self.connections[id] else { return action }
        connection.maxStreams = max(0, min(self.configuration.maxStreamsPerConnection, peerLimit))
        self.connections[id] = connection
        if connection.state == .ready {
            self.serveWaiters(for: connection.key, now: now, into: &action)
        }
        return action
    }

    /// The peer sent GOAWAY: keep the connection's streams, give it no new ones.
    package mutating func connectionDraining(_ id: ConnectionID, now: NIODeadline) -> Action {
        var action = Action()
        guard var connection = self.connections[id], connection.state == .ready else { return action }
        connection.state = .draining
        self.connections[id] = connection
        if connection.activeStreams == 0 {
            self.connections[id] = nil
            action.close.append(id)
        }
        self.serveWaiters(for: connection.key, now: now, into: &action)
        return action
    }

    /// The connection closed (peer, network, keepalive timeout). Its streams are gone with it.
    package mutating func connectionClosed(_ id: ConnectionID, reason: String, now: NIODeadline) -> Action {
        guard let connection = self.connections[id] else { return Action() }
        if connection.state == .connecting {
            return self.connectionFailed(
                id,
                error: HBONEPoolError(.connectionClosed(reason), address: connection.key.address)
            )
        }
        var action = Action()
        self.connections[id] = nil
        self.serveWaiters(for: connection.key, now: now, into: &action)
        return action
    }

    /// A stream leased on `id` ended (or could not be opened).
    package mutating func streamClosed(on id: ConnectionID, now: NIODeadline) -> Action {
        var action = Action()
        guard var connection = self.connections[id] else { return action }
        connection.activeStreams = max(0, connection.activeStreams - 1)
        if connection.activeStreams == 0 {
            connection.idleSince = now
        }
        self.connections[id] = connection
        if connection.state == .draining && connection.activeStreams == 0 {
            self.connections[id] = nil
            action.close.append(id)
            return action
        }
        self.serveWaiters(for: connection.key, now: now, into: &action)
        return action
    }

    /// A waiting caller gave up (its own deadline, or its downstream closed).
    package mutating func cancelRequest(_ request: RequestID, key: HBONEPoolKey) -> Action {
        var action = Action()
        guard var queue = self.waiters[key], let index = queue.firstIndex(of: request) else { return action }
        queue.remove(at: index)
        self.waiters[key] = queue.isEmpty ? nil : queue
        action.failures.append(
            .init(request: request, error: HBONEPoolError(.connectionClosed("request cancelled"), address: key.address))
        )
        return action
    }

    /// Closes ready connections that have had no streams for `idleTimeout`.
    package mutating func closeIdleConnections(now: NIODeadline) -> Action {
        var action = Action()
        for (id, connection) in self.connections.sorted(by: { $0.key < $1.key })
        where connection.state == .ready && connection.activeStreams == 0 {
            if let idleSince = connection.idleSince, idleSince + self.configuration.idleTimeout <= now {
                self.connections[id] = nil
                action.close.append(id)
            }
        }
        return action
    }

    /// When the next idle connection is due to close, for the executor's timer.
    package var nextIdleDeadline: NIODeadline? {
        self.connections.values.compactMap { connection -> NIODeadline? in
            guard connection.state == .ready, connection.activeStreams == 0, let idleSince = connection.idleSince
            else { return nil }
            return idleSince + self.configuration.idleTimeout
        }.min()
    }

    /// Fails every waiting request and closes every connection; later requests fail at once.
    package mutating func shutdown() -> Action {
        var action = Action()
        self.isShutDown = true
        for (key, queue) in self.waiters.sorted(by: { $0.key.description < $1.key.description }) {
            for request in queue {
                action.failures.append(.init(request: request, error: HBONEPoolError(.shutDown, address: key.address)))
            }
        }
        self.waiters = [:]
        action.close = self.connections.keys.sorted()
        self.connections = [:]
        return action
    }

    // MARK: - Inspection (for the executor's metrics and for tests)

    /// Connections of `key` that are being set up, ready or draining.
    package func connectionCount(for key: HBONEPoolKey) -> Int {
        self.connections.values.filter { $0.key == key }.count
    }

    /// Streams currently leased on `id`.
    package func activeStreams(on id: ConnectionID) -> Int? {
        self.connections[id]?.activeStreams
    }

    /// Requests waiting for a connection of `key`.
    package func pendingRequests(for key: HBONEPoolKey) -> [RequestID] {
        self.waiters[key] ?? []
    }

    // MARK: - Helpers

    /// The oldest ready connection of `key` with a free stream slot: filling older connections first lets newer
    /// ones go idle and be released.
    private func connectionWithCapacity(for key: HBONEPoolKey) -> ConnectionID? {
        self.connections.filter { $0.value.key == key && $0.value.hasCapacity }.keys.min()
    }

    private mutating func lease(_ request: RequestID, on id: ConnectionID, into action: inout Action) {
        self.connections[id]?.activeStreams += 1
        self.connections[id]?.idleSince = nil
        action.leases.append(.init(request: request, connection: id))
    }

    private mutating func serveWaiters(for key: HBONEPoolKey, now: NIODeadline, into action: inout Action) {
        while var queue = self.waiters[key], !queue.isEmpty, let id = self.connectionWithCapacity(for: key) {
            let request = queue.removeFirst()
            self.waiters[key] = queue.isEmpty ? nil : queue
            self.lease(request, on: id, into: &action)
        }
        self.connectIfNeeded(for: key, into: &action)
    }

    /// Opens a connection for `key` when requests wait and none is being set up.
    private mutating func connectIfNeeded(for key: HBONEPoolKey, into action: inout Action) {
        guard !self.isShutDown, !(self.waiters[key] ?? []).isEmpty,
            !self.connections.values.contains(where: { $0.key == key && $0.state == .connecting })
        else { return }
        let id = ConnectionID(self.nextConnectionID)
        self.nextConnectionID += 1
        self.connections[id] = Connection(
            key: key,
            state: .connecting,
            maxStreams: self.configuration.maxStreamsPerConnection
        )
        action.connect[id] = key
    }
}

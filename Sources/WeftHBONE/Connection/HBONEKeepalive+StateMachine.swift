import NIOCore

/// The PING keepalive of an HBONE connection, as ztunnel's `do_ping_pong` runs it on both ends (ztunnel.md §2.3):
/// wait `interval`, send a PING, wait up to `timeout` for its ACK; no ACK in time means the peer or the path is
/// gone and the connection is dropped. After an ACK the cycle starts again.
///
/// A pure state machine (style G3): each event returns the action for `HBONEKeepaliveHandler` to carry out.
/// Timers are owned by the handler; the machine only says when to start and cancel them.
package struct HBONEKeepaliveStateMachine {
    package struct Configuration: Hashable, Sendable {
        /// Time between an ACK (or the start) and the next PING: 10 s.
        package var interval: TimeAmount = .seconds(10)
        /// Time a PING may stay unanswered: 20 s.
        package var timeout: TimeAmount = .seconds(20)

        package init(interval: TimeAmount = .seconds(10), timeout: TimeAmount = .seconds(20)) {
            self.interval = interval
            self.timeout = timeout
        }
    }

    package enum Action: Hashable, Sendable {
        case none
        /// Start the interval timer.
        case schedulePing(after: TimeAmount)
        /// Send a PING with this payload and start the timeout timer.
        case sendPing(data: UInt64, timeoutAfter: TimeAmount)
        /// The outstanding PING was answered: cancel the timeout timer and start the interval timer.
        case cancelTimeoutAndSchedulePing(after: TimeAmount)
        /// No ACK in time: close the connection.
        case closeConnection
        /// Stop every timer.
        case cancelTimers
    }

    private enum State: Hashable {
        case notStarted
        case waitingToPing
        case awaitingAck(data: UInt64)
        case stopped
    }

    private let configuration: Configuration
    private var state: State = .notStarted
    private var nextPingData: UInt64

    /// - Parameter firstPingData: the payload of the first PING; later ones count up from it, so an ACK for an
    ///   older PING can be told apart.
    package init(configuration: Configuration, firstPingData: UInt64) {
        self.configuration = configuration
        self.nextPingData = firstPingData
    }

    /// The connection became active.
    package mutating func start() -> Action {
        guard case .notStarted = self.state else { return .none }
        self.state = .waitingToPing
        return .schedulePing(after: self.configuration.interval)
    }

    package mutating func pingTimerFired() -> Action {
        guard case .waitingToPing = self.state else { return .none }
        let data = self.nextPingData
        self.nextPingData &+= 1
        self.state = .awaitingAck(data: data)
        return .sendPing(data: data, timeoutAfter: self.configuration.timeout)
    }

    /// A PING ACK arrived; one that does not answer the outstanding PING is ignored.
    package mutating func pingAckReceived(data: UInt64) -> Action {
        guard case .awaitingAck(let expected) = self.state, expected == data else { return .none }
        self.state = .waitingToPing
        return .cancelTimeoutAndSchedulePing(after: self.configuration.interval)
    }

    package mutating func timeoutFired() -> Action {
        guard case .awaitingAck = self.state else { return .none }
        self.state = .stopped
        return .closeConnection
    }

    /// The connection closed or the handler left the pipeline.
    package mutating func stop() -> Action {
        switch self.state {
        case .stopped: return .none
        case .notStarted:
            self.state = .stopped
            return .none
        case .waitingToPing, .awaitingAck:
            self.state = .stopped
            return .cancelTimers
        }
    }
}

import NIOCore
import NIOEmbedded
import NIOHTTP2
import Synchronization
import Testing
import WeftHBONE

@Suite("HBONE PING keepalive")
struct HBONEKeepaliveTests {
    typealias Machine = HBONEKeepaliveStateMachine

    @Test("The state machine pings after the interval, waits for its ACK, and closes on timeout")
    func stateMachine() {
        var machine = Machine(configuration: .init(), firstPingData: 7)
        #expect(machine.start() == .schedulePing(after: .seconds(10)))
        #expect(machine.start() == .none)
        #expect(machine.pingTimerFired() == .sendPing(data: 7, timeoutAfter: .seconds(20)))
        #expect(machine.pingAckReceived(data: 6) == .none, "an ACK for another PING does not count")
        #expect(machine.pingAckReceived(data: 7) == .cancelTimeoutAndSchedulePing(after: .seconds(10)))
        #expect(machine.timeoutFired() == .none, "a stale timeout after the ACK is ignored")
        #expect(machine.pingTimerFired() == .sendPing(data: 8, timeoutAfter: .seconds(20)))
        #expect(machine.timeoutFired() == .closeConnection)
        #expect(machine.pingTimerFired() == .none)
        #expect(machine.stop() == .none)
    }

    @Test("Stopping cancels the timers once")
    func stop() {
        var machine = Machine(configuration: .init(), firstPingData: 1)
        _ = machine.start()
        #expect(machine.stop() == .cancelTimers)
        #expect(machine.stop() == .none)
        #expect(machine.start() == .none)
    }

    func pings(_ channel: EmbeddedChannel) throws -> [UInt64] {
        var data: [UInt64] = []
        while let frame = try channel.readOutbound(as: HTTP2Frame.self) {
            if case .ping(let ping, ack: false) = frame.payload { data.append(ping.integer) }
        }
        return data
    }

    @Test("The handler sends a PING every 10 s while ACKs come back, and closes 20 s after one goes unanswered")
    func handlerTimeline() throws {
        let loop = EmbeddedEventLoop()
        let channel = try EmbeddedChannel.active(
            [HBONEKeepaliveHandler(configuration: .init(), firstPingData: 1)],
            loop: loop
        )
        loop.advanceTime(by: .seconds(9))
        #expect(try self.pings(channel).isEmpty)
        loop.advanceTime(by: .seconds(1))
        #expect(try self.pings(channel) == [1])
        loop.advanceTime(by: .seconds(19))
        #expect(channel.isActive)
        try channel.writeInbound(HTTP2Frame(streamID: .rootStream, payload: .ping(.init(withInteger: 1), ack: true)))
        loop.advanceTime(by: .seconds(5))
        #expect(channel.isActive, "the ACK cancelled the timeout")
        loop.advanceTime(by: .seconds(5))
        #expect(try self.pings(channel) == [2])
        loop.advanceTime(by: .milliseconds(19_999))
        #expect(channel.isActive)
        loop.advanceTime(by: .milliseconds(1))
        #expect(!channel.isActive, "no ACK within 20 s closes the connection")
    }

    @Test("A dead peer closes a real HBONE client connection after 10 s + 20 s, and the observer says why")
    func deadPeer() throws {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(loop: loop)
        let reasons = ReasonLog()
        _ = try channel.pipeline.syncOperations.configureHBONEClient(observer: .init(closed: { reasons.append($0) }))
        try channel.connect(to: SocketAddress(ipAddress: "10.248.2.5", port: 15008)).wait()
        // Nothing ever comes back from the peer.
        loop.advanceTime(by: .seconds(29))
        #expect(channel.isActive)
        loop.advanceTime(by: .seconds(1))
        #expect(!channel.isActive)
        #expect(reasons.all == ["no PING acknowledgement within the keepalive timeout"])
    }
}

final class ReasonLog: Sendable {
    private let reasons = Mutex<[String]>([])
    func append(_ reason: String) { self.reasons.withLock { $0.append(reason) } }
    var all: [String] { self.reasons.withLock { $0 } }
}

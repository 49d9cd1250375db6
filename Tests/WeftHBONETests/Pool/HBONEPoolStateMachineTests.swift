import NIOCore
import Testing
import WeftCore
import WeftHBONE

@Suite("HBONE pool state machine")
struct HBONEPoolStateMachineTests {
    typealias Machine = HBONEConnectionPoolStateMachine
    typealias ConnectionID = Machine.ConnectionID

    static let sleep = try! SpiffeID(parsing: "spiffe://cluster.local/ns/default/sa/sleep")
    static let curl = try! SpiffeID(parsing: "spiffe://cluster.local/ns/default/sa/curl")
    static let reviews = try! SpiffeID(parsing: "spiffe://cluster.local/ns/default/sa/reviews")
    static let peer = try! HBONEAuthority(parsing: "10.248.2.5:15008")
    static let key = HBONEPoolKey(source: sleep, destination: reviews, address: peer)
    static let t0 = NIODeadline.uptimeNanoseconds(1_000_000_000)

    static func machine(streams: Int = 100, pending: Int = 1024) -> Machine {
        Machine(
            configuration: .init(
                maxStreamsPerConnection: streams,
                idleTimeout: .minutes(5),
                maxPendingStreamsPerKey: pending
            )
        )
    }

    static func lease(_ request: Int, _ connection: Int) -> Machine.Action.Lease {
        .init(request: request, connection: ConnectionID(connection))
    }

    @Test("The first request opens a connection and is served when it is ready")
    func firstRequest() {
        var machine = Self.machine()
        let action = machine.requestStream(1, key: Self.key, now: Self.t0)
        #expect(action.connect == [ConnectionID(0): Self.key])
        #expect(action.leases.isEmpty)
        #expect(machine.pendingRequests(for: Self.key) == [1])
        let ready = machine.connectionEstablished(ConnectionID(0), now: Self.t0)
        #expect(ready.leases == [Self.lease(1, 0)])
        #expect(ready.connect.isEmpty)
        #expect(machine.activeStreams(on: ConnectionID(0)) == 1)
    }

    @Test("Requests that arrive while a connection is set up wait for it; only one connect is in flight")
    func oneConnectPerKey() {
        var machine = Self.machine()
        var connects = 0
        for request in 1...5 {
            connects += machine.requestStream(request, key: Self.key, now: Self.t0).connect.count
        }
        #expect(connects == 1)
        let ready = machine.connectionEstablished(ConnectionID(0), now: Self.t0)
        #expect(ready.leases == (1...5).map { Self.lease($0, 0) })
    }

    @Test("Past 100 streams a second connection is opened")
    func secondConnection() {
        var machine = Self.machine()
        _ = machine.requestStream(0, key: Self.key, now: Self.t0)
        _ = machine.connectionEstablished(ConnectionID(0), now: Self.t0)
        for request in 1..<100 {
            #expect(machine.requestStream(request, key: Self.key, now: Self.t0).leases == [Self.lease(request, 0)])
        }
        let overflow = machine.requestStream(100, key: Self.key, now: Self.t0)
        #expect(overflow.connect == [ConnectionID(1): Self.key])
        #expect(machine.connectionEstablished(ConnectionID(1), now: Self.t0).leases == [Self.lease(100, 1)])
        #expect(machine.connectionCount(for: Self.key) == 2)
    }

    @Test("The peer's SETTINGS_MAX_CONCURRENT_STREAMS caps streams per connection below 100")
    func peerLimit() {
        var machine = Self.machine()
        _ = machine.requestStream(0, key: Self.key, now: Self.t0)
        _ = machine.connectionEstablished(ConnectionID(0), now: Self.t0)
        _ = machine.maxConcurrentStreamsChanged(ConnectionID(0), to: 2, now: Self.t0)
        #expect(machine.requestStream(1, key: Self.key, now: Self.t0).leases == [Self.lease(1, 0)])
        #expect(machine.requestStream(2, key: Self.key, now: Self.t0).connect == [ConnectionID(1): Self.key])
        // A peer that allows more than 100 is still held to 100 (ztunnel's pool limit).
        _ = machine.connectionEstablished(ConnectionID(1), now: Self.t0)
        _ = machine.maxConcurrentStreamsChanged(ConnectionID(1), to: 1000, now: Self.t0)
        for request in 3...102 { _ = machine.requestStream(request, key: Self.key, now: Self.t0) }
        #expect(machine.activeStreams(on: ConnectionID(1)) == 100)
        #expect(machine.pendingRequests(for: Self.key) == [102])
    }

    @Test("Two source identities never share a connection, even to the same destination")
    func identitySeparation() {
        var machine = Self.machine()
        let other = HBONEPoolKey(source: Self.curl, destination: Self.reviews, address: Self.peer)
        #expect(machine.requestStream(1, key: Self.key, now: Self.t0).connect == [ConnectionID(0): Self.key])
        #expect(machine.requestStream(2, key: other, now: Self.t0).connect == [ConnectionID(1): other])
        #expect(machine.connectionEstablished(ConnectionID(0), now: Self.t0).leases == [Self.lease(1, 0)])
        #expect(machine.connectionEstablished(ConnectionID(1), now: Self.t0).leases == [Self.lease(2, 1)])
        // Spare capacity on connection 0 is never used for the other identity.
        #expect(machine.requestStream(3, key: other, now: Self.t0).leases == [Self.lease(3, 1)])
    }

    @Test("A failed connect fails every waiter with the operator-readable error")
    func connectFailure() {
        var machine = Self.machine()
        _ = machine.requestStream(1, key: Self.key, now: Self.t0)
        _ = machine.requestStream(2, key: Self.key, now: Self.t0)
        let error = HBONEPoolError(.connectTimedOut, address: Self.peer)
        let failed = machine.connectionFailed(ConnectionID(0), error: error)
        #expect(failed.failures.map(\.request) == [1, 2])
        #expect(
            failed.failures.first?.error.description
                == "connection to 10.248.2.5:15008 timed out — is port 15008 reachable between nodes?"
        )
        #expect(machine.connectionCount(for: Self.key) == 0)
        // The next request tries again.
        #expect(machine.requestStream(3, key: Self.key, now: Self.t0).connect == [ConnectionID(1): Self.key])
    }

    @Test("Waiting is bounded: beyond the limit a request fails at once")
    func boundedWaiters() {
        var machine = Self.machine(pending: 2)
        _ = machine.requestStream(1, key: Self.key, now: Self.t0)
        _ = machine.requestStream(2, key: Self.key, now: Self.t0)
        let third = machine.requestStream(3, key: Self.key, now: Self.t0)
        #expect(third.failures.map(\.request) == [3])
        #expect(
            third.failures.first?.error.description
                == "too many streams (2) already waiting for a connection to 10.248.2.5:15008"
        )
    }

    @Test("A connection with no streams for 5 minutes is released; a new stream resets the clock")
    func idleRelease() {
        var machine = Self.machine()
        _ = machine.requestStream(1, key: Self.key, now: Self.t0)
        _ = machine.connectionEstablished(ConnectionID(0), now: Self.t0)
        #expect(machine.nextIdleDeadline == nil, "a connection with a stream is not idle")
        let closedAt = Self.t0 + .seconds(30)
        _ = machine.streamClosed(on: ConnectionID(0), now: closedAt)
        #expect(machine.nextIdleDeadline == closedAt + .minutes(5))
        #expect(machine.closeIdleConnections(now: closedAt + .minutes(5) - .nanoseconds(1)).isEmpty)
        _ = machine.requestStream(2, key: Self.key, now: closedAt + .minutes(4))
        _ = machine.streamClosed(on: ConnectionID(0), now: closedAt + .minutes(4))
        #expect(machine.closeIdleConnections(now: closedAt + .minutes(5)).isEmpty, "the second stream reset the clock")
        #expect(machine.closeIdleConnections(now: closedAt + .minutes(9)).close == [ConnectionID(0)])
        #expect(machine.connectionCount(for: Self.key) == 0)
        #expect(machine.nextIdleDeadline == nil)
    }

    @Test("A stream that ends on a full connection makes room for the next waiter")
    func streamEndServesWaiter() {
        var machine = Self.machine(streams: 1)
        _ = machine.requestStream(1, key: Self.key, now: Self.t0)
        _ = machine.connectionEstablished(ConnectionID(0), now: Self.t0)
        #expect(machine.requestStream(2, key: Self.key, now: Self.t0).connect == [ConnectionID(1): Self.key])
        #expect(machine.streamClosed(on: ConnectionID(0), now: Self.t0).leases == [Self.lease(2, 0)])
        #expect(machine.connectionEstablished(ConnectionID(1), now: Self.t0).leases.isEmpty)
    }

    @Test("After GOAWAY a connection takes no new streams and is closed when its last stream ends")
    func draining() {
        var machine = Self.machine()
        _ = machine.requestStream(1, key: Self.key, now: Self.t0)
        _ = machine.connectionEstablished(ConnectionID(0), now: Self.t0)
        #expect(machine.connectionDraining(ConnectionID(0), now: Self.t0).isEmpty)
        #expect(machine.requestStream(2, key: Self.key, now: Self.t0).connect == [ConnectionID(1): Self.key])
        #expect(machine.streamClosed(on: ConnectionID(0), now: Self.t0).close == [ConnectionID(0)])
    }

    @Test("When a ready connection dies with requests waiting, a new one is opened for them")
    func closedWithWaiters() {
        var machine = Self.machine(streams: 1)
        _ = machine.requestStream(1, key: Self.key, now: Self.t0)
        _ = machine.connectionEstablished(ConnectionID(0), now: Self.t0)
        _ = machine.requestStream(2, key: Self.key, now: Self.t0)
        _ = machine.connectionFailed(ConnectionID(1), error: HBONEPoolError(.connectionRefused, address: Self.peer))
        _ = machine.requestStream(3, key: Self.key, now: Self.t0)
        let closed = machine.connectionClosed(ConnectionID(0), reason: "peer went away", now: Self.t0)
        #expect(closed.connect == [:], "connection 2 is already on its way for request 3")
        #expect(machine.pendingRequests(for: Self.key) == [3])
        #expect(machine.connectionEstablished(ConnectionID(2), now: Self.t0).leases == [Self.lease(3, 2)])
    }

    @Test("A connection closed during setup fails its waiters with the reason")
    func closedDuringSetup() {
        var machine = Self.machine()
        _ = machine.requestStream(1, key: Self.key, now: Self.t0)
        let closed = machine.connectionClosed(ConnectionID(0), reason: "TLS handshake failed", now: Self.t0)
        #expect(
            closed.failures.map(\.error.description)
                == ["connection to 10.248.2.5:15008 closed before the stream opened: TLS handshake failed"]
        )
    }

    @Test("Shutdown fails waiters, closes every connection and refuses later requests")
    func shutdown() {
        var machine = Self.machine()
        _ = machine.requestStream(1, key: Self.key, now: Self.t0)
        _ = machine.connectionEstablished(ConnectionID(0), now: Self.t0)
        _ = machine.requestStream(
            2,
            key: HBONEPoolKey(source: Self.curl, destination: Self.reviews, address: Self.peer),
            now: Self.t0
        )
        let action = machine.shutdown()
        #expect(action.close == [ConnectionID(0), ConnectionID(1)])
        #expect(action.failures.map(\.request) == [2])
        let late = machine.requestStream(3, key: Self.key, now: Self.t0)
        #expect(late.failures.map(\.error.code) == [.shutDown])
        #expect(late.connect.isEmpty)
    }

    @Test("A cancelled waiter leaves the queue")
    func cancel() {
        var machine = Self.machine()
        _ = machine.requestStream(1, key: Self.key, now: Self.t0)
        _ = machine.requestStream(2, key: Self.key, now: Self.t0)
        #expect(machine.cancelRequest(1, key: Self.key).failures.map(\.request) == [1])
        #expect(machine.cancelRequest(1, key: Self.key).isEmpty)
        #expect(machine.connectionEstablished(ConnectionID(0), now: Self.t0).leases == [Self.lease(2, 0)])
    }
}

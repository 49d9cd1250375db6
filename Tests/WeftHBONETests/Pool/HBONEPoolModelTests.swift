import NIOCore
import PropertyBased
import Testing
import WeftCore
import WeftHBONE

/// Drives the pool state machine with random events and applies its actions to a model of the world that rejects
/// impossible transitions (async-http-client's approach, style §2.8), checking the pool's rules after each step.
@Suite("HBONE pool against a model")
struct HBONEPoolModelTests {
    typealias Machine = HBONEConnectionPoolStateMachine
    typealias ConnectionID = Machine.ConnectionID

    static let keys: [HBONEPoolKey] = {
        let reviews = try! SpiffeID(parsing: "spiffe://cluster.local/ns/default/sa/reviews")
        let ratings = try! SpiffeID(parsing: "spiffe://cluster.local/ns/default/sa/ratings")
        let sleep = try! SpiffeID(parsing: "spiffe://cluster.local/ns/default/sa/sleep")
        let curl = try! SpiffeID(parsing: "spiffe://cluster.local/ns/default/sa/curl")
        let a = try! HBONEAuthority(parsing: "10.248.2.5:15008")
        let b = try! HBONEAuthority(parsing: "[fd00:248::7]:15008")
        return [
            HBONEPoolKey(source: sleep, destination: reviews, address: a),
            HBONEPoolKey(source: curl, destination: reviews, address: a),
            HBONEPoolKey(source: sleep, destination: ratings, address: b),
        ]
    }()

    /// The world as the executor would see it.
    struct World {
        struct Connection {
            var key: HBONEPoolKey
            var ready = false
            var streams: [Int] = []
            var limit: Int
        }

        var machine: Machine
        let maxStreams: Int
        var now = NIODeadline.uptimeNanoseconds(0)
        var connections: [ConnectionID: Connection] = [:]
        var requests: [Int: HBONEPoolKey] = [:]
        var unresolved: Set<Int> = []
        var nextRequest = 0

        init(maxStreams: Int, maxPending: Int) {
            self.maxStreams = maxStreams
            self.machine = Machine(
                configuration: .init(
                    maxStreamsPerConnection: maxStreams,
                    idleTimeout: .seconds(300),
                    maxPendingStreamsPerKey: maxPending
                )
            )
        }

        mutating func apply(_ action: Machine.Action) {
            for (id, key) in action.connect {
                #expect(self.connections[id] == nil, "a connection id is never reused")
                #expect(
                    !self.connections.values.contains { $0.key == key && !$0.ready },
                    "at most one connection per key is set up at a time"
                )
                self.connections[id] = Connection(key: key, limit: self.maxStreams)
            }
            for id in action.close {
                #expect(self.connections[id] != nil, "only known connections are closed")
                self.connections[id] = nil
            }
            for lease in action.leases {
                let connection = self.connections[lease.connection]
                #expect(connection?.ready == true, "streams only go on ready connections")
                #expect(
                    connection?.key == self.requests[lease.request],
                    "a stream only goes on its own key's connection"
                )
                #expect((connection?.streams.count ?? 0) < (connection?.limit ?? 0), "the stream limit holds")
                #expect(self.unresolved.remove(lease.request) != nil, "each request is answered once")
                self.connections[lease.connection]?.streams.append(lease.request)
            }
            for failure in action.failures {
                #expect(self.unresolved.remove(failure.request) != nil, "each request is answered once")
            }
        }

        mutating func step(_ choice: UInt64) {
            let pick = Int(choice >> 8)
            switch choice % 8 {
            case 0, 1, 2:
                let key = HBONEPoolModelTests.keys[pick % HBONEPoolModelTests.keys.count]
                let request = self.nextRequest
                self.nextRequest += 1
                self.requests[request] = key
                self.unresolved.insert(request)
                self.apply(self.machine.requestStream(request, key: key, now: self.now))
            case 3:
                guard let id = self.pickConnection(pick, ready: false) else { return }
                self.connections[id]?.ready = true
                self.apply(self.machine.connectionEstablished(id, now: self.now))
                if pick % 3 == 0 {
                    let peerLimit = 1 + pick % 4
                    self.connections[id]?.limit = min(self.maxStreams, peerLimit)
                    self.apply(self.machine.maxConcurrentStreamsChanged(id, to: peerLimit, now: self.now))
                }
            case 4:
                guard let id = self.pickConnection(pick, ready: false) else { return }
                let key = self.connections[id]!.key
                self.connections[id] = nil
                self.apply(
                    self.machine.connectionFailed(id, error: HBONEPoolError(.connectTimedOut, address: key.address))
                )
            case 5:
                guard let id = self.pickConnection(pick, ready: true), !self.connections[id]!.streams.isEmpty else {
                    return
                }
                self.connections[id]!.streams.removeFirst()
                self.apply(self.machine.streamClosed(on: id, now: self.now))
            case 6:
                guard let id = self.pickConnection(pick, ready: true) else { return }
                self.connections[id] = nil
                self.apply(self.machine.connectionClosed(id, reason: "peer closed", now: self.now))
            default:
                self.now = self.now + .seconds(Int64(pick % 200))
                self.apply(self.machine.closeIdleConnections(now: self.now))
            }
        }

        func pickConnection(_ pick: Int, ready: Bool) -> ConnectionID? {
            let candidates = self.connections.filter { $0.value.ready == ready }.keys.sorted()
            return candidates.isEmpty ? nil : candidates[pick % candidates.count]
        }

        /// Rules that must hold between events.
        func checkInvariants() {
            for key in HBONEPoolModelTests.keys {
                let pending = self.machine.pendingRequests(for: key)
                #expect(Set(pending).isSubset(of: self.unresolved), "waiting requests are unanswered ones")
                guard !pending.isEmpty else { continue }
                #expect(
                    self.connections.values.contains { $0.key == key && !$0.ready },
                    "requests only wait while a connection for them is being set up"
                )
                #expect(
                    !self.connections.values.contains { $0.key == key && $0.ready && $0.streams.count < $0.limit },
                    "no request waits while its key has a free stream slot"
                )
            }
            let waiting = HBONEPoolModelTests.keys.reduce(0) { $0 + self.machine.pendingRequests(for: $1).count }
            #expect(waiting == self.unresolved.count, "every unanswered request is waiting")
            for key in HBONEPoolModelTests.keys {
                #expect(
                    self.machine.connectionCount(for: key) == self.connections.values.filter { $0.key == key }.count
                )
            }
        }
    }

    @Test("Random event sequences never break the pool's rules")
    func randomSequences() async {
        await propertyCheck(input: Gen.uint64(), Gen.int(in: 1...4), Gen.int(in: 1...6)) {
            seed,
            maxStreams,
            maxPending in
            var world = World(maxStreams: maxStreams, maxPending: maxPending)
            var rng = SplitMix64(state: seed)
            for _ in 0..<300 {
                world.step(rng.next())
                world.checkInvariants()
            }
        }
    }
}

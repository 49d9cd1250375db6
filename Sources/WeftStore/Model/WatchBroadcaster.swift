/// The subscribers of a store's ``ClusterStore/watch()``: hands each a stream that starts with the current state
/// and then receives every committed change, in commit order.
///
/// Streams buffer without bound: changes are control-plane writes (rare, small), and dropping one would leave a
/// subscriber with a state that never existed. Subscribers that stopped listening are pruned on the next publish.
package struct WatchBroadcaster: Sendable {
    private var continuations: [Int: AsyncStream<StoreEvent>.Continuation] = [:]
    private var nextID = 0

    package init() {}

    /// A new subscriber's stream, whose first event is `.snapshot(current)`.
    package mutating func subscribe(current: StoreSnapshot) -> AsyncStream<StoreEvent> {
        let (stream, continuation) = AsyncStream.makeStream(of: StoreEvent.self, bufferingPolicy: .unbounded)
        continuation.yield(.snapshot(current))
        self.continuations[self.nextID] = continuation
        self.nextID += 1
        return stream
    }

    /// Delivers `event` to every subscriber still listening.
    package mutating func publish(_ event: StoreEvent) {
        for (id, continuation) in self.continuations {
            if case .terminated = continuation.yield(event) { self.continuations[id] = nil }
        }
    }

    /// Ends every stream (the store is closing).
    package mutating func finishAll() {
        for continuation in self.continuations.values { continuation.finish() }
        self.continuations = [:]
    }

    /// How many subscribers are registered (some may have stopped listening since the last publish).
    package var count: Int { self.continuations.count }
}

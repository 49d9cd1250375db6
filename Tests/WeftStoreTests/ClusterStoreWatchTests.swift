import Testing
import WeftConfig
import WeftCore

@testable import WeftStore

@Suite("ClusterStore contract: watch")
struct ClusterStoreWatchTests {
    @Test(
        "a watch starts with the current state, then delivers each commit in order; folding gives the store's state",
        arguments: StoreBackend.allCases
    )
    func deliversInOrder(backend: StoreBackend) async throws {
        try await withTemporaryDirectory { directory in
            let store = try makeStore(backend, in: directory)
            _ = try await store.put(source("pa.yaml", peerAuthentication("a")))
            let initial = try await store.snapshot()

            let collector = Collector<StoreEvent>()
            await collector.start(await store.watch())
            _ = try await store.put(source("pa.yaml", peerAuthentication("b")))
            _ = await storeError { try await store.put(source("bad.yaml", peerAuthentication("c", mode: "LOOSE"))) }
            _ = try await store.putWorkload(WorkloadRecordTests.productpage, precondition: .any)
            _ = try await store.apply([.delete(paID("a")), .delete(paID("b"))])

            let events = await collector.wait(for: 4)
            await collector.stop()
            #expect(events.count == 4, "a snapshot and three commits; the rejected write publishes nothing")
            #expect(events.first == .snapshot(initial))
            let revisions = events.dropFirst().map { event -> UInt64 in
                if case .changed(let changeSet) = event { return changeSet.revision }
                return 0
            }
            #expect(revisions == [2, 3, 4])
            #expect(
                events[3]
                    == .changed(
                        StoreChangeSet(
                            revision: 4,
                            changes: [
                                .resourceDeleted(paID("a")), .resourceDeleted(paID("b")),
                            ]
                        )
                    )
            )
            let folded = events.reduce(StoreSnapshot()) { $0.applying($1) }
            #expect(folded == (try await store.snapshot()))
        }
    }

    @Test(
        "every watcher gets every event; a watcher that stopped listening is dropped",
        arguments: StoreBackend.allCases
    )
    func severalWatchers(backend: StoreBackend) async throws {
        try await withTemporaryDirectory { directory in
            let store = try makeStore(backend, in: directory)
            let first = Collector<StoreEvent>()
            let second = Collector<StoreEvent>()
            await first.start(await store.watch())
            await second.start(await store.watch())
            _ = try await store.put(source("pa.yaml", peerAuthentication("a")))
            #expect(await first.wait(for: 2).count == 2)
            #expect(await second.wait(for: 2).count == 2)

            await first.stop()
            // The first stream has ended; the next publish prunes it.
            _ = try await store.put(source("pa.yaml", peerAuthentication("b")))
            #expect(await second.wait(for: 3).count == 3)
            #expect(await first.items.count == 2)
            if let local = store as? LocalStore { #expect(await local.watcherCount == 1) }
            await second.stop()
        }
    }
}

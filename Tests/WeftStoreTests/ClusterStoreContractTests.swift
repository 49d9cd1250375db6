import Testing
import WeftConfig
import WeftCore

@testable import WeftStore

@Suite("ClusterStore contract: resources, revisions, batches, validation")
struct ClusterStoreContractTests {
    @Test("put, get, list and delete; each write gets the next store revision", arguments: StoreBackend.allCases)
    func putGetListDelete(backend: StoreBackend) async throws {
        try await withTemporaryDirectory { directory in
            let store = try makeStore(backend, in: directory)
            #expect(try await store.revision() == 0)

            let first = try await store.put(source("pa.yaml", peerAuthentication("a"), peerAuthentication("b")))
            #expect(first.revision == 1)
            #expect(
                first.outcomes.map(\.description) == [
                    "PeerAuthentication default/a created", "PeerAuthentication default/b created",
                ]
            )
            let second = try await store.put(
                source("mesh.yaml", peerAuthentication("default", namespace: "istio-system"))
            )
            #expect(second.revision == 2)

            let a = try #require(try await store.resource(paID("a")))
            #expect(a == StoredResource(id: paID("a"), yaml: peerAuthentication("a"), origin: .api, revision: 1))
            #expect(
                try await store.resources().map(\.id) == [
                    paID("a"), paID("b"), paID("default", namespace: "istio-system"),
                ]
            )
            #expect(
                try await store.resources(kind: .peerAuthentication, namespace: "istio-system").map(\.revision) == [2]
            )
            #expect(try await store.resources(kind: .virtualService).isEmpty)

            let deleted = try await store.delete(paID("a"))
            #expect(deleted.revision == 3)
            #expect(deleted.outcomes.map(\.description) == ["PeerAuthentication default/a deleted"])
            #expect(try await store.resource(paID("a")) == nil)
            #expect(try await store.revision() == 3)
        }
    }

    @Test(
        "re-applying identical text changes nothing and keeps the revision; a change is `configured`",
        arguments: StoreBackend.allCases
    )
    func idempotentApply(backend: StoreBackend) async throws {
        try await withTemporaryDirectory { directory in
            let store = try makeStore(backend, in: directory)
            _ = try await store.put(source("pa.yaml", peerAuthentication("a")))
            let again = try await store.put(source("pa.yaml", peerAuthentication("a")))
            #expect(again.revision == 1)
            #expect(again.isNoOp)
            #expect(again.outcomes.map(\.description) == ["PeerAuthentication default/a unchanged"])

            let changed = try await store.put(source("pa.yaml", peerAuthentication("a", mode: "PERMISSIVE")))
            #expect(changed.revision == 2)
            #expect(changed.outcomes.map(\.description) == ["PeerAuthentication default/a configured"])
            #expect(try await store.resource(paID("a"))?.yaml == peerAuthentication("a", mode: "PERMISSIVE"))
        }
    }

    @Test(
        "preconditions: create-only, expected revision, and the errors that say what happened",
        arguments: StoreBackend.allCases
    )
    func preconditions(backend: StoreBackend) async throws {
        try await withTemporaryDirectory { directory in
            let store = try makeStore(backend, in: directory)
            _ = try await store.put(source("pa.yaml", peerAuthentication("a")), precondition: .mustNotExist)
            _ = try await store.put(source("other.yaml", peerAuthentication("b")))  // revision 2

            let exists = await storeError {
                try await store.put(source("pa.yaml", peerAuthentication("a")), precondition: .mustNotExist)
            }
            #expect(exists?.code == .alreadyExists)
            #expect(exists?.description == "PeerAuthentication default/a: already exists (revision 1)")

            let updated = try await store.put(
                source("pa.yaml", peerAuthentication("a", mode: "PERMISSIVE")),
                precondition: .revision(1)
            )
            #expect(updated.revision == 3)

            // A second writer that read revision 1 loses.
            let stale = await storeError {
                try await store.put(source("pa.yaml", peerAuthentication("a")), precondition: .revision(1))
            }
            #expect(stale?.code == .conflict)
            #expect(
                stale?.description
                    == "PeerAuthentication default/a: changed since revision 1 (now at revision 3); read it again and retry"
            )
            #expect(try await store.resource(paID("a"))?.yaml == peerAuthentication("a", mode: "PERMISSIVE"))

            let missing = await storeError {
                try await store.put(source("c.yaml", peerAuthentication("c")), precondition: .revision(1))
            }
            #expect(missing?.description == "PeerAuthentication default/c: not found (expected revision 1)")

            let staleDelete = await storeError { try await store.delete(paID("a"), precondition: .revision(1)) }
            #expect(staleDelete?.code == .conflict)
            let goneDelete = await storeError { try await store.delete(paID("zzz")) }
            #expect(goneDelete?.description == "PeerAuthentication default/zzz: not found")
            _ = try await store.delete(paID("a"), precondition: .revision(3))
            #expect(try await store.revision() == 4)
        }
    }

    @Test("a batch commits all its writes at one revision, or none of them", arguments: StoreBackend.allCases)
    func atomicBatch(backend: StoreBackend) async throws {
        try await withTemporaryDirectory { directory in
            let store = try makeStore(backend, in: directory)
            _ = try await store.put(source("pa.yaml", peerAuthentication("old")))
            let before = try await store.snapshot()

            // One bad step (a stale precondition, last in the list) rejects the whole batch.
            let rejected = await storeError {
                try await store.apply([
                    .put(source("a.yaml", peerAuthentication("a"))),
                    .delete(paID("old")),
                    .put(source("b.yaml", peerAuthentication("b")), precondition: .revision(9)),
                ])
            }
            #expect(rejected?.description == "PeerAuthentication default/b: not found (expected revision 9)")
            #expect(try await store.snapshot() == before)

            let result = try await store.apply([
                .put(source("a.yaml", peerAuthentication("a"))),
                .delete(paID("old")),
                .put(source("b.yaml", peerAuthentication("b")), precondition: .mustNotExist),
            ])
            #expect(result.revision == 2)
            #expect(
                result.outcomes.map(\.description) == [
                    "PeerAuthentication default/a created", "PeerAuthentication default/b created",
                    "PeerAuthentication default/old deleted",
                ]
            )
            #expect(try await store.resources().map(\.revision) == [2, 2])
        }
    }

    @Test(
        "a bad resource is rejected with the decoder's exact diagnostics, and the store is unchanged",
        arguments: StoreBackend.allCases
    )
    func validationRejects(backend: StoreBackend) async throws {
        try await withTemporaryDirectory { directory in
            let store = try makeStore(backend, in: directory)
            _ = try await store.put(source("pa.yaml", peerAuthentication("a")))
            let before = try await store.snapshot()

            let error = await storeError {
                try await store.put(
                    source("bad.yaml", peerAuthentication("b"), peerAuthentication("c", mode: "LOOSE"))
                )
            }
            #expect(error?.code == .invalid)
            #expect(
                error?.description
                    == "bad.yaml: document 2: PeerAuthentication default/c: spec.mtls.mode: \"LOOSE\" is not one of "
                    + "UNSET, DISABLE, PERMISSIVE, STRICT"
            )
            #expect(try await store.snapshot() == before)
            if let local = store as? LocalStore {
                let bytes = try #require(try DurableFile.contents(of: local.path))
                #expect(try StoreFile.decode(bytes, path: local.path) == before, "nothing reached the disk either")
            }
        }
    }

    @Test(
        "validation sees what is stored: a second copy of a resource within one file is a duplicate",
        arguments: StoreBackend.allCases
    )
    func validatedTogether(backend: StoreBackend) async throws {
        try await withTemporaryDirectory { directory in
            let store = try makeStore(backend, in: directory)
            let error = await storeError {
                try await store.put(source("twice.yaml", peerAuthentication("a"), peerAuthentication("a")))
            }
            #expect(
                error?.description
                    == "twice.yaml: document 2: PeerAuthentication default/a: defined more than once "
                    + "(first in twice.yaml, document 1)"
            )
            #expect(try await store.revision() == 0)
        }
    }

    @Test(
        "warnings about the applied file come back with the result; the write is accepted",
        arguments: StoreBackend.allCases
    )
    func warningsReturned(backend: StoreBackend) async throws {
        try await withTemporaryDirectory { directory in
            let store = try makeStore(backend, in: directory)
            _ = try await store.put(source("dr.yaml", reviewsSubsets(["v1"])))
            let result = try await store.put(source("vs.yaml", reviewsRoute(subset: "v2")))
            #expect(
                result.warnings.map(\.description) == [
                    "warning: vs.yaml: document 1: VirtualService default/reviews: spec.http[0].route[0].destination.subset: "
                        + "subset \"v2\" is not defined by any DestinationRule for host reviews.default.svc.cluster.local"
                ]
            )
            // Defining the subset later clears it: the stored route is validated together with the new rule.
            let fixed = try await store.put(source("dr.yaml", reviewsSubsets(["v1", "v2"])))
            #expect(fixed.warnings.isEmpty)
            #expect(try await store.snapshot().validate().diagnostics.all.isEmpty)
        }
    }

    @Test("a file without any resource is refused rather than silently doing nothing", arguments: StoreBackend.allCases)
    func emptySource(backend: StoreBackend) async throws {
        try await withTemporaryDirectory { directory in
            let store = try makeStore(backend, in: directory)
            let error = await storeError {
                try await store.put(ConfigSource(name: "empty.yaml", text: "# nothing\n---\n"))
            }
            #expect(error?.description == "empty.yaml: contains no resources")
        }
    }

    @Test("applying and deleting the same resource in one batch is refused", arguments: StoreBackend.allCases)
    func putAndDeleteSameResource(backend: StoreBackend) async throws {
        try await withTemporaryDirectory { directory in
            let store = try makeStore(backend, in: directory)
            _ = try await store.put(source("pa.yaml", peerAuthentication("a")))
            let error = await storeError {
                try await store.apply([.put(source("pa.yaml", peerAuthentication("a"))), .delete(paID("a"))])
            }
            #expect(error?.description == "PeerAuthentication default/a: both applied and deleted in one request")
        }
    }
}

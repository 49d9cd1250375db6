import Foundation
import Testing
import WeftConfig
import WeftCore

@testable import WeftStore

@Suite("LocalStore: persistence and crash safety")
struct LocalStorePersistenceTests {
    /// A store with two resources and one workload, at revision 3.
    private func populate(_ directory: String) async throws -> StoreSnapshot {
        let store = try LocalStore(stateDirectory: directory)
        _ = try await store.put(source("pa.yaml", peerAuthentication("a"), peerAuthentication("b")))
        _ = try await store.putWorkload(WorkloadRecordTests.productpage, precondition: .mustNotExist)
        _ = try await store.delete(paID("b"))
        return await store.snapshot()
    }

    @Test("a new LocalStore on the same state directory reads back exactly what was committed")
    func persistsAcrossInstances() async throws {
        try await withTemporaryDirectory { directory in
            let written = try await self.populate(directory)
            #expect(written.revision == 3)
            let reopened = try LocalStore(stateDirectory: directory)
            #expect(await reopened.snapshot() == written)
            // And it keeps counting from there.
            #expect(try await reopened.put(source("c.yaml", peerAuthentication("c"))).revision == 4)
        }
    }

    @Test(
        "a torn temporary file (garbage, or a newer state cut in half) never loses the previous state, and is removed",
        arguments: ["garbage", "half"]
    )
    func tornTemporaryFile(kind: String) async throws {
        try await withTemporaryDirectory { directory in
            let written = try await self.populate(directory)
            let path = LocalStore.path(stateDirectory: directory)
            let temporary = DurableFile.temporaryPath(for: path)
            if kind == "garbage" {
                try writeFile(temporary, "\u{0}\u{7f}not json at all")
            } else {
                var newer = written
                newer.apply(StoreChangeSet(revision: 4, changes: [.resourceDeleted(paID("a"))]))
                let bytes = try StoreFile.encode(newer)
                try Data(bytes[0..<(bytes.count / 2)]).write(to: URL(fileURLWithPath: temporary))
            }
            let reopened = try LocalStore(stateDirectory: directory)
            #expect(await reopened.snapshot() == written)
            #expect(!FileManager.default.fileExists(atPath: temporary))
        }
    }

    @Test("a write that cannot be persisted fails with the file and reason, and changes nothing")
    func failedWriteChangesNothing() async throws {
        try await withTemporaryDirectory { directory in
            let written = try await self.populate(directory)
            let store = try LocalStore(stateDirectory: directory)
            let temporary = DurableFile.temporaryPath(for: store.path)
            // A directory where the temporary file must go makes the write fail the way a full disk would.
            try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: false)
            let error = await storeError { try await store.put(source("c.yaml", peerAuthentication("c"))) }
            #expect(error?.code == .io)
            #expect(error?.description == "\(temporary): cannot create: Is a directory")
            #expect(await store.snapshot() == written)
            let bytes = try #require(try DurableFile.contents(of: store.path))
            #expect(try StoreFile.decode(bytes, path: store.path) == written)

            try FileManager.default.removeItem(atPath: temporary)
            #expect(try await store.put(source("c.yaml", peerAuthentication("c"))).revision == 4)
        }
    }

    @Test(
        "a main file that cannot be read is reported loudly, naming it, instead of starting empty",
        arguments: [
            ("cut", "not valid JSON (BYTES bytes)"),
            ("type", "revision: expected a number"),
            ("missing", "workloads is missing"),
            ("kind", "resources[0].kind: unknown kind \"Gateway\""),
            ("format", "written in format 2, this Weft reads format 1 (a newer Weft wrote it?)"),
        ]
    )
    func corruptMainFile(damage: String, reason: String) async throws {
        try await withTemporaryDirectory { directory in
            _ = try await self.populate(directory)
            let path = LocalStore.path(stateDirectory: directory)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            let damaged: String
            switch damage {
            case "cut": damaged = String(text.prefix(text.count / 2))
            case "type": damaged = text.replacingOccurrences(of: "\"revision\" : 3", with: "\"revision\" : \"3\"")
            case "missing": damaged = text.replacingOccurrences(of: "\"workloads\"", with: "\"workers\"")
            case "kind": damaged = text.replacingOccurrences(of: "PeerAuthentication", with: "Gateway")
            default: damaged = text.replacingOccurrences(of: "\"format\" : 1", with: "\"format\" : 2")
            }
            #expect(damaged != text, "the damage must apply to the file as written")
            try writeFile(path, damaged)
            let expected = reason.replacingOccurrences(of: "BYTES", with: "\(damaged.utf8.count)")

            do {
                _ = try LocalStore(stateDirectory: directory)
                Issue.record("a corrupt store file must not open")
            } catch let error as StoreError {
                #expect(error.code == .corrupt)
                #expect(
                    error.description
                        == "\(path): cannot be read: \(expected). The store refuses to start rather than lose its "
                        + "state: restore the file from a backup, or move it away to start with an empty store"
                )
            } catch {
                Issue.record("unexpected \(error)")
            }
            // The damaged file is left for the operator to inspect, not replaced.
            #expect(try String(contentsOfFile: path, encoding: .utf8) == damaged)
        }
    }

    @Test("the file is written 0600, and its directory 0700")
    func permissions() async throws {
        try await withTemporaryDirectory { directory in
            _ = try await self.populate(directory)
            let path = LocalStore.path(stateDirectory: directory)
            let file = try FileManager.default.attributesOfItem(atPath: path)
            let folder = try FileManager.default.attributesOfItem(atPath: directory + "/store")
            #expect((file[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            #expect((folder[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        }
    }
}

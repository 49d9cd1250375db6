import Foundation
import Testing
import WeftConfig
import WeftCore

@testable import WeftStore

@Suite("Config directory watcher")
struct ConfigDirectoryWatcherTests {
    /// A state directory and an (existing, empty) config directory inside `directory`.
    private func setUp(_ directory: String) throws -> (store: LocalStore, configDirectory: String) {
        let configDirectory = directory + "/config.d"
        try FileManager.default.createDirectory(atPath: configDirectory, withIntermediateDirectories: false)
        return (try LocalStore(stateDirectory: directory + "/state"), configDirectory)
    }

    @Test("the polling loop picks up an added, a modified and a removed file")
    func addModifyRemove() async throws {
        try await withTemporaryDirectory { directory in
            let (store, configDirectory) = try self.setUp(directory)
            let watcher = ConfigDirectoryWatcher(directory: configDirectory, store: store, interval: .milliseconds(10))
            let updates = Collector<DirectoryUpdate>()
            await updates.start(watcher.updates)
            let loop = Task { await watcher.run() }
            defer { loop.cancel() }

            // The first pass sees an empty directory: applied, nothing to change.
            #expect(
                await updates.wait(for: 1).map(\.description) == [
                    "config directory \(configDirectory) (0 files): unchanged at revision 0"
                ]
            )

            let file = configDirectory + "/mtls.yaml"
            try replaceFile(file, peerAuthentication("a") + "---\n" + peerAuthentication("b"))
            #expect(
                await updates.wait(for: 2).last?.description == """
                    config directory \(configDirectory) (1 file): applied at revision 1: PeerAuthentication default/a created, \
                    PeerAuthentication default/b created
                    """
            )
            #expect(await store.resource(paID("a"))?.origin == .configDirectory(file: file))
            #expect(await store.resource(paID("a"))?.yaml == peerAuthentication("a"))

            try replaceFile(file, peerAuthentication("a", mode: "PERMISSIVE") + "---\n" + peerAuthentication("b"))
            #expect(
                await updates.wait(for: 3).last?.description == """
                    config directory \(configDirectory) (1 file): applied at revision 2: PeerAuthentication default/a \
                    configured
                    """
            )

            try FileManager.default.removeItem(atPath: file)
            #expect(
                await updates.wait(for: 4).last?.description == """
                    config directory \(configDirectory) (0 files): applied at revision 3: PeerAuthentication default/a \
                    deleted, PeerAuthentication default/b deleted
                    """
            )
            #expect(try await store.resources().isEmpty)

            loop.cancel()
            await loop.value
            await updates.stop()
            #expect(await updates.items.count == 4, "nothing is published while the directory stays the same")
        }
    }

    @Test("a bad file is rejected with file, resource and field, and the last good set stays in effect")
    func keepsLastGoodSet() async throws {
        try await withTemporaryDirectory { directory in
            let (store, configDirectory) = try self.setUp(directory)
            let watcher = ConfigDirectoryWatcher(directory: configDirectory, store: store)
            try replaceFile(configDirectory + "/a.yaml", peerAuthentication("a"))
            #expect(await watcher.check()?.isApplied == true)
            let good = await store.snapshot()

            try replaceFile(
                configDirectory + "/b.yaml",
                peerAuthentication("b") + "---\n" + peerAuthentication("c", mode: "LOOSE")
            )
            let rejected = try #require(await watcher.check())
            #expect(
                rejected.description == """
                    config directory \(configDirectory) (2 files): rejected, the previous configuration stays in effect:
                    \(configDirectory)/b.yaml: document 2: PeerAuthentication default/c: spec.mtls.mode: "LOOSE" is not \
                    one of UNSET, DISABLE, PERMISSIVE, STRICT
                    """
            )
            #expect(await store.snapshot() == good)
            #expect(await watcher.latest == rejected)
            // Polling the same bad content again neither retries nor republishes.
            #expect(await watcher.check() == nil)

            try replaceFile(configDirectory + "/b.yaml", peerAuthentication("b"))
            #expect(
                await watcher.check()?.description == """
                    config directory \(configDirectory) (2 files): applied at revision 2: PeerAuthentication default/b created
                    """
            )
        }
    }

    @Test("a file that changes between the two reads of a pass is left for the next pass")
    func settlesBeforeApplying() async throws {
        try await withTemporaryDirectory { directory in
            let (store, configDirectory) = try self.setUp(directory)
            let file = configDirectory + "/mtls.yaml"
            // The writer finishes the file while the watcher waits to confirm its first read.
            let watcher = ConfigDirectoryWatcher(directory: configDirectory, store: store) { _ in
                try replaceFile(file, peerAuthentication("a") + "---\n" + peerAuthentication("b"))
            }
            try writeFile(file, peerAuthentication("a") + "---\n")
            #expect(await watcher.check() == nil)
            #expect(await store.revision() == 0, "the half-written file must not be applied")
            #expect(await watcher.check()?.isApplied == true)
            #expect(try await store.resources().map(\.id) == [paID("a"), paID("b")])
        }
    }

    @Test("an unreadable file rejects the set too")
    func unreadableFile() async throws {
        try await withTemporaryDirectory { directory in
            let (store, configDirectory) = try self.setUp(directory)
            let watcher = ConfigDirectoryWatcher(directory: configDirectory, store: store)
            try Data([0xff, 0xfe, 0x00]).write(to: URL(fileURLWithPath: configDirectory + "/binary.yaml"))
            let update = try #require(await watcher.check())
            guard case .rejected(let error) = update.outcome else {
                Issue.record("expected a rejection, got \(update)")
                return
            }
            #expect(error.description == "\(configDirectory)/binary.yaml: not UTF-8 text")
        }
    }

    @Test("a set the store could not persist is retried on the next pass, though the files did not change")
    func retriesAfterStoreFailure() async throws {
        try await withTemporaryDirectory { directory in
            let (store, configDirectory) = try self.setUp(directory)
            let watcher = ConfigDirectoryWatcher(directory: configDirectory, store: store)
            try replaceFile(configDirectory + "/mtls.yaml", peerAuthentication("a"))
            let temporary = DurableFile.temporaryPath(for: store.path)
            try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: false)
            #expect(
                await watcher.check()?.description == """
                    config directory \(configDirectory) (1 file): rejected, the previous configuration stays in effect:
                    \(temporary): cannot create: Is a directory
                    """
            )
            try FileManager.default.removeItem(atPath: temporary)
            #expect(await watcher.check()?.isApplied == true)
            #expect(await store.resource(paID("a")) != nil)
        }
    }

    @Test("config-directory resources are read-only through the API")
    func readOnlyThroughAPI() async throws {
        try await withTemporaryDirectory { directory in
            let (store, configDirectory) = try self.setUp(directory)
            let watcher = ConfigDirectoryWatcher(directory: configDirectory, store: store)
            let file = configDirectory + "/mtls.yaml"
            try replaceFile(file, peerAuthentication("a"))
            #expect(await watcher.check()?.isApplied == true)

            let put = await storeError {
                try await store.put(
                    source("mine.yaml", peerAuthentication("x"), peerAuthentication("a", mode: "PERMISSIVE"))
                )
            }
            #expect(put?.code == .invalid)
            #expect(
                put?.description == """
                    mine.yaml: document 2: PeerAuthentication default/a: owned by the config directory (\(file)) and \
                    read-only through the API; edit or remove it there instead
                    """
            )
            let delete = await storeError { try await store.delete(paID("a")) }
            #expect(delete?.code == .readOnly)
            #expect(
                delete?.description == """
                    PeerAuthentication default/a: owned by the config directory (\(file)) and read-only through the API; \
                    edit or remove it there instead
                    """
            )
            #expect(await store.resource(paID("a"))?.yaml == peerAuthentication("a"))
            #expect(await store.resource(paID("x")) == nil)
        }
    }

    @Test("a file defining a resource applied through the API is rejected until the API one is deleted")
    func clashWithAPIResource() async throws {
        try await withTemporaryDirectory { directory in
            let (store, configDirectory) = try self.setUp(directory)
            _ = try await store.put(source("mine.yaml", peerAuthentication("a")))
            let watcher = ConfigDirectoryWatcher(directory: configDirectory, store: store)
            try replaceFile(configDirectory + "/mtls.yaml", peerAuthentication("a", mode: "PERMISSIVE"))
            #expect(
                await watcher.check()?.description == """
                    config directory \(configDirectory) (1 file): rejected, the previous configuration stays in effect:
                    \(configDirectory)/mtls.yaml: document 1: PeerAuthentication default/a: already applied through the \
                    API; delete it there first (weft delete peerauthentication a --namespace default) or remove it from \
                    this file
                    """
            )
            _ = try await store.delete(paID("a"))
            // The files did not change, but the store did: the rejected set is retried and now passes.
            let retried = try #require(await watcher.check())
            #expect(
                retried.description == """
                    config directory \(configDirectory) (1 file): applied at revision 3: PeerAuthentication default/a created
                    """
            )
            #expect(await store.resource(paID("a"))?.origin == .configDirectory(file: configDirectory + "/mtls.yaml"))
        }
    }

    @Test("the directory's resources survive a restart; a missing directory counts as empty")
    func persistedAndMissingDirectory() async throws {
        try await withTemporaryDirectory { directory in
            let (store, configDirectory) = try self.setUp(directory)
            try replaceFile(configDirectory + "/mtls.yaml", peerAuthentication("a"))
            #expect(await ConfigDirectoryWatcher(directory: configDirectory, store: store).check()?.isApplied == true)

            let reopened = try LocalStore(stateDirectory: directory + "/state")
            #expect(
                await reopened.resource(paID("a"))?.origin == .configDirectory(file: configDirectory + "/mtls.yaml")
            )
            // Same files after the restart: nothing to write.
            let watcher = ConfigDirectoryWatcher(directory: configDirectory, store: reopened)
            #expect(
                await watcher.check()?.description
                    == "config directory \(configDirectory) (1 file): unchanged at revision 1"
            )

            try FileManager.default.removeItem(atPath: configDirectory)
            #expect(
                await watcher.check()?.description == """
                    config directory \(configDirectory) (0 files): applied at revision 2: PeerAuthentication default/a deleted
                    """
            )
        }
    }

    @Test("the loop stops when its sleep throws, and finishes the updates stream")
    func stopsWhenSleepThrows() async throws {
        try await withTemporaryDirectory { directory in
            let (store, configDirectory) = try self.setUp(directory)
            struct Stop: Error {}
            // Settling (100 ms) passes; the wait for the next poll (1 s) throws.
            let watcher = ConfigDirectoryWatcher(directory: configDirectory, store: store) { duration in
                if duration == .seconds(1) { throw Stop() }
            }
            await watcher.run()
            var updates: [DirectoryUpdate] = []
            for await update in watcher.updates { updates.append(update) }
            #expect(updates.count == 1)
        }
    }
}

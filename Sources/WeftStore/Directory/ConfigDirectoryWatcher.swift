import Foundation
import WeftConfig
import WeftCore

/// Watches the agent's `--config-dir` (default `/etc/weft/config.d`) for GitOps: every `*.yaml` / `*.yml` file in
/// it (not recursive, hidden files skipped, name order, as `ConfigLoader` reads a directory) is the desired set of
/// directory-owned resources.
///
/// Polls: every `interval` it reads the whole directory and compares the text with what it last handled. Content,
/// not mtime + size: a same-size rewrite within the file system's timestamp granularity would hide a change, and
/// reading a few kilobytes a second costs nothing. On a change it hands the files to
/// ``ClusterStore/replaceDirectoryResources(_:readDiagnostics:)``, which validates them together with the API's
/// resources; the result (applied, or rejected with every diagnostic while the previous good set stays) is
/// published on ``updates``. A changed directory is read a second time after `settle` and handled only if both
/// reads agree, so a file caught half-written (an editor or `cat >` rewriting in place; an empty file would delete
/// its resources) is left for the next poll instead of being applied. A rejected set is retried when the store changes (an API delete can resolve a clash)
/// even if the files did not. A directory that does not exist counts as empty.
///
/// Run it with ``run()`` in the agent's task group (cancel the task to stop), or drive single passes with
/// ``check()`` — not both at once.
package actor ConfigDirectoryWatcher {
    /// One poll of the directory: its files and any reading problems.
    private struct Reading: Equatable {
        var sources: [ConfigSource]
        var diagnostics: ConfigDiagnostics
    }

    /// The watched directory.
    package nonisolated let directory: String
    /// Each change's outcome, for the agent to log and report in `weft status`. One consumer; finished when
    /// ``run()`` returns.
    package nonisolated let updates: AsyncStream<DirectoryUpdate>
    private let continuation: AsyncStream<DirectoryUpdate>.Continuation
    private let store: any ClusterStore
    private let interval: Duration
    private let settle: Duration
    private let sleep: @Sendable (Duration) async throws -> Void
    private var lastReading: Reading?
    /// The store revision when the current reading was rejected; a new revision is worth a retry.
    private var rejectedAtRevision: UInt64?
    /// The latest outcome (also published on ``updates``).
    package private(set) var latest: DirectoryUpdate?

    /// - Parameters:
    ///   - interval: time between polls; one second by default, so an edit is live within about a second.
    ///   - settle: pause before the confirming second read of a changed directory.
    ///   - sleep: waits between polls and for `settle`; injected so tests can drive time (default `Task.sleep`).
    package init(
        directory: String,
        store: any ClusterStore,
        interval: Duration = .seconds(1),
        settle: Duration = .milliseconds(100),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.directory = directory
        self.store = store
        self.interval = interval
        self.settle = settle
        self.sleep = sleep
        (self.updates, self.continuation) = AsyncStream.makeStream(of: DirectoryUpdate.self)
    }

    /// Polls until the task is cancelled (or the injected sleep throws), then finishes ``updates``.
    package func run() async {
        while !Task.isCancelled {
            await self.check()
            do { try await self.sleep(self.interval) } catch { break }
        }
        self.continuation.finish()
    }

    /// One pass: reads the directory and, if it changed (or a rejected set may now pass), hands it to the store.
    /// Returns the new outcome, or nil when there was nothing to do.
    @discardableResult
    package func check() async -> DirectoryUpdate? {
        let reading = Self.read(self.directory)
        let revision = try? await self.store.revision()
        if reading == self.lastReading {
            guard let rejectedAtRevision, let revision, revision != rejectedAtRevision else { return nil }
        } else {
            // Still being written? Then the next poll handles it.
            do { try await self.sleep(self.settle) } catch { return nil }
            guard Self.read(self.directory) == reading else { return nil }
        }
        self.lastReading = reading
        let files = reading.sources.map(\.name)
        let update: DirectoryUpdate
        do {
            let result = try await self.store.replaceDirectoryResources(
                reading.sources,
                readDiagnostics: reading.diagnostics
            )
            self.rejectedAtRevision = nil
            update = DirectoryUpdate(directory: self.directory, files: files, outcome: .applied(result))
        } catch {
            self.rejectedAtRevision = revision
            // Not the files' fault (a full disk, an unreachable etcd): try again on the next poll.
            if error.code != .invalid { self.lastReading = nil }
            update = DirectoryUpdate(directory: self.directory, files: files, outcome: .rejected(error))
        }
        // A retry that ends as before is not news.
        if update == self.latest { return nil }
        self.latest = update
        self.continuation.yield(update)
        return update
    }

    /// Reads every config file of the directory; a missing directory is empty, a path that is not a directory or
    /// an unreadable file is a diagnostic (which rejects the set).
    private static func read(_ directory: String) -> Reading {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            return Reading(sources: [], diagnostics: ConfigDiagnostics())
        }
        guard isDirectory.boolValue else {
            var diagnostics = ConfigDiagnostics()
            diagnostics.append(ConfigDiagnostic(code: .unreadable, file: directory, message: "is not a directory"))
            return Reading(sources: [], diagnostics: diagnostics)
        }
        let (sources, diagnostics) = ConfigLoader.sources(at: [directory])
        return Reading(sources: sources, diagnostics: diagnostics)
    }
}

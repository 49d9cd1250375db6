import WeftConfig
import WeftCore

/// The embedded store (architecture §8, the default): everything in one crash-safe file,
/// `STATE_DIR/store/store.json` (see ``StoreFile`` for why one file).
///
/// An actor, so writers are serialised: each write is planned against the current state (``StorePlanner``),
/// persisted with ``DurableFile/replace(_:with:mode:)`` (temp file, fsync, rename, fsync directory), and only then
/// made visible and published to watchers. A write whose persistence fails changes nothing, in memory or on disk.
///
/// The file I/O runs on the actor without suspending, which is what keeps planning and committing one step; it
/// blocks one thread for an fsync, acceptable for control-plane writes that happen a few times a minute at most.
///
/// Only one process may open a state directory: hold a ``StateDirectoryLock`` first.
package actor LocalStore: ClusterStore {
    /// The store's file.
    package nonisolated let path: String
    private var state: StoreSnapshot
    private var watchers = WatchBroadcaster()

    /// The store file under `stateDirectory`.
    package static func path(stateDirectory: String) -> String {
        stateDirectory + "/store/store.json"
    }

    /// Opens (or creates) the store under `stateDirectory`. A torn temporary file left by a crash is removed (the
    /// main file still holds the last committed state); a main file that cannot be read is an error naming it —
    /// never silently replaced by an empty store.
    package init(stateDirectory: String) throws(StoreError) {
        let path = Self.path(stateDirectory: stateDirectory)
        try DurableFile.makeDirectories(stateDirectory + "/store")
        try DurableFile.removeLeftovers(of: path)
        self.path = path
        if let bytes = try DurableFile.contents(of: path) {
            self.state = try StoreFile.decode(bytes, path: path)
        } else {
            self.state = StoreSnapshot()
        }
    }

    package func revision() -> UInt64 { self.state.revision }

    package func snapshot() -> StoreSnapshot { self.state }

    package func resource(_ id: ResourceID) -> StoredResource? { self.state.resources[id] }

    package func apply(_ writes: [ResourceWrite]) throws(StoreError) -> WriteResult {
        let plan = try StorePlanner.planApply(writes, on: self.state, revision: self.state.revision + 1)
        return try self.commit(plan)
    }

    package func replaceDirectoryResources(
        _ sources: [ConfigSource],
        readDiagnostics: ConfigDiagnostics
    ) throws(StoreError) -> WriteResult {
        let plan = try StorePlanner.planDirectory(
            sources,
            readDiagnostics: readDiagnostics,
            on: self.state,
            revision: self.state.revision + 1
        )
        return try self.commit(plan)
    }

    package func workload(_ key: WorkloadKey) -> StoredWorkload? { self.state.workloads[key] }

    package func putWorkload(
        _ record: WorkloadRecord,
        precondition: WritePrecondition = .any
    ) throws(StoreError) -> StoredWorkload {
        let plan = try StorePlanner.planWorkloadPut(
            record,
            precondition: precondition,
            on: self.state,
            revision: self.state.revision + 1
        )
        _ = try self.commit(plan)
        return self.state.workloads[record.key]!
    }

    package func deleteWorkload(
        _ key: WorkloadKey,
        precondition: WritePrecondition = .any
    ) throws(StoreError)
        -> UInt64
    {
        let plan = try StorePlanner.planWorkloadDelete(key, precondition: precondition, on: self.state)
        return try self.commit(plan).revision
    }

    package func watch() -> AsyncStream<StoreEvent> {
        self.watchers.subscribe(current: self.state)
    }

    /// How many watch streams are registered (pruned when a publish finds one that stopped listening).
    var watcherCount: Int { self.watchers.count }

    /// Ends every watch stream. The store stays usable; call when the agent shuts down.
    package func close() {
        self.watchers.finishAll()
    }

    /// Persists and publishes a plan at the next revision; a plan without changes writes nothing.
    private func commit(_ plan: StorePlan) throws(StoreError) -> WriteResult {
        guard !plan.changes.isEmpty else {
            return WriteResult(revision: self.state.revision, outcomes: plan.outcomes, warnings: plan.warnings)
        }
        let changeSet = StoreChangeSet(revision: self.state.revision + 1, changes: plan.changes)
        var next = self.state
        next.apply(changeSet)
        try DurableFile.replace(self.path, with: try StoreFile.encode(next))
        self.state = next
        self.watchers.publish(.changed(changeSet))
        return WriteResult(revision: next.revision, outcomes: plan.outcomes, warnings: plan.warnings)
    }
}

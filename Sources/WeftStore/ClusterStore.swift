import WeftConfig
import WeftCore

/// Where the agent reads and writes desired config and the workload registry (architecture §8).
///
/// Two backends sit behind it: ``LocalStore`` (embedded, one node, the default) and, later, an etcd store (a cluster
/// of nodes). Both keep the same contract:
/// - **Resources** are stored as the YAML the operator applied, keyed by `ResourceID`, each with the store revision
///   that last wrote it (a store-wide counter, like etcd's revision). Every write names a ``WritePrecondition``.
/// - **Every config write is validated** with `DocumentDecoder` together with everything already stored
///   (``StorePlanner``); on any error nothing changes and the error carries every diagnostic with file, resource and
///   field, so the last good configuration keeps serving.
/// - **Batches are atomic**: ``apply(_:)`` commits all its writes at one revision or none.
/// - **Config-directory resources** (``ResourceOrigin/configDirectory(file:)``) are replaced only as a set, by
///   ``replaceDirectoryResources(_:readDiagnostics:)``; the API cannot change or delete them.
/// - **Watching**: ``watch()`` starts with a `.snapshot` and then delivers every commit in order.
///
/// Errors are ``StoreError`` values; their `code` says what the caller can do (retry on `conflict`, fix the input
/// on `invalid`, …).
package protocol ClusterStore: Sendable {
    /// The store revision of the latest committed write (0 when never written).
    func revision() async throws(StoreError) -> UInt64

    /// Everything stored, at one revision.
    func snapshot() async throws(StoreError) -> StoreSnapshot

    /// One resource, or nil.
    func resource(_ id: ResourceID) async throws(StoreError) -> StoredResource?

    /// Applies a batch of API writes all or nothing (see the protocol's contract).
    func apply(_ writes: [ResourceWrite]) async throws(StoreError) -> WriteResult

    /// Replaces the config-directory resources with those `sources` define (the directory's files, read whole).
    /// Validated like ``apply(_:)``; errors in `readDiagnostics` (an unreadable file) reject the set too. On
    /// rejection the previous directory resources stay.
    func replaceDirectoryResources(
        _ sources: [ConfigSource],
        readDiagnostics: ConfigDiagnostics
    ) async throws(StoreError) -> WriteResult

    /// One enrolled workload, or nil.
    func workload(_ key: WorkloadKey) async throws(StoreError) -> StoredWorkload?

    /// Enrolls (or updates) a workload. Returns it with its new revision (the old one when nothing changed).
    func putWorkload(
        _ record: WorkloadRecord,
        precondition: WritePrecondition
    ) async throws(StoreError)
        -> StoredWorkload

    /// Removes a workload from the registry. Returns the new store revision.
    func deleteWorkload(_ key: WorkloadKey, precondition: WritePrecondition) async throws(StoreError) -> UInt64

    /// A stream of the store's state: first `.snapshot(current)`, then each commit as `.changed`, in order; a later
    /// `.snapshot` replaces everything (a re-list). Ends when the caller stops iterating or the store closes.
    func watch() async -> AsyncStream<StoreEvent>
}

// MARK: - Conveniences

extension ClusterStore {
    /// Every resource in id order, optionally only of one kind and/or namespace (`weft get KIND`).
    package func resources(
        kind: ResourceKind? = nil,
        namespace: String? = nil
    ) async throws(StoreError)
        -> [StoredResource]
    {
        try await self.snapshot().sortedResources.filter { resource in
            (kind == nil || resource.id.kind == kind) && (namespace == nil || resource.id.namespace == namespace)
        }
    }

    /// Every enrolled workload in key order.
    package func workloads() async throws(StoreError) -> [StoredWorkload] {
        try await self.snapshot().sortedWorkloads
    }

    /// Stores every resource of one YAML source (`weft apply -f`).
    package func put(
        _ source: ConfigSource,
        precondition: WritePrecondition = .any
    ) async throws(StoreError)
        -> WriteResult
    {
        try await self.apply([.put(source, precondition: precondition)])
    }

    /// Deletes one resource (`weft delete KIND NAME`).
    package func delete(
        _ id: ResourceID,
        precondition: WritePrecondition = .any
    ) async throws(StoreError)
        -> WriteResult
    {
        try await self.apply([.delete(id, precondition: precondition)])
    }
}

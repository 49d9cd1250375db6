import WeftCore

/// One entry changed by a committed write.
package enum StoreChange: Hashable, Sendable {
    /// Created or replaced; the value carries its new revision.
    case resourcePut(StoredResource)
    case resourceDeleted(ResourceID)
    case workloadPut(StoredWorkload)
    case workloadDeleted(WorkloadKey)
}

/// Everything one committed write changed, all at one store revision: a batch is seen whole or not at all.
package struct StoreChangeSet: Hashable, Sendable {
    /// The store revision the write created.
    package var revision: UInt64
    /// The changes in a stable order (resources by id, then workloads by key).
    package var changes: [StoreChange]

    package init(revision: UInt64, changes: [StoreChange]) {
        self.revision = revision
        self.changes = changes
    }
}

/// What `ClusterStore.watch()` delivers, in commit order.
package enum StoreEvent: Hashable, Sendable {
    /// The whole state: always the first event, and again whenever the store had to re-list (an etcd watch whose
    /// revision was compacted). Replaces whatever the watcher had.
    case snapshot(StoreSnapshot)
    /// One committed write, to be applied on top of the previous state.
    case changed(StoreChangeSet)
}

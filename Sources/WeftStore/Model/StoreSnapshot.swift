import WeftConfig
import WeftCore

/// The whole content of a store at one revision: every resource and every enrolled workload.
///
/// The agent keeps one, folds watch events into it (``applying(_:)``) and rebuilds its routing snapshot from
/// ``validate()`` whenever it changes.
package struct StoreSnapshot: Hashable, Sendable {
    /// The revision of the latest write included; 0 for a store never written.
    package var revision: UInt64
    package var resources: [ResourceID: StoredResource]
    package var workloads: [WorkloadKey: StoredWorkload]

    package init(
        revision: UInt64 = 0,
        resources: [ResourceID: StoredResource] = [:],
        workloads: [WorkloadKey: StoredWorkload] = [:]
    ) {
        self.revision = revision
        self.resources = resources
        self.workloads = workloads
    }

    /// Resources in id order (kind, namespace, name).
    package var sortedResources: [StoredResource] {
        self.resources.values.sorted { $0.id < $1.id }
    }

    /// Workloads in key order (namespace, name).
    package var sortedWorkloads: [StoredWorkload] {
        self.workloads.values.sorted { $0.key < $1.key }
    }

    /// Applies one committed write.
    package mutating func apply(_ changeSet: StoreChangeSet) {
        for change in changeSet.changes {
            switch change {
            case .resourcePut(let resource): self.resources[resource.id] = resource
            case .resourceDeleted(let id): self.resources[id] = nil
            case .workloadPut(let workload): self.workloads[workload.key] = workload
            case .workloadDeleted(let key): self.workloads[key] = nil
            }
        }
        self.revision = max(self.revision, changeSet.revision)
    }

    /// The state after a watch event: a snapshot replaces everything, a change set applies on top.
    package func applying(_ event: StoreEvent) -> StoreSnapshot {
        switch event {
        case .snapshot(let snapshot):
            return snapshot
        case .changed(let changeSet):
            var next = self
            next.apply(changeSet)
            return next
        }
    }

    /// Each resource's YAML as a source, in id order, named after its owner (the config-directory file, or
    /// ``StoreValidation/storedSourceName`` for API resources).
    package var configSources: [ConfigSource] {
        self.sortedResources.map(StoreValidation.source(for:))
    }

    /// Decodes every stored resource into the validated model. A store only accepts writes that validate, so
    /// errors here mean the decoder changed since they were written (an upgrade); the diagnostics say where.
    package func validate() -> ValidationResult {
        DocumentDecoder.decode(self.configSources)
    }
}

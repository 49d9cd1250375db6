import WeftConfig
import WeftCore

/// What a write would change, decided before anything is written.
package struct StorePlan: Hashable, Sendable {
    /// The entries to write, with the revision the commit will have. Empty when the write changes nothing.
    package var changes: [StoreChange]
    /// Per resource, what happened, in id order.
    package var outcomes: [ResourceOutcome]
    /// Warnings about the submitted files.
    package var warnings: [ConfigDiagnostic]

    package init(changes: [StoreChange], outcomes: [ResourceOutcome] = [], warnings: [ConfigDiagnostic] = []) {
        self.changes = changes
        self.outcomes = outcomes
        self.warnings = warnings
    }
}

/// Decides writes against a snapshot: ownership, preconditions and validation, and the resulting changes.
///
/// Pure (no I/O, no clock), so every store backend shares the same rules: ``LocalStore`` commits the plan with one
/// atomic file replace; an etcd store would commit it as one transaction comparing the revisions it read.
package enum StorePlanner {
    /// Plans a batch of API writes. Throws the first precondition failure, or every diagnostic if the resulting
    /// configuration has errors. `revision` is the revision the commit will get.
    package static func planApply(
        _ writes: [ResourceWrite],
        on snapshot: StoreSnapshot,
        revision: UInt64
    ) throws(StoreError) -> StorePlan {
        var puts: [(source: ConfigSource, precondition: WritePrecondition)] = []
        var deletes: [ResourceID: WritePrecondition] = [:]
        for write in writes {
            switch write {
            case .put(let source, let precondition): puts.append((source, precondition))
            case .delete(let id, let precondition): deletes[id] = precondition
            }
        }
        let sources = puts.map(\.source)
        let split = sources.map { (name: $0.name, documents: ResourceDocuments.split($0)) }
        try Self.checkDeletes(deletes, on: snapshot)
        // Ids the submitted documents name; preconditions are checked before validation, so a stale
        // read-modify-write reports the conflict rather than errors computed against state the caller never saw.
        var putIDs: Set<ResourceID> = []
        for ((source, precondition), (_, documents)) in zip(puts, split) {
            if documents.isEmpty {
                throw StoreError(.invalid, subject: source.name, "contains no resources")
            }
            for document in documents {
                guard let id = document.id else { continue }
                putIDs.insert(id)
                if deletes[id] != nil {
                    throw StoreError(.invalid, subject: id.description, "both applied and deleted in one request")
                }
                // A directory-owned resource is reported by validation below, at the document's position.
                if snapshot.resources[id]?.origin.directoryFile != nil { continue }
                try precondition.check(subject: id.description, storedRevision: snapshot.resources[id]?.revision)
            }
        }
        // Directory-owned resources always stay (so a submitted copy is a duplicate, reported as read-only); API
        // resources stay unless this write replaces or deletes them.
        let kept = snapshot.sortedResources.filter { resource in
            resource.origin != .api || (!putIDs.contains(resource.id) && deletes[resource.id] == nil)
        }
        let (result, relevant) = StoreValidation.validate(kept: kept, submitted: sources) { owner in
            owner.origin.directoryFile.map(StoreValidation.readOnlyMessage(file:))
        }
        if result.diagnostics.hasErrors { throw StoreError.invalid(relevant) }
        let documents = try StoreValidation.documents(of: split, validated: result, kept: kept)

        var changes: [StoreChange] = []
        var outcomes: [ResourceOutcome] = []
        for (_, document, id) in documents.sorted(by: { $0.id < $1.id }) {
            let stored = snapshot.resources[id]
            if let stored, stored.yaml == document.text {
                outcomes.append(ResourceOutcome(id: id, action: .unchanged))
                continue
            }
            let resource = StoredResource(id: id, yaml: document.text, origin: .api, revision: revision)
            changes.append(.resourcePut(resource))
            outcomes.append(ResourceOutcome(id: id, action: stored == nil ? .created : .configured))
        }
        for id in deletes.keys.sorted() {
            changes.append(.resourceDeleted(id))
            outcomes.append(ResourceOutcome(id: id, action: .deleted))
        }
        return StorePlan(
            changes: Self.ordered(changes),
            outcomes: outcomes.sorted { $0.id < $1.id },
            warnings: relevant.warnings
        )
    }

    /// Plans replacing every config-directory resource with what `sources` (the directory's files, read whole)
    /// define. `readDiagnostics` are problems reading the directory; any error rejects the new set, and the
    /// resources of the previous good set stay.
    package static func planDirectory(
        _ sources: [ConfigSource],
        readDiagnostics: ConfigDiagnostics,
        on snapshot: StoreSnapshot,
        revision: UInt64
    ) throws(StoreError) -> StorePlan {
        let kept = snapshot.sortedResources.filter { $0.origin == .api }
        let (result, relevant) = StoreValidation.validate(
            kept: kept,
            submitted: sources,
            extraDiagnostics: readDiagnostics
        ) { owner in
            owner.origin == .api ? StoreValidation.appliedElsewhereMessage(owner.id) : nil
        }
        if result.diagnostics.hasErrors { throw StoreError.invalid(relevant) }
        let split = sources.map { (name: $0.name, documents: ResourceDocuments.split($0)) }
        let documents = try StoreValidation.documents(of: split, validated: result, kept: kept)

        var changes: [StoreChange] = []
        var outcomes: [ResourceOutcome] = []
        var defined: Set<ResourceID> = []
        for (file, document, id) in documents.sorted(by: { $0.id < $1.id }) {
            defined.insert(id)
            let resource = StoredResource(
                id: id,
                yaml: document.text,
                origin: .configDirectory(file: file),
                revision: revision
            )
            let stored = snapshot.resources[id]
            if let stored, stored.yaml == resource.yaml, stored.origin == resource.origin {
                outcomes.append(ResourceOutcome(id: id, action: .unchanged))
                continue
            }
            changes.append(.resourcePut(resource))
            outcomes.append(ResourceOutcome(id: id, action: stored == nil ? .created : .configured))
        }
        for resource in snapshot.sortedResources where resource.origin != .api && !defined.contains(resource.id) {
            changes.append(.resourceDeleted(resource.id))
            outcomes.append(ResourceOutcome(id: resource.id, action: .deleted))
        }
        return StorePlan(
            changes: Self.ordered(changes),
            outcomes: outcomes.sorted { $0.id < $1.id },
            warnings: relevant.warnings
        )
    }

    /// Plans enrolling (or updating) a workload.
    package static func planWorkloadPut(
        _ record: WorkloadRecord,
        precondition: WritePrecondition,
        on snapshot: StoreSnapshot,
        revision: UInt64
    ) throws(StoreError) -> StorePlan {
        if let problem = record.problem {
            throw StoreError(.invalid, subject: record.key.description, problem)
        }
        let stored = snapshot.workloads[record.key]
        try precondition.check(subject: record.key.description, storedRevision: stored?.revision)
        if stored?.record == record { return StorePlan(changes: []) }
        return StorePlan(changes: [.workloadPut(StoredWorkload(record: record, revision: revision))])
    }

    /// Plans removing a workload from the registry.
    package static func planWorkloadDelete(
        _ key: WorkloadKey,
        precondition: WritePrecondition,
        on snapshot: StoreSnapshot
    ) throws(StoreError) -> StorePlan {
        guard let stored = snapshot.workloads[key] else {
            throw StoreError(.notFound, subject: key.description, "not enrolled")
        }
        try precondition.check(subject: key.description, storedRevision: stored.revision)
        return StorePlan(changes: [.workloadDeleted(key)])
    }

    private static func checkDeletes(
        _ deletes: [ResourceID: WritePrecondition],
        on snapshot: StoreSnapshot
    ) throws(StoreError) {
        for (id, precondition) in deletes.sorted(by: { $0.key < $1.key }) {
            guard let stored = snapshot.resources[id] else {
                throw StoreError(.notFound, subject: id.description, "not found")
            }
            if let file = stored.origin.directoryFile {
                throw StoreError(.readOnly, subject: id.description, StoreValidation.readOnlyMessage(file: file))
            }
            try precondition.check(subject: id.description, storedRevision: stored.revision)
        }
    }

    /// Resource changes by id, then workload changes by key, so every backend reports a batch the same way.
    private static func ordered(_ changes: [StoreChange]) -> [StoreChange] {
        func key(_ change: StoreChange) -> (Int, ResourceID?, WorkloadKey?) {
            switch change {
            case .resourcePut(let resource): return (0, resource.id, nil)
            case .resourceDeleted(let id): return (0, id, nil)
            case .workloadPut(let workload): return (1, nil, workload.key)
            case .workloadDeleted(let key): return (1, nil, key)
            }
        }
        return changes.sorted { lhs, rhs in
            let (a, b) = (key(lhs), key(rhs))
            if a.0 != b.0 { return a.0 < b.0 }
            if let x = a.1, let y = b.1 { return x < y }
            if let x = a.2, let y = b.2 { return x < y }
            return false
        }
    }
}

/// A workload as stored: the record and the store revision that last wrote it.
package struct StoredWorkload: Hashable, Sendable, Codable {
    package var record: WorkloadRecord
    /// The store revision of the write that last changed this workload.
    package var revision: UInt64

    package init(record: WorkloadRecord, revision: UInt64) {
        self.record = record
        self.revision = revision
    }

    package var key: WorkloadKey { self.record.key }
}

/// What the config-directory watcher did with the directory's content after a change.
package struct DirectoryUpdate: Hashable, Sendable, CustomStringConvertible {
    package enum Outcome: Hashable, Sendable {
        /// The files validated together with the rest of the store and are now the directory's resources.
        case applied(WriteResult)
        /// The files have errors (with file, resource and field); the previous good set stays in effect.
        case rejected(StoreError)
    }

    /// The directory watched.
    package var directory: String
    /// The files read, as paths, in name order.
    package var files: [String]
    package var outcome: Outcome

    package init(directory: String, files: [String], outcome: Outcome) {
        self.directory = directory
        self.files = files
        self.outcome = outcome
    }

    package var isApplied: Bool {
        if case .applied = self.outcome { return true }
        return false
    }

    /// One log entry: what was applied, or every error and the fact that the previous set keeps serving.
    package var description: String {
        let head = "config directory \(self.directory) (\(self.files.count) file\(self.files.count == 1 ? "" : "s"))"
        switch self.outcome {
        case .applied(let result):
            let changed = result.outcomes.filter { $0.action != .unchanged }
            if changed.isEmpty { return "\(head): unchanged at revision \(result.revision)" }
            let list = changed.map(\.description).joined(separator: ", ")
            return "\(head): applied at revision \(result.revision): \(list)"
        case .rejected(let error):
            return "\(head): rejected, the previous configuration stays in effect:\n\(error)"
        }
    }
}

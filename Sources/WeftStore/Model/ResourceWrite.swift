import WeftConfig
import WeftCore

/// One step of a write to the desired config. A list of them is applied all or nothing.
package enum ResourceWrite: Hashable, Sendable {
    /// Store every resource document in `source` (one file as `weft apply -f` sends it; many documents allowed),
    /// each under `precondition`. `source.name` is what diagnostics report (`reviews.yaml: document 2: …`).
    case put(ConfigSource, precondition: WritePrecondition = .any)
    /// Remove one resource.
    case delete(ResourceID, precondition: WritePrecondition = .any)
}

/// What a write did to each resource, as `weft apply` reports it (`VirtualService default/reviews configured`).
package struct ResourceOutcome: Hashable, Sendable, CustomStringConvertible {
    package enum Action: String, Hashable, Sendable {
        case created
        case configured
        /// Applied text identical to what was stored: nothing written, revision kept.
        case unchanged
        case deleted
    }

    package var id: ResourceID
    package var action: Action

    package init(id: ResourceID, action: Action) {
        self.id = id
        self.action = action
    }

    package var description: String { "\(self.id) \(self.action.rawValue)" }
}

/// The result of an accepted write.
package struct WriteResult: Hashable, Sendable {
    /// The store revision after the write; the previous revision when nothing changed.
    package var revision: UInt64
    /// One outcome per resource named by the write, in id order.
    package var outcomes: [ResourceOutcome]
    /// Warnings about the submitted files (accepted, but worth a look: a dangling subset, a deprecated field).
    package var warnings: [ConfigDiagnostic]

    package init(revision: UInt64, outcomes: [ResourceOutcome] = [], warnings: [ConfigDiagnostic] = []) {
        self.revision = revision
        self.outcomes = outcomes
        self.warnings = warnings
    }

    /// True when the write changed nothing (every resource unchanged).
    package var isNoOp: Bool { self.outcomes.allSatisfy { $0.action == .unchanged } }
}

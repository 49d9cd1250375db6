import WeftCore

/// Why a store operation failed, in words an operator can act on (style G11): a stable `code` for callers and tests,
/// the entry or file it is about, and the message. A rejected configuration carries every diagnostic.
///
/// Printed as `VirtualService default/reviews: changed since revision 7 (now at revision 9); read it again and
/// retry`, or, for `invalid`, as the diagnostics one per line (`reviews.yaml: document 1: VirtualService
/// default/reviews: spec.http[0].route[0].weight: must not be negative (got -5)`).
package struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of failure this is; stable for callers (the admin API maps them to HTTP statuses) and tests.
    package enum Code: String, Hashable, Sendable {
        /// The configuration, together with everything stored, has errors; nothing was written.
        case invalid
        /// A `.revision(N)` precondition failed: someone else changed the entry.
        case conflict
        /// A `.mustNotExist` precondition failed.
        case alreadyExists
        /// The entry does not exist.
        case notFound
        /// The entry belongs to the watched config directory and cannot be changed through the API.
        case readOnly
        /// A persisted file cannot be read back; the store refuses to start rather than lose state.
        case corrupt
        /// Reading or writing a file failed (disk full, permissions…); nothing was changed.
        case io
        /// The store's backend cannot be reached (etcd down or partitioned).
        case unavailable
    }

    package var code: Code
    /// The entry or file the failure is about: `VirtualService default/reviews`, `workload default/ratings`, a path.
    package var subject: String?
    package var message: String
    /// For `invalid`: the errors (and the warnings about the submitted files), in the order found.
    package var diagnostics: ConfigDiagnostics

    package init(_ code: Code, subject: String? = nil, _ message: String) {
        self.code = code
        self.subject = subject
        self.message = message
        self.diagnostics = ConfigDiagnostics()
    }

    /// A rejected configuration. `message` summarises; the diagnostics are what gets printed.
    package static func invalid(_ diagnostics: ConfigDiagnostics) -> StoreError {
        var error = StoreError(.invalid, "configuration rejected; nothing was changed")
        error.diagnostics = diagnostics
        return error
    }

    package var description: String {
        if self.code == .invalid, !self.diagnostics.all.isEmpty {
            return self.diagnostics.all.map(\.description).joined(separator: "\n")
        }
        guard let subject else { return self.message }
        return "\(subject): \(self.message)"
    }
}

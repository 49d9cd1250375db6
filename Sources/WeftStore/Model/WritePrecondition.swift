/// What a write expects to find before it changes an entry: optimistic concurrency without locks.
///
/// The same three cases map onto etcd transactions (`mod_revision == N`, `create_revision == 0`, no compare), so
/// every ``ClusterStore`` honours them the same way.
package enum WritePrecondition: Hashable, Sendable, CustomStringConvertible {
    /// Write whatever is stored now (`weft apply`).
    case any
    /// Write only if nothing is stored under that key yet (`create`); fails with `alreadyExists`.
    case mustNotExist
    /// Write only if the stored entry is still at this revision (read-modify-write); fails with `conflict`, or
    /// `notFound` if the entry is gone.
    case revision(UInt64)

    package var description: String {
        switch self {
        case .any: return "any revision"
        case .mustNotExist: return "create only"
        case .revision(let revision): return "revision \(revision)"
        }
    }

    /// Checks the precondition against what is stored (`nil`: nothing) and throws the error a caller can act on.
    /// `subject` names the entry in the message (`VirtualService default/reviews`, `workload default/ratings`).
    package func check(subject: String, storedRevision: UInt64?) throws(StoreError) {
        switch (self, storedRevision) {
        case (.any, _), (.mustNotExist, nil):
            return
        case (.mustNotExist, .some(let stored)):
            throw StoreError(.alreadyExists, subject: subject, "already exists (revision \(stored))")
        case (.revision(let expected), nil):
            throw StoreError(.notFound, subject: subject, "not found (expected revision \(expected))")
        case (.revision(let expected), .some(let stored)):
            guard expected != stored else { return }
            throw StoreError(
                .conflict,
                subject: subject,
                "changed since revision \(expected) (now at revision \(stored)); read it again and retry"
            )
        }
    }
}

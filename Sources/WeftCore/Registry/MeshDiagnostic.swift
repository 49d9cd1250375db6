/// Something the registry or snapshot compiler noticed and worked around: a dangling reference, a duplicate
/// host, an exhausted VIP pool. The snapshot is still built; the agent logs these and `weft explain` shows them.
package struct MeshDiagnostic: Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem this is; stable for tests and scripts.
    package enum Code: String, Hashable, Sendable {
        /// Two declarations of one hostname, workload or VIP; the first one wins.
        case duplicate
        /// A reference to a host, subset or port that nothing defines.
        case danglingReference
        /// A value Weft cannot use here (a non-IP address where an IP is needed…).
        case unusableValue
        /// The VIP pool has no free address left.
        case poolExhausted
        /// A regular expression the Swift regex engine rejects.
        case invalidRegex
    }

    package var code: Code
    package var resource: ResourceID?
    package var message: String

    package init(_ code: Code, resource: ResourceID?, _ message: String) {
        self.code = code
        self.resource = resource
        self.message = message
    }

    package var description: String {
        guard let resource else { return self.message }
        return "\(resource): \(self.message)"
    }
}

/// Names one enrolled workload: its mesh namespace and name (architecture §13: a bare name resolves across
/// namespaces, so the pair is the unique key).
package struct WorkloadKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    package var namespace: String
    package var name: String

    package init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    /// `workload default/productpage`, the subject of store errors about it.
    package var description: String { "workload \(self.namespace)/\(self.name)" }

    package static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }
}

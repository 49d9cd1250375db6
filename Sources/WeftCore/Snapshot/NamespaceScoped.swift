/// A value that depends on the client's namespace, precomputed: one entry per namespace whose answer differs from
/// everyone else's, and the answer for all other namespaces. Lookup is one dictionary probe.
///
/// VirtualService and DestinationRule selection depend on the client namespace only through the namespaces the
/// resources live in and are exported to, so the set of distinct answers is small and known at compile time.
struct NamespaceScoped<Value: Hashable & Sendable>: Hashable, Sendable {
    /// A namespace name Kubernetes never allows (names are DNS labels), standing for "any other namespace".
    static var otherNamespace: String { "" }

    private let byNamespace: [String: Value]
    let fallback: Value

    /// Evaluates `compute` for every namespace in `namespaces` and for "any other namespace", keeping only the
    /// entries that differ from the latter.
    init(namespaces: Set<String>, compute: (String) -> Value) {
        let fallback = compute(Self.otherNamespace)
        var byNamespace: [String: Value] = [:]
        for namespace in namespaces where namespace != Self.otherNamespace {
            let value = compute(namespace)
            if value != fallback { byNamespace[namespace] = value }
        }
        self.byNamespace = byNamespace
        self.fallback = fallback
    }

    subscript(namespace: String) -> Value {
        self.byNamespace[namespace] ?? self.fallback
    }

    /// Every distinct answer.
    var allValues: [Value] {
        [self.fallback] + self.byNamespace.values
    }
}

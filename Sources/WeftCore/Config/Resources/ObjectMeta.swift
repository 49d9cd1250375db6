/// The parts of Kubernetes `metadata` that Weft uses. Other standard metadata (uid, resourceVersion…) is accepted
/// so that `kubectl get -o yaml` output applies, and ignored.
package struct ObjectMeta: Hashable, Sendable {
    package var name: String = ""
    /// Istio's default when absent.
    package var namespace: String = "default"
    package var labels: [String: String] = [:]
    package var annotations: [String: String] = [:]

    package init(name: String = "", namespace: String = "default") {
        self.name = name
        self.namespace = namespace
    }
}

/// A `matchLabels` style selector (`selector.matchLabels` in security resources, `workloadSelector.labels`
/// elsewhere). An empty selector selects every workload in scope.
package struct LabelSelector: Hashable, Sendable {
    package var matchLabels: [String: String] = [:]

    package init(_ matchLabels: [String: String] = [:]) {
        self.matchLabels = matchLabels
    }

    package func matches(_ labels: [String: String]) -> Bool {
        self.matchLabels.allSatisfy { labels[$0.key] == $0.value }
    }
}

/// The source conditions shared by HTTP and TCP matches: `sourceLabels`, `sourceNamespace` and `gateways`.
///
/// Mesh traffic is routed as Istio's `mesh` gateway: a match that lists gateways applies only when `mesh` is one
/// of them, and then ignores the source labels and namespace (Istio's `sourceMatchHTTP`).
struct SourceMatch: Sendable, Hashable {
    let labels: [String: String]
    let namespace: String?
    let gateways: [String]

    init(labels: [String: String], namespace: String?, gateways: [String]) {
        self.labels = labels
        self.namespace = namespace
        self.gateways = gateways
    }

    /// Istio's name for the implicit gateway of all sidecars (and here, all agents).
    static let meshGateway = "mesh"

    var isUnconditional: Bool { self.labels.isEmpty && self.namespace == nil && self.gateways.isEmpty }

    func matches(_ source: TrafficSource) -> Bool {
        if !self.gateways.isEmpty { return self.gateways.contains(Self.meshGateway) }
        guard source.hasLabels(self.labels) else { return false }
        return self.namespace.map { $0 == source.namespace } ?? true
    }
}

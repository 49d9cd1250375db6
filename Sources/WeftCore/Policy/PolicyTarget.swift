/// The destination workload a policy decision is for: its namespace and labels decide which AuthorizationPolicy
/// and PeerAuthentication resources apply (mesh-wide in the root namespace, namespace-wide, or by selector).
package struct PolicyTarget: Hashable, Sendable {
    package var namespace: String
    package var labels: [String: String]

    package init(namespace: String, labels: [String: String] = [:]) {
        self.namespace = namespace
        self.labels = labels
    }
}

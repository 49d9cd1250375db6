/// Who sends a connection or request: what `sourceLabels` and `sourceNamespace` matches, and the DestinationRule
/// lookup (client namespace first), look at.
package struct TrafficSource: Hashable, Sendable {
    package var namespace: String
    package var labels: [String: String]
    package var address: IPAddress?
    package var workload: WorkloadKey?

    package init(
        namespace: String,
        labels: [String: String] = [:],
        address: IPAddress? = nil,
        workload: WorkloadKey? = nil
    ) {
        self.namespace = namespace
        self.labels = labels
        self.address = address
        self.workload = workload
    }

    /// The source as seen from one of its workloads.
    package init(workload: Workload) {
        self.init(
            namespace: workload.namespace,
            labels: workload.labels,
            address: workload.primaryAddress,
            workload: workload.key
        )
    }

    /// True when every label of `required` is on this source with the same value.
    func hasLabels(_ required: [String: String]) -> Bool {
        for (key, value) in required where self.labels[key] != value { return false }
        return true
    }
}

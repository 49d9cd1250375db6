/// The workloads enrolled with Weft agents, as the store holds them: the registry's input besides config.
///
/// `WorkloadEntry` resources are not listed here; they come with the config and are merged when the
/// `ServiceRegistry` is compiled.
package struct WorkloadRegistry: Hashable, Sendable {
    package var workloads: [Workload]

    package init(_ workloads: [Workload] = []) {
        self.workloads = workloads
    }
}

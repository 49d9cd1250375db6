extension Workload {
    /// The workload a `WorkloadEntry` declares. Labels are the entry's metadata labels overlaid by `spec.labels`
    /// (the ones Istio selects on). It is HBONE-reachable when labelled `istio.io/dataplane-mode: ambient`
    /// (architecture §13), plaintext otherwise. An address that is not an IP gives a workload without addresses.
    package init(entry: WorkloadEntry, trustDomain: String) {
        let id = ResourceID(kind: .workloadEntry, namespace: entry.metadata.namespace, name: entry.metadata.name)
        self.init(
            name: entry.metadata.name,
            namespace: entry.metadata.namespace,
            serviceAccount: entry.spec.serviceAccount ?? "default",
            trustDomain: trustDomain,
            labels: entry.metadata.labels.merging(entry.spec.labels) { _, spec in spec },
            addresses: IPAddress(entry.spec.address).map { [$0] } ?? [],
            node: nil,
            locality: entry.spec.locality.flatMap(WorkloadLocality.init(parsing:)),
            network: entry.spec.network,
            health: .healthy,
            capture: .external,
            dataplane: entry.isAmbient ? .ambient : .plaintext,
            origin: .workloadEntry(id),
            weight: entry.spec.weight ?? 1,
            namedPorts: entry.spec.ports
        )
    }
}

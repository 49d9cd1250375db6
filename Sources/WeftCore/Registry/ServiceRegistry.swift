/// The compiled registry: every service with its VIPs and endpoints, and every workload (enrolled ones plus
/// `WorkloadEntry` resources), indexed for lookup. Immutable; rebuilt from config and the enrolled workloads.
///
/// Services are sorted by hostname and workloads by `namespace/name`, so two registries built from the same
/// inputs are equal element by element.
package struct ServiceRegistry: Hashable, Sendable {
    package let services: [MeshService]
    /// Endpoints of `services[i]`, one per (member, service port), in a stable order.
    package let endpoints: [[ServiceEndpoint]]
    package let workloads: [Workload]
    package let diagnostics: [MeshDiagnostic]

    private let serviceIndexByHost: [String: Int]
    private let workloadIndexByKey: [WorkloadKey: Int]
    private let workloadIndexByAddress: [IPAddress: Int]

    init(
        services: [MeshService],
        endpoints: [[ServiceEndpoint]],
        workloads: [Workload],
        diagnostics: [MeshDiagnostic]
    ) {
        self.services = services
        self.endpoints = endpoints
        self.workloads = workloads
        self.diagnostics = diagnostics
        var byHost: [String: Int] = [:]
        for (index, service) in services.enumerated() { byHost[service.hostname] = index }
        self.serviceIndexByHost = byHost
        var byKey: [WorkloadKey: Int] = [:]
        var byAddress: [IPAddress: Int] = [:]
        for (index, workload) in workloads.enumerated() {
            byKey[workload.key] = index
            for address in workload.addresses where byAddress[address] == nil { byAddress[address] = index }
        }
        self.workloadIndexByKey = byKey
        self.workloadIndexByAddress = byAddress
    }

    /// Index into `services` of the service with this fully qualified hostname.
    package func serviceIndex(hostname: String) -> Int? {
        self.serviceIndexByHost[hostname]
    }

    package func service(hostname: String) -> MeshService? {
        self.serviceIndexByHost[hostname].map { self.services[$0] }
    }

    /// Endpoints of the service with this hostname (empty when unknown).
    package func endpoints(hostname: String) -> [ServiceEndpoint] {
        self.serviceIndexByHost[hostname].map { self.endpoints[$0] } ?? []
    }

    package func workloadIndex(key: WorkloadKey) -> Int? {
        self.workloadIndexByKey[key]
    }

    package func workload(key: WorkloadKey) -> Workload? {
        self.workloadIndexByKey[key].map { self.workloads[$0] }
    }

    /// Index into `workloads` of the workload that owns this address.
    package func workloadIndex(address: IPAddress) -> Int? {
        self.workloadIndexByAddress[address]
    }

    package func workload(address: IPAddress) -> Workload? {
        self.workloadIndexByAddress[address].map { self.workloads[$0] }
    }
}

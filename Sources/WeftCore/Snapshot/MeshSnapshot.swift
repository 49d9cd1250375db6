/// Everything one routing decision reads, compiled once from config, the enrolled workloads and the mesh settings,
/// then shared immutably by every connection until the next reload swaps in a new one (architecture §6, style G5).
///
/// Holds the registry (services, workloads, endpoints) and precomputed indexes: service VIP:port → service port,
/// workload IP → workload, host → VirtualService and DestinationRule per client namespace, and per service port,
/// rule and subset the endpoint list and merged traffic policy. Regexes are compiled here, once.
///
/// Equality and hashing look only at the inputs: compilation is deterministic, so equal inputs give equal
/// snapshots. Use `changes(from:)` to learn what differs between two snapshots.
package struct MeshSnapshot: Sendable {
    package let config: MeshConfig
    package let enrolled: WorkloadRegistry
    package let settings: MeshSettings
    package let registry: ServiceRegistry
    /// What the registry and the compiler noticed (dangling hosts, duplicate VIPs…), registry first.
    package let diagnostics: [MeshDiagnostic]

    let virtualServices: VirtualServiceIndex
    let destinationRules: DestinationRuleIndex
    /// Parallel to `registry.services`.
    let serviceRouting: [ServiceRouting]
    let tables: [DestinationTableKey: DestinationTable]
    let serviceByAddress: [DestinationAddress: ServicePortRef]
    let serviceBlocks: [(block: CIDR, service: Int)]
    /// A workload's own IP and port → the service port that targets it (for the protocol, architecture §13).
    let servicePortByWorkloadPort: [WorkloadPortKey: ServicePortRef]
}

/// A service and one of its ports, as indexes into the registry.
struct ServicePortRef: Hashable, Sendable {
    let service: Int
    let port: Int
}

struct WorkloadPortKey: Hashable, Sendable {
    let workload: Int
    let port: Int
}

/// Per-service routing lookups.
struct ServiceRouting: Sendable {
    /// Index into `virtualServices.virtualServices` of the VirtualService routing this service.
    let virtualService: NamespaceScoped<Int?>
    let destinationRule: NamespaceScoped<[DestinationRuleCandidate]>
    /// Every VirtualService / merged DestinationRule whose host covers this service, for diffs.
    let coveringVirtualServices: [Int]
    let coveringDestinationRules: [Int]
}

// MARK: - Hashable

extension MeshSnapshot: Hashable {
    package static func == (lhs: MeshSnapshot, rhs: MeshSnapshot) -> Bool {
        lhs.settings == rhs.settings && lhs.enrolled == rhs.enrolled && lhs.config == rhs.config
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(self.settings)
        hasher.combine(self.enrolled)
        hasher.combine(self.config)
    }
}

// MARK: - Lookups

extension MeshSnapshot {
    /// Every service, sorted by hostname.
    package var services: [MeshService] { self.registry.services }

    /// Every workload (enrolled and `WorkloadEntry`), sorted by `namespace/name`.
    package var workloads: [Workload] { self.registry.workloads }

    package func service(hostname: String) -> MeshService? {
        self.registry.service(hostname: hostname)
    }

    /// The service a client in `namespace` means by `name`: a full hostname or a Kubernetes short form
    /// (`reviews`, `reviews.default`, `reviews.default.svc`), resolved like a DNS search path.
    package func service(named name: String, from namespace: String) -> MeshService? {
        for candidate in MeshHostnames.searchCandidates(
            for: name,
            clientNamespace: namespace,
            clusterDomain: self.settings.clusterDomain
        ) {
            if let service = self.registry.service(hostname: candidate) { return service }
        }
        return nil
    }

    package func workload(key: WorkloadKey) -> Workload? {
        self.registry.workload(key: key)
    }

    package func workload(address: IPAddress) -> Workload? {
        self.registry.workload(address: address)
    }

    /// Workloads named `name` in any namespace (architecture §13: a bare name must resolve to exactly one).
    package func workloads(named name: String) -> [Workload] {
        self.registry.workloads.filter { $0.name == name }
    }

    /// The VirtualService that routes mesh traffic from `namespace` to the service `hostname`, if any.
    package func virtualService(routing hostname: String, from namespace: String) -> ResourceID? {
        guard let index = self.registry.serviceIndex(hostname: hostname),
            let virtualService = self.serviceRouting[index].virtualService[namespace]
        else { return nil }
        return self.virtualServices.virtualServices[virtualService].id
    }

    /// The DestinationRule that applies to traffic from `source` to the service `hostname`, if any.
    package func destinationRule(for hostname: String, from source: TrafficSource) -> ResourceID? {
        guard let index = self.registry.serviceIndex(hostname: hostname),
            let rule = self.serviceRouting[index].destinationRule[source.namespace].firstRule(for: source)
        else { return nil }
        return self.destinationRules.rules[rule].id
    }

    /// The target for traffic from `source` to `hostname:port` (and `subset`): endpoints and traffic policy, or
    /// why there is none. What a route destination resolves to, without any VirtualService.
    package func target(
        hostname: String,
        port: Int,
        subset: String? = nil,
        from source: TrafficSource
    ) -> Result<RouteTarget, NoRouteReason> {
        guard let index = self.registry.serviceIndex(hostname: hostname) else {
            return .failure(.unknownDestinationHost(hostname, rule: nil))
        }
        return self.target(service: index, port: port, subset: subset, source: source, rule: nil)
    }

    /// Table lookup behind every route destination: the DestinationRule for the client, then the service port's
    /// table under that rule, then the subset.
    func target(
        service: Int,
        port: Int,
        subset: String?,
        source: TrafficSource,
        rule: MatchedRule?
    ) -> Result<RouteTarget, NoRouteReason> {
        let destinationRule = self.serviceRouting[service].destinationRule[source.namespace].firstRule(for: source)
        guard let table = self.tables[DestinationTableKey(service: service, port: port, rule: destinationRule ?? -1)]
        else {
            return .failure(
                .unknownDestinationPort(host: self.registry.services[service].hostname, port: port, rule: rule)
            )
        }
        guard let subset else { return .success(table.whole) }
        guard let target = table.subsets[subset] else {
            return .failure(
                .unknownSubset(
                    host: self.registry.services[service].hostname,
                    subset: subset,
                    destinationRule: destinationRule.map { self.destinationRules.rules[$0].id },
                    rule: rule
                )
            )
        }
        return .success(target)
    }
}

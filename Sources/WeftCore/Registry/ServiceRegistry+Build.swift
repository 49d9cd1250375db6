extension ServiceRegistry {
    /// A declared service before VIP allocation, with what its endpoints are derived from.
    private struct Draft {
        var service: MeshService
        var staticEndpoints: [WorkloadEntrySpec]
        var needsAllocatedAddress: Bool
    }

    /// Compiles the registry from validated config and the enrolled workloads.
    ///
    /// Services come from core `v1 Service` resources (hostname `<name>.<ns>.svc.<clusterDomain>`) and from each
    /// host of each `ServiceEntry`; when two declare one hostname the first declared wins (Services before
    /// ServiceEntries, then config order) and a diagnostic names the loser. Services with no address get one from
    /// `settings.vipPool` (`VIPAllocator`), except headless services, wildcard hosts and `resolution: NONE`.
    package init(config: MeshConfig, enrolled: WorkloadRegistry, settings: MeshSettings) {
        var diagnostics: [MeshDiagnostic] = []
        let workloads = Self.collectWorkloads(config: config, enrolled: enrolled, settings: settings, &diagnostics)
        var drafts = Self.declaredServices(config: config, settings: settings, &diagnostics)

        var reserved = Set<IPAddress>()
        for draft in drafts { reserved.formUnion(draft.service.addresses) }
        for workload in workloads { reserved.formUnion(workload.addresses) }
        let allocator = VIPAllocator(pool: settings.vipPool)
        let wanted = drafts.filter(\.needsAllocatedAddress).map(\.service.hostname)
        let allocated = allocator.allocate(wanted, reserved: reserved)
        for index in drafts.indices where drafts[index].needsAllocatedAddress {
            let hostname = drafts[index].service.hostname
            if let address = allocated[hostname] {
                drafts[index].service.addresses = [address]
                drafts[index].service.isAddressAllocated = true
            } else {
                diagnostics.append(
                    MeshDiagnostic(
                        .poolExhausted,
                        resource: drafts[index].service.origin.resource,
                        "no free address left in \(settings.vipPool) for \(hostname)"
                    )
                )
            }
        }

        drafts.sort { $0.service.hostname < $1.service.hostname }
        let byNamespace = Dictionary(grouping: workloads, by: \.namespace)
        let endpoints = drafts.map { draft in
            Self.endpoints(
                of: (draft.service, draft.staticEndpoints),
                workloadsInNamespace: byNamespace[draft.service.namespace] ?? [],
                settings
            )
        }
        self.init(
            services: drafts.map(\.service),
            endpoints: endpoints,
            workloads: workloads,
            diagnostics: diagnostics
        )
    }

    // MARK: - Workloads

    private static func collectWorkloads(
        config: MeshConfig,
        enrolled: WorkloadRegistry,
        settings: MeshSettings,
        _ diagnostics: inout [MeshDiagnostic]
    ) -> [Workload] {
        var all: [Workload] = enrolled.workloads.map { workload in
            var copy = workload
            copy.trustDomain = settings.trustDomain
            return copy
        }
        for entry in config.workloadEntries {
            let workload = Workload(entry: entry, trustDomain: settings.trustDomain)
            if workload.addresses.isEmpty {
                diagnostics.append(
                    MeshDiagnostic(
                        .unusableValue,
                        resource: ResourceID(
                            kind: .workloadEntry,
                            namespace: entry.metadata.namespace,
                            name: entry.metadata.name
                        ),
                        "address \"\(entry.spec.address)\" is not an IP address; no service can select this entry"
                    )
                )
            }
            all.append(workload)
        }
        var seen = Set<WorkloadKey>()
        var owners: [IPAddress: WorkloadKey] = [:]
        var kept: [Workload] = []
        for workload in all {
            guard seen.insert(workload.key).inserted else {
                diagnostics.append(
                    MeshDiagnostic(
                        .duplicate,
                        resource: Self.resourceID(of: workload),
                        "workload \(workload.key) is declared twice; the first declaration wins"
                    )
                )
                continue
            }
            for address in workload.addresses {
                if let owner = owners[address] {
                    diagnostics.append(
                        MeshDiagnostic(
                            .duplicate,
                            resource: Self.resourceID(of: workload),
                            "address \(address) of workload \(workload.key) already belongs to workload \(owner)"
                        )
                    )
                } else {
                    owners[address] = workload.key
                }
            }
            kept.append(workload)
        }
        return kept.sorted { $0.key < $1.key }
    }

    private static func resourceID(of workload: Workload) -> ResourceID? {
        if case .workloadEntry(let id) = workload.origin { return id }
        return nil
    }

    // MARK: - Services

    private static func declaredServices(
        config: MeshConfig,
        settings: MeshSettings,
        _ diagnostics: inout [MeshDiagnostic]
    ) -> [Draft] {
        var drafts: [Draft] = []
        for service in config.services {
            drafts.append(Self.draft(kubernetes: service, settings: settings))
        }
        for entry in config.serviceEntries {
            for host in entry.hosts {
                drafts.append(Self.draft(entry: entry, host: host))
            }
        }
        var owners: [String: ResourceID] = [:]
        var kept: [Draft] = []
        for draft in drafts {
            let hostname = draft.service.hostname
            if let owner = owners[hostname] {
                diagnostics.append(
                    MeshDiagnostic(
                        .duplicate,
                        resource: draft.service.origin.resource,
                        "host \(hostname) is already declared by \(owner); the first declaration wins"
                    )
                )
                continue
            }
            owners[hostname] = draft.service.origin.resource
            kept.append(draft)
        }
        return kept
    }

    /// Istio reads a Service's visibility from the `networking.istio.io/exportTo` annotation.
    private static let exportToAnnotation = "networking.istio.io/exportTo"

    private static func draft(kubernetes service: KubernetesService, settings: MeshSettings) -> Draft {
        let id = ResourceID(kind: .service, namespace: service.metadata.namespace, name: service.metadata.name)
        let exportTo =
            service.metadata.annotations[Self.exportToAnnotation]?
            .split(separator: ",").map { String($0).trimmingASCIISpaces } ?? []
        let ports = service.ports.map { port in
            MeshServicePort(
                number: port.number,
                name: port.name,
                protocol: ServiceProtocol.forKubernetesPort(
                    number: port.number,
                    name: port.name,
                    transport: port.protocolName,
                    appProtocol: port.appProtocol
                ),
                targetPort: port.targetPort ?? port.number
            )
        }
        let mesh = MeshService(
            hostname: MeshHostnames.kubernetesFQDN(
                name: service.metadata.name,
                namespace: service.metadata.namespace,
                clusterDomain: settings.clusterDomain
            ),
            namespace: service.metadata.namespace,
            name: service.metadata.name,
            addresses: service.headless ? [] : service.clusterIP.map { [$0] } ?? [],
            ports: ports,
            selector: service.selector.isEmpty ? nil : LabelSelector(service.selector),
            origin: .kubernetesService(id),
            exportScope: ExportScope(exportTo: exportTo, namespace: service.metadata.namespace),
            isHeadless: service.headless
        )
        return Draft(
            service: mesh,
            staticEndpoints: [],
            needsAllocatedAddress: service.clusterIP == nil && !service.headless
        )
    }

    private static func draft(entry: ServiceEntry, host: String) -> Draft {
        let id = ResourceID(kind: .serviceEntry, namespace: entry.metadata.namespace, name: entry.metadata.name)
        let vips = entry.addresses.filter { $0.prefixLength == $0.address.bitWidth }.map(\.address)
        let blocks = entry.addresses.filter { $0.prefixLength < $0.address.bitWidth }
        let resolution: MeshService.Resolution
        switch entry.resolution {
        case .none: resolution = .passthrough
        case .static: resolution = .endpoints
        case .dns, .dnsRoundRobin: resolution = .dns
        }
        let ports = entry.ports.map { port in
            MeshServicePort(
                number: port.number,
                name: port.name,
                protocol: ServiceProtocol.forServiceEntryPort(
                    number: port.number,
                    name: port.name,
                    declared: port.protocolName
                ),
                targetPort: port.targetPort
            )
        }
        let mesh = MeshService(
            hostname: host,
            namespace: entry.metadata.namespace,
            name: entry.metadata.name,
            addresses: vips,
            addressBlocks: blocks,
            ports: ports,
            selector: entry.workloadSelector,
            origin: .serviceEntry(id),
            resolution: resolution,
            location: entry.location == .meshInternal ? .meshInternal : .meshExternal,
            exportScope: ExportScope(exportTo: entry.exportTo, namespace: entry.metadata.namespace),
            subjectAltNames: entry.subjectAltNames
        )
        return Draft(
            service: mesh,
            staticEndpoints: entry.endpoints,
            needsAllocatedAddress: entry.addresses.isEmpty && resolution != .passthrough && !host.hasPrefix("*")
        )
    }
}

extension String {
    /// The text without leading and trailing ASCII spaces (no Foundation in WeftCore).
    var trimmingASCIISpaces: String {
        String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}

extension MeshSnapshot {
    /// Compiles a snapshot. Never fails: problems that Istio would also tolerate at run time (a route to an
    /// unknown host, a subset no rule defines, two services claiming one VIP) become `diagnostics`, and the
    /// affected decisions say why they have no route.
    package init(
        config: MeshConfig,
        enrolled: WorkloadRegistry = WorkloadRegistry(),
        settings: MeshSettings = MeshSettings()
    ) {
        let registry = ServiceRegistry(config: config, enrolled: enrolled, settings: settings)
        var diagnostics = registry.diagnostics

        let virtualServices = VirtualServiceIndex(
            config.virtualServices.map {
                CompiledVirtualService($0, registry: registry, settings: settings, diagnostics: &diagnostics)
            }
        )
        let destinationRules = DestinationRuleIndex(config: config, settings: settings, diagnostics: &diagnostics)

        var routing: [ServiceRouting] = []
        var tables: [DestinationTableKey: DestinationTable] = [:]
        routing.reserveCapacity(registry.services.count)
        for (index, service) in registry.services.enumerated() {
            let choices = destinationRules.candidates(for: service, settings: settings)
            routing.append(
                ServiceRouting(
                    virtualService: virtualServices.candidates(for: service),
                    destinationRule: choices,
                    coveringVirtualServices: virtualServices.covering(service.hostname),
                    coveringDestinationRules: destinationRules.rules(covering: service.hostname)
                )
            )
            var rules: Set<Int> = [-1]
            for candidates in choices.allValues { rules.formUnion(candidates.map(\.rule)) }
            for rule in rules {
                let merged = rule >= 0 ? destinationRules.rules[rule] : nil
                for port in service.ports {
                    tables[DestinationTableKey(service: index, port: port.number, rule: rule)] = DestinationTable(
                        service: service,
                        port: port,
                        endpoints: registry.endpoints[index],
                        rule: merged
                    )
                }
            }
        }
        Self.checkSubsetReferences(virtualServices, destinationRules, registry, &diagnostics)

        var byAddress: [DestinationAddress: ServicePortRef] = [:]
        var blocks: [(block: CIDR, service: Int)] = []
        for (index, service) in registry.services.enumerated() {
            for address in service.addresses {
                for (portIndex, port) in service.ports.enumerated() {
                    let key = DestinationAddress(address, port.number)
                    if let owner = byAddress[key] {
                        diagnostics.append(
                            MeshDiagnostic(
                                .duplicate,
                                resource: service.origin.resource,
                                "\(key) of \(service.hostname) is already the address of "
                                    + "\(registry.services[owner.service].hostname); the latter keeps it"
                            )
                        )
                    } else {
                        byAddress[key] = ServicePortRef(service: index, port: portIndex)
                    }
                }
            }
            for block in service.addressBlocks { blocks.append((block, index)) }
        }

        var byWorkloadPort: [WorkloadPortKey: ServicePortRef] = [:]
        for (index, service) in registry.services.enumerated() {
            for endpoint in registry.endpoints[index] {
                guard let key = endpoint.workload, let workload = registry.workloadIndex(key: key),
                    let portIndex = service.ports.firstIndex(where: { $0.number == endpoint.servicePort })
                else { continue }
                let slot = WorkloadPortKey(workload: workload, port: endpoint.port)
                // A port whose protocol a service declares beats one left to detection.
                if let existing = byWorkloadPort[slot],
                    !registry.services[existing.service].ports[existing.port].protocol.needsDetection
                        || service.ports[portIndex].protocol.needsDetection
                {
                    continue
                }
                byWorkloadPort[slot] = ServicePortRef(service: index, port: portIndex)
            }
        }

        self.config = config
        self.enrolled = enrolled
        self.settings = settings
        self.registry = registry
        self.diagnostics = diagnostics
        self.virtualServices = virtualServices
        self.destinationRules = destinationRules
        self.serviceRouting = routing
        self.tables = tables
        self.serviceByAddress = byAddress
        self.serviceBlocks = blocks
        self.servicePortByWorkloadPort = byWorkloadPort
    }

    /// Warns about route destinations naming a subset that no DestinationRule for their host defines.
    private static func checkSubsetReferences(
        _ virtualServices: VirtualServiceIndex,
        _ destinationRules: DestinationRuleIndex,
        _ registry: ServiceRegistry,
        _ diagnostics: inout [MeshDiagnostic]
    ) {
        for virtualService in virtualServices.virtualServices {
            var references: [RouteDestinationRef] = []
            for route in virtualService.http {
                if case .forward(let destinations) = route.action { references += destinations.destinations }
                references += route.mirrors.map(\.destination)
            }
            for route in virtualService.tcp { references += route.destinations.destinations }
            for reference in references {
                guard let subset = reference.subset, reference.serviceIndex != nil else { continue }
                let defined = destinationRules.rules(covering: reference.host).contains { index in
                    destinationRules.rules[index].subsets.contains { $0.name == subset }
                }
                if !defined {
                    diagnostics.append(
                        MeshDiagnostic(
                            .danglingReference,
                            resource: virtualService.id,
                            "subset \(subset) of \(reference.host) is not defined by any DestinationRule"
                        )
                    )
                }
            }
        }
    }
}

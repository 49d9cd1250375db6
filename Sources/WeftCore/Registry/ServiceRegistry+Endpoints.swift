extension ServiceRegistry {
    /// The endpoints of one declared service, one per (member, service port).
    ///
    /// - A service with a selector (Service `selector`, ServiceEntry `workloadSelector`) has every workload of its
    ///   namespace whose labels include the selector's, enrolled or `WorkloadEntry`. The endpoint port is the
    ///   workload's port of the same name (WorkloadEntry `ports`), else the target port, else the port number.
    /// - A ServiceEntry with `endpoints` has those (IP addresses; with DNS resolution also names).
    /// - A DNS ServiceEntry without endpoints has its own hostname, resolved when connecting.
    /// - `resolution: NONE` has none: traffic goes to the original destination.
    static func endpoints(
        of draft: (service: MeshService, staticEndpoints: [WorkloadEntrySpec]),
        workloadsInNamespace: [Workload],
        _ settings: MeshSettings
    ) -> [ServiceEndpoint] {
        let service = draft.service
        if service.resolution == .passthrough { return [] }
        var result: [ServiceEndpoint] = []
        if let selector = service.selector {
            let members = workloadsInNamespace.filter { selector.matches($0.labels) && $0.primaryAddress != nil }
            for port in service.ports {
                for workload in members {
                    result.append(Self.endpoint(of: workload, port: port))
                }
            }
        } else if !draft.staticEndpoints.isEmpty {
            for port in service.ports {
                for entry in draft.staticEndpoints {
                    guard let endpoint = Self.endpoint(of: entry, port: port, service: service, settings) else {
                        continue
                    }
                    result.append(endpoint)
                }
            }
        } else if service.resolution == .dns {
            for port in service.ports {
                result.append(
                    ServiceEndpoint(
                        address: .dns(service.hostname),
                        port: port.targetPort ?? port.number,
                        servicePort: port.number,
                        transport: .plaintext
                    )
                )
            }
        }
        return result
    }

    private static func endpoint(of workload: Workload, port: MeshServicePort) -> ServiceEndpoint {
        let hbone = workload.isHBONEReachable
        return ServiceEndpoint(
            address: .ip(workload.primaryAddress!),
            port: workload.namedPorts[port.name] ?? port.targetPort ?? port.number,
            servicePort: port.number,
            workload: workload.key,
            labels: workload.labels,
            spiffeURI: hbone ? workload.spiffeURI : nil,
            locality: workload.locality,
            network: workload.network,
            health: workload.health,
            weight: max(1, workload.weight),
            transport: hbone ? .hbone : .plaintext
        )
    }

    private static func endpoint(
        of entry: WorkloadEntrySpec,
        port: MeshServicePort,
        service: MeshService,
        _ settings: MeshSettings
    ) -> ServiceEndpoint? {
        let address: EndpointAddress
        if let ip = IPAddress(entry.address) {
            address = .ip(ip)
        } else if service.resolution == .dns, !entry.address.hasPrefix("unix://") {
            address = .dns(entry.address)
        } else {
            return nil
        }
        let hbone = entry.labels[WorkloadEntry.dataplaneModeLabel] == "ambient"
        let identity =
            "spiffe://\(settings.trustDomain)/ns/\(service.namespace)/sa/\(entry.serviceAccount ?? "default")"
        return ServiceEndpoint(
            address: address,
            port: entry.ports[port.name] ?? port.targetPort ?? port.number,
            servicePort: port.number,
            labels: entry.labels,
            spiffeURI: hbone ? identity : nil,
            locality: entry.locality.flatMap(WorkloadLocality.init(parsing:)),
            network: entry.network,
            weight: max(1, entry.weight ?? 1),
            transport: hbone ? .hbone : .plaintext
        )
    }
}

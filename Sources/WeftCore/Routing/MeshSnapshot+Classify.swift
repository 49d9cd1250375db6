extension MeshSnapshot {
    /// Classifies the original destination of a connection from `source`: service VIP:port, else an address
    /// inside a ServiceEntry block on a declared port, else a workload's address, else passthrough or blocked by
    /// the outbound traffic policy. A service not exported to the client's namespace is not seen.
    ///
    /// Allocation-free: dictionary probes and a scan of ServiceEntry blocks.
    package func classify(_ destination: DestinationAddress, from source: TrafficSource) -> DestinationClass {
        if let ref = self.serviceByAddress[destination], self.isVisible(service: ref.service, from: source) {
            return .service(self.serviceDestination(ref, destination))
        }
        for (block, service) in self.serviceBlocks where block.contains(destination.address) {
            guard self.isVisible(service: service, from: source),
                let port = self.registry.services[service].ports.firstIndex(where: { $0.number == destination.port })
            else { continue }
            return .service(self.serviceDestination(ServicePortRef(service: service, port: port), destination))
        }
        if let index = self.registry.workloadIndex(address: destination.address) {
            return .workload(self.workloadDestination(index, destination))
        }
        switch self.settings.outboundTrafficPolicy {
        case .allowAny: return .passthrough(destination)
        case .registryOnly: return .blocked(destination)
        }
    }

    private func isVisible(service: Int, from source: TrafficSource) -> Bool {
        self.registry.services[service].exportScope.isVisible(from: source.namespace)
    }

    func serviceDestination(_ ref: ServicePortRef, _ address: DestinationAddress) -> ServiceDestination {
        let service = self.registry.services[ref.service]
        return ServiceDestination(
            hostname: service.hostname,
            namespace: service.namespace,
            port: service.ports[ref.port],
            address: address,
            ref: ref
        )
    }

    private func workloadDestination(_ index: Int, _ address: DestinationAddress) -> WorkloadDestination {
        let workload = self.registry.workloads[index]
        let hbone = workload.isHBONEReachable
        var destination = WorkloadDestination(
            workload: workload.key,
            address: address,
            transport: hbone ? .hbone : .plaintext,
            spiffeURI: hbone ? workload.spiffeURI : nil,
            protocol: .tcp
        )
        if let ref = self.servicePortByWorkloadPort[WorkloadPortKey(workload: index, port: address.port)] {
            let service = self.registry.services[ref.service]
            let port = service.ports[ref.port]
            destination.serviceHostname = service.hostname
            destination.servicePort = port
            if !port.protocol.needsDetection { destination.protocol = port.protocol }
        }
        return destination
    }

    /// The destination for a client that names a service rather than an address (`weft explain --to reviews:9080`):
    /// the service's first VIP (or the unspecified address when it has none) and the port.
    package func destination(service hostname: String, port: Int) -> ServiceDestination? {
        guard let index = self.registry.serviceIndex(hostname: hostname),
            let portIndex = self.registry.services[index].ports.firstIndex(where: { $0.number == port })
        else { return nil }
        let address = self.registry.services[index].addresses.first ?? .v4(0)
        return self.serviceDestination(
            ServicePortRef(service: index, port: portIndex),
            DestinationAddress(address, port)
        )
    }
}

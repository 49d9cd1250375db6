extension MeshSnapshot {
    /// Routes a TCP connection from `source` to `destination` (architecture §6 steps 1 and 3, L4).
    ///
    /// A service is routed by the first `tcp[]` rule of its VirtualService whose match accepts the connection
    /// (port, destination subnets, source labels and namespace), picking among the rule's destinations by weight;
    /// with no VirtualService, no `tcp[]` rules or no matching rule, by the service's default route (Istio adds
    /// that fallback). Allocation-free: lookups in precomputed tables and one random draw.
    package func routeL4(
        to destination: DestinationAddress,
        from source: TrafficSource,
        using rng: inout some RandomNumberGenerator
    ) -> L4RouteDecision {
        switch self.classify(destination, from: source) {
        case .service(let service): return self.routeL4(service, from: source, using: &rng)
        case .workload(let workload): return .workload(workload)
        case .passthrough(let address): return .passthrough(address)
        case .blocked(let address): return .noRoute(.blockedByOutboundPolicy(address))
        }
    }

    /// Routes a TCP connection to an already classified service destination.
    package func routeL4(
        _ destination: ServiceDestination,
        from source: TrafficSource,
        using rng: inout some RandomNumberGenerator
    ) -> L4RouteDecision {
        let listenerPort = destination.port.number
        var rule: MatchedRule?
        var chosen: RouteDestinationRef?
        if let index = self.serviceRouting[destination.ref.service].virtualService[source.namespace] {
            let virtualService = self.virtualServices.virtualServices[index]
            for route in virtualService.tcp {
                guard
                    let match = route.matchIndex(
                        destination: destination.address.address,
                        port: listenerPort,
                        source: source
                    )
                else { continue }
                let matched = route.rule(forMatch: match)
                guard let pick = route.destinations.pick(using: &rng) else {
                    return .noRoute(.allWeightsZero(rule: matched))
                }
                rule = matched
                chosen = pick
                break
            }
        }
        var service = destination.ref.service
        var port = listenerPort
        var subset: String?
        if let chosen {
            guard let index = chosen.serviceIndex else {
                return .noRoute(.unknownDestinationHost(chosen.host, rule: rule))
            }
            service = index
            port = chosen.resolvedPort(listenerPort: listenerPort, in: self.registry)
            subset = chosen.subset
        }
        let lookup = self.lookupTarget(service: service, port: port, subset: subset, source: source)
        guard case .found(let target) = lookup else {
            return .noRoute(self.reason(lookup, service: service, port: port, subset: subset, rule: rule))
        }
        if target.endpoints.isEmpty && target.resolution != .passthrough {
            return .noRoute(.noEndpoints(host: target.hostname, subset: target.subset))
        }
        return .service(L4RoutePlan(destination: destination, rule: rule, target: target))
    }
}

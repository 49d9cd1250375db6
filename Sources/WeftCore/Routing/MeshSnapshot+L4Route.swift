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
                let matched = MatchedRule(
                    virtualService: virtualService.id,
                    kind: .tcp,
                    index: route.index,
                    matchIndex: match >= 0 ? match : nil
                )
                guard let pick = route.destinations.pick(using: &rng) else {
                    return .noRoute(.allWeightsZero(rule: matched))
                }
                rule = matched
                chosen = pick
                break
            }
        }
        let result: Result<RouteTarget, NoRouteReason>
        if let chosen {
            guard let service = chosen.serviceIndex else {
                return .noRoute(.unknownDestinationHost(chosen.host, rule: rule))
            }
            result = self.target(
                service: service,
                port: chosen.resolvedPort(listenerPort: listenerPort, in: self.registry),
                subset: chosen.subset,
                source: source,
                rule: rule
            )
        } else {
            result = self.target(
                service: destination.ref.service,
                port: listenerPort,
                subset: nil,
                source: source,
                rule: nil
            )
        }
        switch result {
        case .failure(let reason):
            return .noRoute(reason)
        case .success(let target):
            if target.endpoints.isEmpty && target.resolution != .passthrough {
                return .noRoute(.noEndpoints(host: target.hostname, subset: target.subset))
            }
            return .service(L4RoutePlan(destination: destination, rule: rule, target: target))
        }
    }
}

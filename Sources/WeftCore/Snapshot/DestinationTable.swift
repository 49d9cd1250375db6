/// The destination tables of one service under one DestinationRule (`rule` -1: none), one per service port in
/// the service's port order.
struct RuleTables: Sendable {
    let rule: Int
    let byPort: [DestinationTable]
}

/// The precomputed targets of one service port under one DestinationRule: the whole service and each subset,
/// with their endpoint lists and merged traffic policies. Subsets are few, so a list scanned by name beats hashing.
final class DestinationTable: Sendable {
    let whole: RouteTarget
    let subsets: [(name: String, target: RouteTarget)]

    init(service: MeshService, port: MeshServicePort, endpoints: [ServiceEndpoint], rule: MergedDestinationRule?) {
        let portEndpoints = endpoints.filter { $0.servicePort == port.number }
        self.whole = RouteTarget(
            hostname: service.hostname,
            serviceNamespace: service.namespace,
            port: port.number,
            endpoints: portEndpoints,
            trafficPolicy: ResolvedTrafficPolicy(rule: rule?.trafficPolicy, subset: nil, port: port.number),
            destinationRule: rule?.id,
            resolution: service.resolution
        )
        var subsets: [(name: String, target: RouteTarget)] = []
        for subset in rule?.subsets ?? [] where !subsets.contains(where: { $0.name == subset.name }) {
            let selector = LabelSelector(subset.labels)
            let target = RouteTarget(
                hostname: service.hostname,
                serviceNamespace: service.namespace,
                port: port.number,
                subset: subset.name,
                endpoints: portEndpoints.filter { selector.matches($0.labels) },
                trafficPolicy: ResolvedTrafficPolicy(
                    rule: rule?.trafficPolicy,
                    subset: subset.trafficPolicy,
                    port: port.number
                ),
                destinationRule: rule?.id,
                resolution: service.resolution
            )
            subsets.append((subset.name, target))
        }
        self.subsets = subsets
    }

    func subset(_ name: String) -> RouteTarget? {
        for entry in self.subsets where entry.name == name { return entry.target }
        return nil
    }
}

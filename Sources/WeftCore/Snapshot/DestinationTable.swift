/// Which service port and which DestinationRule a `DestinationTable` is for; `rule` is -1 for "no rule".
struct DestinationTableKey: Hashable, Sendable {
    let service: Int
    let port: Int
    let rule: Int
}

/// The precomputed targets of one service port under one DestinationRule: the whole service and each subset,
/// with their endpoint lists and merged traffic policies.
struct DestinationTable: Sendable {
    let whole: RouteTarget
    let subsets: [String: RouteTarget]

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
        var subsets: [String: RouteTarget] = [:]
        for subset in rule?.subsets ?? [] where subsets[subset.name] == nil {
            let selector = LabelSelector(subset.labels)
            subsets[subset.name] = RouteTarget(
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
        }
        self.subsets = subsets
    }
}

/// A VirtualService compiled against one registry: hosts resolved, regexes built, destinations bound to services.
struct CompiledVirtualService: Sendable {
    let id: ResourceID
    let source: VirtualService
    let namespace: String
    /// Resolved against the VirtualService's namespace (Istio's short-name rule).
    let hosts: [String]
    let exportScope: ExportScope
    /// False when `gateways` is set without `mesh`: the rules are for gateways, not for mesh traffic.
    let appliesToMesh: Bool
    let http: [CompiledHTTPRoute]
    let tcp: [CompiledTCPRoute]

    init(
        _ virtualService: VirtualService,
        registry: ServiceRegistry,
        settings: MeshSettings,
        diagnostics: inout [MeshDiagnostic]
    ) {
        let namespace = virtualService.metadata.namespace
        let id = ResourceID(kind: .virtualService, namespace: namespace, name: virtualService.metadata.name)
        self.id = id
        self.source = virtualService
        self.namespace = namespace
        self.hosts = virtualService.hosts.map {
            MeshHostnames.resolve($0, namespace: namespace, clusterDomain: settings.clusterDomain)
        }
        self.exportScope = ExportScope(exportTo: virtualService.exportTo, namespace: namespace)
        self.appliesToMesh =
            virtualService.gateways.isEmpty || virtualService.gateways.contains(SourceMatch.meshGateway)

        func destination(
            _ destination: Destination,
            weight: Int?,
            headers: Headers,
            field: String
        )
            -> RouteDestinationRef
        {
            let host = MeshHostnames.resolve(
                destination.host,
                namespace: namespace,
                clusterDomain: settings.clusterDomain
            )
            let serviceIndex = registry.serviceIndex(hostname: host)
            if serviceIndex == nil {
                diagnostics.append(
                    MeshDiagnostic(.danglingReference, resource: id, "\(field): host \(host) is not a known service")
                )
            }
            return RouteDestinationRef(
                host: host,
                serviceIndex: serviceIndex,
                subset: destination.subset,
                port: destination.port,
                weight: weight ?? 0,
                headers: headers
            )
        }

        func regex(_ pattern: String, field: String) -> CompiledRegex? {
            do {
                return try CompiledRegex(pattern)
            } catch {
                diagnostics.append(
                    MeshDiagnostic(
                        .invalidRegex,
                        resource: id,
                        "\(field): cannot compile regex \"\(pattern)\": \(error)"
                    )
                )
                return nil
            }
        }

        var http: [CompiledHTTPRoute] = []
        for (index, route) in virtualService.http.enumerated() {
            let field = "spec.http[\(index)]"
            let matches: [HTTPRouteMatch?] = route.match.enumerated().map { matchIndex, match in
                do {
                    return try HTTPRouteMatch(match)
                } catch {
                    diagnostics.append(
                        MeshDiagnostic(
                            .invalidRegex,
                            resource: id,
                            "\(field).match[\(matchIndex)]: cannot compile a regex (\(error)); this match never applies"
                        )
                    )
                    return nil
                }
            }
            let action: CompiledHTTPRoute.Action
            if let redirect = route.redirect {
                action = .redirect(redirect)
            } else if let directResponse = route.directResponse {
                action = .directResponse(directResponse)
            } else {
                action = .forward(
                    WeightedDestinations(
                        route.route.enumerated().map { position, target in
                            destination(
                                target.destination,
                                weight: target.weight,
                                headers: target.headers,
                                field: "\(field).route[\(position)].destination"
                            )
                        }
                    )
                )
            }
            let regexRewrite = route.rewrite?.uriRegexRewrite.flatMap { rewrite in
                regex(rewrite.match, field: "\(field).rewrite.uriRegexRewrite.match").map {
                    (regex: $0, substitution: rewrite.rewrite)
                }
            }
            let mirrors = route.mirrors.enumerated().map { position, mirror in
                (
                    destination: destination(
                        mirror.destination,
                        weight: nil,
                        headers: Headers(),
                        field: "\(field).mirrors[\(position)].destination"
                    ),
                    percentage: mirror.percentage
                )
            }
            let cors = route.corsPolicy.map { policy in
                CompiledCorsPolicy(
                    policy: policy,
                    allowOrigins: policy.allowOrigins.enumerated().compactMap { position, origin in
                        if case .regex(let pattern) = origin, pattern != "*" {
                            return regex(pattern, field: "\(field).corsPolicy.allowOrigins[\(position)].regex")
                                .map { .regex($0) }
                        }
                        return try? CompiledStringMatch(origin)
                    }
                )
            }
            http.append(
                CompiledHTTPRoute(
                    index: index,
                    name: route.name,
                    matches: matches,
                    action: action,
                    rewrite: route.rewrite,
                    regexRewrite: regexRewrite,
                    timeout: route.timeout,
                    retries: route.retries,
                    fault: route.fault,
                    mirrors: mirrors,
                    cors: cors,
                    headers: route.headers
                )
            )
        }
        self.http = http

        self.tcp = virtualService.tcp.enumerated().map { index, route in
            CompiledTCPRoute(
                index: index,
                matches: route.match.map(L4RouteMatch.init),
                destinations: WeightedDestinations(
                    route.route.enumerated().map { position, target in
                        destination(
                            target.destination,
                            weight: target.weight,
                            headers: Headers(),
                            field: "spec.tcp[\(index)].route[\(position)].destination"
                        )
                    }
                )
            )
        }
    }
}

import WeftCore

/// Checks that need more than one resource: references from routes to subsets that no DestinationRule defines.
enum CrossResourceChecks {
    /// Runs every check over the decoded (valid) resources. `origins` says where each resource was defined;
    /// `subsetReferences` lists, per resource, the subsets its routes and mirrors name.
    static func run(
        _ config: MeshConfig,
        origins: [ResourceID: (file: String, document: Int)],
        subsetReferences: [ResourceID: [SubsetReference]] = [:]
    ) -> ConfigDiagnostics {
        var diagnostics = ConfigDiagnostics()
        Self.checkSubsets(config, origins: origins, subsetReferences: subsetReferences, into: &diagnostics)
        return diagnostics
    }

    /// A warning (not an error: the DestinationRule may simply not be applied yet) for every destination subset
    /// that no DestinationRule for that host defines. Traffic to it would fail, as in Istio (503, "no healthy
    /// upstream"). Hosts are compared after Istio's short-name completion in each resource's own namespace, and a
    /// wildcard DestinationRule host (`*.default.svc.cluster.local`) covers the hosts it matches.
    private static func checkSubsets(
        _ config: MeshConfig,
        origins: [ResourceID: (file: String, document: Int)],
        subsetReferences: [ResourceID: [SubsetReference]],
        into diagnostics: inout ConfigDiagnostics
    ) {
        let rules = config.destinationRules.map { rule in
            (
                host: IstioHostNames.resolve(rule.host, namespace: rule.metadata.namespace),
                subsets: Set(rule.subsets.map(\.name))
            )
        }
        for service in config.virtualServices {
            let id = ResourceID(
                kind: .virtualService,
                namespace: service.metadata.namespace,
                name: service.metadata.name
            )
            guard let origin = origins[id], let references = subsetReferences[id] else { continue }
            for reference in references {
                let host = IstioHostNames.resolve(reference.host, namespace: reference.namespace)
                let defined = rules.contains {
                    IstioHostNames.matches($0.host, host) && $0.subsets.contains(reference.subset)
                }
                if defined { continue }
                diagnostics.append(
                    ConfigDiagnostic(
                        .warning,
                        code: .danglingReference,
                        file: origin.file,
                        document: origin.document,
                        resource: id,
                        field: reference.field,
                        message: "subset \"\(reference.subset)\" is not defined by any DestinationRule for host \(host)"
                    )
                )
            }
        }
    }
}

import WeftCore

extension DestinationRule {
    /// Decodes and validates a `networking.istio.io` DestinationRule spec (ztunnel.md §7.2; Istio's own rules, §7.3).
    init(decoding spec: FieldReader, metadata: ObjectMeta) {
        self.init()
        self.metadata = metadata
        if let host = spec.string("host", required: true) {
            if let problem = IstioHostSyntax.wildcardHostProblem(host) { spec.error("host", problem) }
            self.host = host
        }
        self.trafficPolicy = spec.object("trafficPolicy") { TrafficPolicyDecoding.policy($0) }
        var firstPathByName: [String: FieldPath] = [:]
        self.subsets =
            spec.objectList("subsets") { reader -> Subset? in
                let subset = Self.subset(reader)
                guard !subset.name.isEmpty else { return subset }
                if let first = firstPathByName[subset.name] {
                    reader.error("name", "duplicate subset name \"\(subset.name)\" (also \(first))")
                } else {
                    firstPathByName[subset.name] = reader.path
                }
                return subset
            } ?? []
        self.workloadSelector = spec.object("workloadSelector") { reader in
            let selector = SelectorDecoding.workloadSelector(reader)
            if selector.matchLabels.isEmpty {
                reader.context.warning(
                    .deprecated,
                    at: reader.path,
                    "has no matchLabels, so it selects every workload in the namespace"
                )
            }
            return selector
        }
        self.exportTo =
            ExportToList.decode(
                spec,
                namespace: metadata.namespace,
                allowNone: false,
                workloadSelector: self.workloadSelector != nil
            ) ?? []
    }

    /// One `subsets[]` entry: a DNS-label name, endpoint labels and an optional policy override.
    private static func subset(_ reader: FieldReader) -> Subset {
        var subset = Subset()
        if let name = reader.string("name", required: true) {
            if !IstioHostSyntax.isLabel(Substring(name)) {
                reader.error("name", "\"\(name)\" is not a valid subset name (a DNS label: letters, digits and '-')")
            }
            subset.name = name
        }
        subset.labels = LabelsDecoding.labels(reader, "labels") ?? [:]
        subset.trafficPolicy = reader.object("trafficPolicy") { TrafficPolicyDecoding.policy($0) }
        return subset
    }
}

/// DestinationRules after Istio's merge: rules of one namespace for one host (without workload selectors and with
/// the same visibility) act as one, the first one's top-level policy winning and subsets added by name, first
/// name wins (`mergeDestinationRule`).
struct MergedDestinationRule: Hashable, Sendable {
    /// The first rule; the one plans name.
    let id: ResourceID
    /// Every rule merged into this one, first first.
    let sources: [ResourceID]
    let namespace: String
    /// Resolved against the rule's namespace.
    let host: String
    let exportScope: ExportScope
    let selector: LabelSelector?
    let trafficPolicy: TrafficPolicy?
    let subsets: [Subset]
}

/// A DestinationRule that may apply to a client: when `selector` is set, only to clients of the rule's namespace
/// whose labels it matches.
struct DestinationRuleCandidate: Hashable, Sendable {
    let selector: LabelSelector?
    let rule: Int
}

/// All DestinationRules of a snapshot and Istio's lookup of the one that applies.
struct DestinationRuleIndex: Sendable {
    let rules: [MergedDestinationRule]
    /// Indexes into `rules` by exact host, and the wildcard rules.
    private let byHost: [String: [Int]]
    private let wildcards: [Int]

    init(config: MeshConfig, settings: MeshSettings, diagnostics: inout [MeshDiagnostic]) {
        var rules: [MergedDestinationRule] = []
        var mergeTarget: [String: Int] = [:]
        for rule in config.destinationRules {
            let id = ResourceID(kind: .destinationRule, namespace: rule.metadata.namespace, name: rule.metadata.name)
            let host = MeshHostnames.resolve(
                rule.host,
                namespace: rule.metadata.namespace,
                clusterDomain: settings.clusterDomain
            )
            let scope = ExportScope(exportTo: rule.exportTo, namespace: rule.metadata.namespace)
            let key = "\(rule.metadata.namespace)\u{0}\(host)\u{0}\(scope)"
            if rule.workloadSelector == nil, let target = mergeTarget[key] {
                rules[target] = Self.merge(rules[target], with: rule, id: id, diagnostics: &diagnostics)
                continue
            }
            if rule.workloadSelector == nil { mergeTarget[key] = rules.count }
            rules.append(
                MergedDestinationRule(
                    id: id,
                    sources: [id],
                    namespace: rule.metadata.namespace,
                    host: host,
                    exportScope: scope,
                    selector: rule.workloadSelector,
                    trafficPolicy: rule.trafficPolicy,
                    subsets: rule.subsets
                )
            )
        }
        self.rules = rules
        var byHost: [String: [Int]] = [:]
        var wildcards: [Int] = []
        for (index, rule) in rules.enumerated() {
            if rule.host.hasPrefix("*") {
                wildcards.append(index)
            } else {
                byHost[rule.host, default: []].append(index)
            }
        }
        self.byHost = byHost
        self.wildcards = wildcards
    }

    private static func merge(
        _ base: MergedDestinationRule,
        with rule: DestinationRule,
        id: ResourceID,
        diagnostics: inout [MeshDiagnostic]
    ) -> MergedDestinationRule {
        var subsets = base.subsets
        for subset in rule.subsets {
            if subsets.contains(where: { $0.name == subset.name }) {
                diagnostics.append(
                    MeshDiagnostic(
                        .duplicate,
                        resource: id,
                        "subset \(subset.name) of \(base.host) is already defined by \(base.id); the first definition wins"
                    )
                )
            } else {
                subsets.append(subset)
            }
        }
        return MergedDestinationRule(
            id: base.id,
            sources: base.sources + [id],
            namespace: base.namespace,
            host: base.host,
            exportScope: base.exportScope,
            selector: nil,
            trafficPolicy: base.trafficPolicy ?? rule.trafficPolicy,
            subsets: subsets
        )
    }

    /// Rules whose host covers `hostname`, in config order.
    func rules(covering hostname: String) -> [Int] {
        let exact = self.byHost[hostname] ?? []
        let wild = self.wildcards.filter { MeshHostnames.matches(pattern: self.rules[$0].host, host: hostname) }
        return (exact + wild).sorted()
    }

    /// Which rules may apply to `service` for each client namespace (Istio's `PushContext.destinationRule`):
    /// 1. rules in the client's own namespace (whatever their `exportTo`), or in the root namespace for a client
    ///    there; else 2. rules in the service's namespace exported to the client; else 3. rules in the root
    ///    namespace exported to the client. At each step only the rules with the most specific host count, and
    ///    workload-selector rules only in step 1.
    func candidates(for service: MeshService, settings: MeshSettings) -> NamespaceScoped<[DestinationRuleCandidate]> {
        let covering = self.rules(covering: service.hostname)
        var namespaces: Set<String> = [settings.rootNamespace, service.namespace]
        for index in covering {
            namespaces.insert(self.rules[index].namespace)
            namespaces.formUnion(self.rules[index].exportScope.namespaces)
        }
        return NamespaceScoped(namespaces: namespaces) { client in
            let ownNamespace = client == NamespaceScoped<Int>.otherNamespace ? nil : client
            if let own = ownNamespace {
                let local = covering.filter { self.rules[$0].namespace == own }
                if !local.isEmpty { return self.mostSpecific(local, allowSelectors: true) }
            }
            if service.namespace != ownNamespace {
                let exported = covering.filter {
                    self.rules[$0].namespace == service.namespace && self.rules[$0].selector == nil
                        && self.rules[$0].exportScope.isVisible(from: client)
                }
                if !exported.isEmpty { return self.mostSpecific(exported, allowSelectors: false) }
            }
            if service.namespace != settings.rootNamespace, ownNamespace != settings.rootNamespace {
                let root = covering.filter {
                    self.rules[$0].namespace == settings.rootNamespace && self.rules[$0].selector == nil
                        && self.rules[$0].exportScope.isVisible(from: client)
                }
                if !root.isEmpty { return self.mostSpecific(root, allowSelectors: false) }
            }
            return []
        }
    }

    private func mostSpecific(_ indexes: [Int], allowSelectors: Bool) -> [DestinationRuleCandidate] {
        let best = indexes.map { MeshHostnames.specificity(of: self.rules[$0].host) }.max() ?? 0
        let chosen = indexes.filter { MeshHostnames.specificity(of: self.rules[$0].host) == best }
        // Selector rules first (first match wins), then the namespace-wide one.
        let selectors = allowSelectors ? chosen.filter { self.rules[$0].selector != nil } : []
        let plain = chosen.filter { self.rules[$0].selector == nil }.prefix(1)
        return (selectors + plain).map { DestinationRuleCandidate(selector: self.rules[$0].selector, rule: $0) }
    }
}

extension [DestinationRuleCandidate] {
    /// The first candidate that applies to `source`, as a rule index; nil when none does.
    func firstRule(for source: TrafficSource) -> Int? {
        for candidate in self {
            guard let selector = candidate.selector else { return candidate.rule }
            if selector.matches(source.labels) { return candidate.rule }
        }
        return nil
    }
}

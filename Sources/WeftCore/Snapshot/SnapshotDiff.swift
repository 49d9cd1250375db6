/// What differs between two snapshots, so the agent rebuilds only what changed (connection pools, DNS answers,
/// route tables) and re-checks live connections against changed policies (ztunnel's `PolicyWatcher`).
package struct SnapshotDiff: Hashable, Sendable {
    /// Hostnames whose service changed: declaration, VIPs, ports or endpoints.
    package var services: ChangeSet<String>
    /// Hostnames whose routing changed: a VirtualService covering them was added, removed or edited.
    package var routes: ChangeSet<String>
    /// Hostnames whose traffic policy changed: a DestinationRule covering them was added, removed or edited.
    package var destinationPolicies: ChangeSet<String>
    package var workloads: ChangeSet<WorkloadKey>
    package var authorizationPolicies: ChangeSet<ResourceID>
    package var peerAuthentications: ChangeSet<ResourceID>
    /// Trust domain, root namespace, outbound policy or VIP pool changed: rebuild everything.
    package var settingsChanged: Bool

    package var isEmpty: Bool {
        self.services.isEmpty && self.routes.isEmpty && self.destinationPolicies.isEmpty && self.workloads.isEmpty
            && self.authorizationPolicies.isEmpty && self.peerAuthentications.isEmpty && !self.settingsChanged
    }
}

extension MeshSnapshot {
    /// What changed from `old` to this snapshot.
    package func changes(from old: MeshSnapshot) -> SnapshotDiff {
        SnapshotDiff(
            services: ChangeSet(old: old.serviceFingerprints, new: self.serviceFingerprints),
            routes: ChangeSet(old: old.routeFingerprints, new: self.routeFingerprints),
            destinationPolicies: ChangeSet(old: old.policyFingerprints, new: self.policyFingerprints),
            workloads: ChangeSet(
                old: Dictionary(old.registry.workloads.map { ($0.key, $0) }) { first, _ in first },
                new: Dictionary(self.registry.workloads.map { ($0.key, $0) }) { first, _ in first }
            ),
            authorizationPolicies: ChangeSet(
                old: Self.byID(old.config.authorizationPolicies, kind: .authorizationPolicy, \.metadata),
                new: Self.byID(self.config.authorizationPolicies, kind: .authorizationPolicy, \.metadata)
            ),
            peerAuthentications: ChangeSet(
                old: Self.byID(old.config.peerAuthentications, kind: .peerAuthentication, \.metadata),
                new: Self.byID(self.config.peerAuthentications, kind: .peerAuthentication, \.metadata)
            ),
            settingsChanged: old.settings != self.settings
        )
    }

    private struct ServiceFingerprint: Equatable {
        let service: MeshService
        let endpoints: [ServiceEndpoint]
    }

    private var serviceFingerprints: [String: ServiceFingerprint] {
        var result: [String: ServiceFingerprint] = [:]
        for (index, service) in self.registry.services.enumerated() {
            result[service.hostname] = ServiceFingerprint(service: service, endpoints: self.registry.endpoints[index])
        }
        return result
    }

    /// Per service host, the VirtualServices covering it as written.
    private var routeFingerprints: [String: [VirtualService]] {
        var result: [String: [VirtualService]] = [:]
        for (index, service) in self.registry.services.enumerated() {
            let covering = self.serviceRouting[index].coveringVirtualServices
            if !covering.isEmpty {
                result[service.hostname] = covering.map { self.virtualServices.virtualServices[$0].source }
            }
        }
        return result
    }

    /// Per service host, the DestinationRules covering it as written.
    private var policyFingerprints: [String: [DestinationRule]] {
        var rulesByID: [ResourceID: DestinationRule] = [:]
        for rule in self.config.destinationRules {
            let id = ResourceID(kind: .destinationRule, namespace: rule.metadata.namespace, name: rule.metadata.name)
            if rulesByID[id] == nil { rulesByID[id] = rule }
        }
        var result: [String: [DestinationRule]] = [:]
        for (index, service) in self.registry.services.enumerated() {
            let covering = self.serviceRouting[index].coveringDestinationRules
            if !covering.isEmpty {
                result[service.hostname] = covering.flatMap { self.destinationRules.rules[$0].sources }
                    .compactMap { rulesByID[$0] }
            }
        }
        return result
    }

    private static func byID<Resource: Equatable>(
        _ resources: [Resource],
        kind: ResourceKind,
        _ metadata: KeyPath<Resource, ObjectMeta>
    ) -> [ResourceID: Resource] {
        var result: [ResourceID: Resource] = [:]
        for resource in resources {
            let meta = resource[keyPath: metadata]
            let id = ResourceID(kind: kind, namespace: meta.namespace, name: meta.name)
            if result[id] == nil { result[id] = resource }
        }
        return result
    }
}

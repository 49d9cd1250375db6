/// The whole validated configuration: every resource Weft was given, immutable and `Hashable` (style G5) so the
/// agent can diff two versions and swap them atomically.
package struct MeshConfig: Hashable, Sendable {
    package var services: [KubernetesService] = []
    package var serviceEntries: [ServiceEntry] = []
    package var workloadEntries: [WorkloadEntry] = []
    package var virtualServices: [VirtualService] = []
    package var destinationRules: [DestinationRule] = []
    package var peerAuthentications: [PeerAuthentication] = []
    package var authorizationPolicies: [AuthorizationPolicy] = []

    package init() {}

    /// Every resource's id, in a stable order.
    package var resourceIDs: [ResourceID] {
        var ids: [ResourceID] = []
        ids += self.services.map {
            ResourceID(kind: .service, namespace: $0.metadata.namespace, name: $0.metadata.name)
        }
        ids += self.serviceEntries.map {
            ResourceID(kind: .serviceEntry, namespace: $0.metadata.namespace, name: $0.metadata.name)
        }
        ids += self.workloadEntries.map {
            ResourceID(kind: .workloadEntry, namespace: $0.metadata.namespace, name: $0.metadata.name)
        }
        ids += self.virtualServices.map {
            ResourceID(kind: .virtualService, namespace: $0.metadata.namespace, name: $0.metadata.name)
        }
        ids += self.destinationRules.map {
            ResourceID(kind: .destinationRule, namespace: $0.metadata.namespace, name: $0.metadata.name)
        }
        ids += self.peerAuthentications.map {
            ResourceID(kind: .peerAuthentication, namespace: $0.metadata.namespace, name: $0.metadata.name)
        }
        ids += self.authorizationPolicies.map {
            ResourceID(kind: .authorizationPolicy, namespace: $0.metadata.namespace, name: $0.metadata.name)
        }
        return ids.sorted()
    }

    /// How many resources of each kind.
    package var countsByKind: [ResourceKind: Int] {
        Dictionary(grouping: self.resourceIDs, by: \.kind).mapValues(\.count)
    }
}

/// Mesh-wide settings the snapshot compiler needs besides resources, with Istio's defaults.
package struct MeshSettings: Hashable, Sendable {
    /// What happens to traffic for destinations the registry does not know (MeshConfig `outboundTrafficPolicy`).
    package enum OutboundTrafficPolicy: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
        /// Istio's default: unknown destinations pass through to the original address.
        case allowAny = "ALLOW_ANY"
        /// Unknown destinations are refused.
        case registryOnly = "REGISTRY_ONLY"

        package var description: String { self.rawValue }
    }

    /// SPIFFE trust domain of every workload identity (Istio default `cluster.local`).
    package var trustDomain: String = "cluster.local"
    /// DNS suffix of Kubernetes-style service names: `<name>.<ns>.svc.<clusterDomain>`.
    package var clusterDomain: String = "cluster.local"
    /// Where mesh-wide resources live (architecture §13).
    package var rootNamespace: String = "istio-system"
    package var outboundTrafficPolicy: OutboundTrafficPolicy = .allowAny
    /// Pool for services without a declared address.
    package var vipPool: CIDR = VIPAllocator.defaultPool

    package init() {}
}

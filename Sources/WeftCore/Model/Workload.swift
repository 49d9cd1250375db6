/// Names one workload: `namespace/name`. Workload names are unique within a namespace (architecture §13).
package struct WorkloadKey: Hashable, Sendable, Comparable, CustomStringConvertible {
    package var namespace: String
    package var name: String

    package init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    package var description: String { "\(self.namespace)/\(self.name)" }

    package static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }
}

/// A workload in the mesh registry: an enrolled process or container on some node, or a `WorkloadEntry` for a
/// machine Weft does not run on (architecture §2).
///
/// Identity is kept as its parts (trust domain, namespace, service account); `spiffeURI` renders the SPIFFE ID
/// `spiffe://<trust-domain>/ns/<namespace>/sa/<service-account>` (ztunnel.md §3).
package struct Workload: Hashable, Sendable {
    package var name: String
    package var namespace: String
    /// Kubernetes' default service account is `default`.
    package var serviceAccount: String
    /// Filled in from `MeshSettings.trustDomain` when the registry is compiled.
    package var trustDomain: String
    package var labels: [String: String]
    /// The first address is the one endpoints use; more than one means a dual-stack workload.
    package var addresses: [IPAddress]
    /// The node that runs the workload; nil for a `WorkloadEntry` whose machine is unknown to Weft.
    package var node: String?
    package var locality: WorkloadLocality?
    package var network: String?
    package var health: WorkloadHealth
    package var capture: CaptureMode
    package var dataplane: DataplaneMode
    package var origin: WorkloadOrigin
    /// Load-balancing weight (WorkloadEntry `weight`); 1 when not set.
    package var weight: Int
    /// Port name → number overrides (WorkloadEntry `ports`): a service port with that name targets this number.
    package var namedPorts: [String: Int]

    package init(
        name: String,
        namespace: String = "default",
        serviceAccount: String = "default",
        trustDomain: String = "cluster.local",
        labels: [String: String] = [:],
        addresses: [IPAddress] = [],
        node: String? = nil,
        locality: WorkloadLocality? = nil,
        network: String? = nil,
        health: WorkloadHealth = .healthy,
        capture: CaptureMode = .netns,
        dataplane: DataplaneMode = .ambient,
        origin: WorkloadOrigin = .enrolled,
        weight: Int = 1,
        namedPorts: [String: Int] = [:]
    ) {
        self.name = name
        self.namespace = namespace
        self.serviceAccount = serviceAccount
        self.trustDomain = trustDomain
        self.labels = labels
        self.addresses = addresses
        self.node = node
        self.locality = locality
        self.network = network
        self.health = health
        self.capture = capture
        self.dataplane = dataplane
        self.origin = origin
        self.weight = weight
        self.namedPorts = namedPorts
    }

    package var key: WorkloadKey { WorkloadKey(namespace: self.namespace, name: self.name) }

    /// The workload's SPIFFE ID as text.
    package var spiffeURI: String {
        "spiffe://\(self.trustDomain)/ns/\(self.namespace)/sa/\(self.serviceAccount)"
    }

    /// The address endpoints and classification use.
    package var primaryAddress: IPAddress? { self.addresses.first }

    /// True when peers reach this workload through an HBONE tunnel (mTLS) rather than plaintext TCP.
    package var isHBONEReachable: Bool { self.dataplane == .ambient }
}

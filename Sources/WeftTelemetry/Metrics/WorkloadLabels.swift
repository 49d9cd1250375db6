import WeftCore

/// What the standard metrics say about one side of a connection or request (`source_*` or `destination_*`).
///
/// Every field is optional: a peer Weft knows nothing about (a plaintext client outside the mesh) is rendered as
/// `unknown` throughout. Use ``init(workloadName:namespace:identity:labels:cluster:region:zone:)`` for a known
/// workload; it applies Istio's canonical-service rule and sets `app`/`version` from it, as ztunnel does.
package struct WorkloadLabels: Hashable, Sendable {
    /// The workload's name (Istio's `workload_name`: the Deployment or WorkloadEntry, not the pod).
    package var workload: String?
    package var namespace: String?
    /// The SPIFFE URI, `spiffe://cluster.local/ns/default/sa/sleep`. Set from the peer's certificate when there
    /// is one, since that is the only trustworthy source.
    package var principal: String?
    package var canonicalService: String?
    package var canonicalRevision: String?
    package var app: String?
    package var version: String?
    /// Istio's cluster ID (`Kubernetes` in a default Istio install); unknown unless configured.
    package var cluster: String?
    package var region: String?
    package var zone: String?

    /// A peer with every field given as is (all `unknown` by default).
    package init(
        workload: String? = nil,
        namespace: String? = nil,
        principal: String? = nil,
        canonicalService: String? = nil,
        canonicalRevision: String? = nil,
        app: String? = nil,
        version: String? = nil,
        cluster: String? = nil,
        region: String? = nil,
        zone: String? = nil
    ) {
        self.workload = workload
        self.namespace = namespace
        self.principal = principal
        self.canonicalService = canonicalService
        self.canonicalRevision = canonicalRevision
        self.app = app
        self.version = version
        self.cluster = cluster
        self.region = region
        self.zone = zone
    }

    /// A known workload: `app` and `version` are its canonical service name and revision (ztunnel's
    /// `with_source`/`with_destination`), derived from `labels` by ``CanonicalService``.
    package init(
        workloadName: String,
        namespace: String,
        identity: SpiffeID?,
        labels: [String: String] = [:],
        cluster: String? = nil,
        region: String? = nil,
        zone: String? = nil
    ) {
        let canonical = CanonicalService(labels: labels, workloadName: workloadName)
        self.init(
            workload: workloadName,
            namespace: namespace,
            principal: identity?.description,
            canonicalService: canonical.name,
            canonicalRevision: canonical.revision,
            app: canonical.name,
            version: canonical.revision,
            cluster: cluster,
            region: region,
            zone: zone
        )
    }

    /// A peer nothing is known about.
    package static let unknown = WorkloadLabels()

    /// Whether the locality labels should be emitted for this peer.
    var hasLocality: Bool { self.region?.isEmpty == false || self.zone?.isEmpty == false }
}

/// The Kubernetes-style service a connection or request was addressed to (`destination_service*`).
package struct ServiceLabels: Hashable, Sendable {
    /// The fully qualified host name, `reviews.default.svc.cluster.local` (`destination_service`).
    package var hostname: String
    /// The short name, `reviews` (`destination_service_name`).
    package var name: String
    package var namespace: String

    package init(hostname: String, name: String, namespace: String) {
        self.hostname = hostname
        self.name = name
        self.namespace = namespace
    }

    /// A service from its host name: the name is the first DNS label, as Envoy's fallback takes it, and the
    /// namespace the second one of a `<name>.<namespace>.svc.<domain>` host, else `fallbackNamespace`.
    package init(hostname: String, fallbackNamespace: String? = nil) {
        let labels = hostname.split(separator: ".", omittingEmptySubsequences: false)
        let isKubernetesHost = labels.count >= 4 && labels[2] == "svc"
        self.init(
            hostname: hostname,
            name: labels.first.map(String.init) ?? hostname,
            namespace: isKubernetesHost ? String(labels[1]) : (fallbackNamespace ?? "")
        )
    }
}

/// The peer metadata Istio exchanges in the HBONE `baggage` header: who the workload on the other end is, for the
/// metric labels of §6.1 (ztunnel.md §2.4; ztunnel `src/baggage.rs`).
///
/// Keys: `k8s.cluster.name`, `k8s.namespace.name`, `k8s.<kind>.name`, `service.name`, `service.version`,
/// `cloud.region`, `cloud.availability_zone`. An empty value means "unknown", as in ztunnel; unknown keys are ignored.
package struct PeerMetadata: Hashable, Sendable {
    /// The `<kind>` in `k8s.<kind>.name`: what kind of object the workload name names.
    package enum WorkloadKind: String, Hashable, Sendable, CaseIterable {
        case deployment, pod, job, cronjob, daemonset, statefulset, replicaset
    }

    package var clusterName: String?
    package var namespace: String?
    package var workloadName: String?
    /// Used when printing `workloadName`; parsing records the kind it found.
    package var workloadKind: WorkloadKind
    /// The canonical service (`service.istio.io/canonical-name`, else the `app` label).
    package var serviceName: String?
    /// The canonical revision (`service.istio.io/canonical-revision`, else the `version` label).
    package var serviceVersion: String?
    package var region: String?
    package var zone: String?

    package init(
        clusterName: String? = nil,
        namespace: String? = nil,
        workloadName: String? = nil,
        workloadKind: WorkloadKind = .deployment,
        serviceName: String? = nil,
        serviceVersion: String? = nil,
        region: String? = nil,
        zone: String? = nil
    ) {
        self.clusterName = clusterName
        self.namespace = namespace
        self.workloadName = workloadName
        self.workloadKind = workloadKind
        self.serviceName = serviceName
        self.serviceVersion = serviceVersion
        self.region = region
        self.zone = zone
    }

    /// Reads the Istio keys from a parsed header; a later member overrides an earlier one with the same key.
    package init(_ baggage: Baggage) {
        self.init()
        for member in baggage.members {
            let value = member.value.isEmpty ? nil : member.value
            switch member.key {
            case "k8s.cluster.name": self.clusterName = value
            case "k8s.namespace.name": self.namespace = value
            case "service.name": self.serviceName = value
            case "service.version": self.serviceVersion = value
            case "cloud.region": self.region = value
            case "cloud.availability_zone": self.zone = value
            default:
                if let kind = Self.workloadKind(ofKey: member.key) {
                    self.workloadName = value
                    self.workloadKind = kind
                }
            }
        }
    }

    /// The members ztunnel sends, in its order, leaving out unknown values.
    package var baggage: Baggage {
        let pairs: [(String, String?)] = [
            ("k8s.cluster.name", self.clusterName),
            ("k8s.namespace.name", self.namespace),
            ("k8s.\(self.workloadKind.rawValue).name", self.workloadName),
            ("service.name", self.serviceName),
            ("service.version", self.serviceVersion),
            ("cloud.region", self.region),
            ("cloud.availability_zone", self.zone),
        ]
        return Baggage(
            members: pairs.compactMap { key, value in value.map { Baggage.Member(key: key, value: $0) } }
        )
    }

    /// True when no field is known (the header can then be left out).
    package var isEmpty: Bool {
        self.baggage.members.isEmpty
    }

    private static func workloadKind(ofKey key: String) -> WorkloadKind? {
        guard key.hasPrefix("k8s."), key.hasSuffix(".name") else { return nil }
        return WorkloadKind(rawValue: String(key.dropFirst(4).dropLast(5)))
    }
}

/// Istio `ServiceEntry` (networking.istio.io), validated.
package struct ServiceEntry: Hashable, Sendable {
    package enum Location: String, Hashable, Sendable, CaseIterable {
        case meshExternal = "MESH_EXTERNAL"
        case meshInternal = "MESH_INTERNAL"
    }

    package enum Resolution: String, Hashable, Sendable, CaseIterable {
        case none = "NONE"
        case `static` = "STATIC"
        case dns = "DNS"
        case dnsRoundRobin = "DNS_ROUND_ROBIN"
    }

    package var metadata = ObjectMeta()
    package var hosts: [String] = []
    /// VIPs or CIDR blocks.
    package var addresses: [CIDR] = []
    package var ports: [ServicePort] = []
    package var location: Location = .meshExternal
    /// Istio's default is NONE.
    package var resolution: Resolution = .none
    package var endpoints: [WorkloadEntrySpec] = []
    package var workloadSelector: LabelSelector?
    package var exportTo: [String] = []
    package var subjectAltNames: [String] = []

    package init() {}
}

/// A named service port with its protocol (Istio protocol names: HTTP, HTTP2, GRPC, TCP, TLS, HTTPS, MONGO…).
package struct ServicePort: Hashable, Sendable {
    package var number: Int = 0
    package var name: String = ""
    /// Upper-cased; nil when not declared (then derived from the name prefix, as Istio does).
    package var protocolName: String?
    package var targetPort: Int?
    /// A Kubernetes `targetPort` given by name (`targetPort: http-web`): the workload's port of that name; then
    /// `targetPort` is nil.
    package var targetPortName: String?
    /// Kubernetes `appProtocol`, which Istio prefers over the name prefix.
    package var appProtocol: String?

    package init(number: Int = 0, name: String = "") {
        self.number = number
        self.name = name
    }
}

/// The `spec` of a `WorkloadEntry`, also used for `ServiceEntry.endpoints[]`.
package struct WorkloadEntrySpec: Hashable, Sendable {
    /// An IP address, a hostname (DNS resolution) or a `unix://` path; Weft needs an IP for mesh traffic.
    package var address: String = ""
    /// Port name → number overrides.
    package var ports: [String: Int] = [:]
    package var labels: [String: String] = [:]
    package var network: String?
    package var locality: String?
    /// Load-balancing weight; nil means 1.
    package var weight: Int?
    package var serviceAccount: String?

    package init() {}
}

/// Istio `WorkloadEntry`: a workload on another machine.
package struct WorkloadEntry: Hashable, Sendable {
    package var metadata = ObjectMeta()
    package var spec = WorkloadEntrySpec()

    package init() {}

    /// The label that marks a workload as reachable over HBONE (architecture §13).
    package static let dataplaneModeLabel = "istio.io/dataplane-mode"

    /// In the mesh (reached over HBONE) when `istio.io/dataplane-mode: ambient` is on the spec or the metadata.
    package var isAmbient: Bool {
        self.spec.labels[Self.dataplaneModeLabel] == "ambient"
            || self.metadata.labels[Self.dataplaneModeLabel] == "ambient"
    }
}

/// Core `v1 Service`, for services on plain hosts: the selector picks enrolled workloads; `clusterIP` is the VIP.
package struct KubernetesService: Hashable, Sendable {
    package var metadata = ObjectMeta()
    package var selector: [String: String] = [:]
    package var ports: [ServicePort] = []
    /// nil: Weft allocates a VIP from 240.240.0.0/16. `None` (headless) is stored as `headless = true`.
    package var clusterIP: IPAddress?
    package var headless: Bool = false

    package init() {}
}

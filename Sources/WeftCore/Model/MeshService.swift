/// A service in the mesh: a hostname with ports and virtual IPs, whose endpoints are workloads chosen by label
/// selector or listed statically (architecture §7). Built from a core `v1 Service` or from one host of a
/// `ServiceEntry`.
package struct MeshService: Hashable, Sendable {
    /// Where the service was declared.
    package enum Origin: Hashable, Sendable, CustomStringConvertible {
        case kubernetesService(ResourceID)
        case serviceEntry(ResourceID)

        package var resource: ResourceID {
            switch self {
            case .kubernetesService(let id), .serviceEntry(let id): return id
            }
        }

        package var description: String { self.resource.description }
    }

    /// How endpoints are found (ServiceEntry `resolution`; Kubernetes services always use `endpoints`).
    package enum Resolution: String, Hashable, Sendable, CustomStringConvertible {
        /// Endpoints are known addresses (selected workloads or static entries); the balancer picks one.
        case endpoints
        /// Endpoints are DNS names resolved when connecting.
        case dns
        /// Istio's `NONE`: forward to the original destination address, no balancing.
        case passthrough

        package var description: String { self.rawValue }
    }

    /// Inside or outside the mesh (`ServiceEntry.location`); Kubernetes services are inside.
    package enum Location: String, Hashable, Sendable {
        case meshInternal = "MESH_INTERNAL"
        case meshExternal = "MESH_EXTERNAL"
    }

    /// Fully qualified: `reviews.default.svc.cluster.local`, or a ServiceEntry host as written.
    package var hostname: String
    package var namespace: String
    /// The resource name (`reviews` for a Kubernetes service).
    package var name: String
    /// Virtual IPs: `clusterIP`, ServiceEntry single-host addresses, or one allocated from the VIP pool.
    package var addresses: [IPAddress]
    /// ServiceEntry address blocks wider than one host: a destination inside one of them is this service.
    package var addressBlocks: [CIDR]
    /// True when `addresses` holds an address allocated by Weft rather than declared.
    package var isAddressAllocated: Bool
    package var ports: [MeshServicePort]
    /// nil: endpoints are not chosen by labels (a selector-less Service, or a ServiceEntry with static endpoints).
    package var selector: LabelSelector?
    package var origin: Origin
    package var resolution: Resolution
    package var location: Location
    package var exportScope: ExportScope
    /// Extra identities a client accepts from this service's endpoints (ServiceEntry `subjectAltNames`).
    package var subjectAltNames: [String]
    /// A Kubernetes headless service (`clusterIP: None`): no VIP; clients dial endpoints directly.
    package var isHeadless: Bool

    package init(
        hostname: String,
        namespace: String,
        name: String,
        addresses: [IPAddress] = [],
        addressBlocks: [CIDR] = [],
        isAddressAllocated: Bool = false,
        ports: [MeshServicePort] = [],
        selector: LabelSelector? = nil,
        origin: Origin,
        resolution: Resolution = .endpoints,
        location: Location = .meshInternal,
        exportScope: ExportScope = .everyone,
        subjectAltNames: [String] = [],
        isHeadless: Bool = false
    ) {
        self.hostname = hostname
        self.namespace = namespace
        self.name = name
        self.addresses = addresses
        self.addressBlocks = addressBlocks
        self.isAddressAllocated = isAddressAllocated
        self.ports = ports
        self.selector = selector
        self.origin = origin
        self.resolution = resolution
        self.location = location
        self.exportScope = exportScope
        self.subjectAltNames = subjectAltNames
        self.isHeadless = isHeadless
    }

    /// The port declared with this number, if any.
    package func port(_ number: Int) -> MeshServicePort? {
        self.ports.first { $0.number == number }
    }

    /// The names a client in `clientNamespace` can use for this service. A Kubernetes service answers to
    /// `reviews` (same namespace only), `reviews.default`, `reviews.default.svc` and the full name; a
    /// ServiceEntry host only to itself.
    package func aliases(from clientNamespace: String, clusterDomain: String) -> [String] {
        guard case .kubernetesService = self.origin else { return [self.hostname] }
        var names: [String] = []
        if clientNamespace == self.namespace { names.append(self.name) }
        names.append("\(self.name).\(self.namespace)")
        names.append("\(self.name).\(self.namespace).svc")
        names.append(self.hostname)
        return names
    }
}

/// One port of a service.
package struct MeshServicePort: Hashable, Sendable, CustomStringConvertible {
    package var number: Int
    package var name: String
    package var `protocol`: ServiceProtocol
    /// Where endpoints listen, unless an endpoint overrides it by port name; nil for ServiceEntry ports that
    /// declare none (then the port number is used).
    package var targetPort: Int?

    package init(number: Int, name: String = "", protocol: ServiceProtocol, targetPort: Int? = nil) {
        self.number = number
        self.name = name
        self.protocol = `protocol`
        self.targetPort = targetPort
    }

    package var description: String {
        self.name.isEmpty ? "\(self.number)/\(self.protocol)" : "\(self.number) (\(self.name), \(self.protocol))"
    }
}

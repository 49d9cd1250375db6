import WeftCore

extension KubernetesService {
    /// Service types Kubernetes knows; Weft serves `ClusterIP` only.
    enum ServiceType: String, CaseIterable {
        case clusterIP = "ClusterIP"
        case nodePort = "NodePort"
        case loadBalancer = "LoadBalancer"
        case externalName = "ExternalName"
    }

    /// Kubernetes session affinity; Weft balances per connection or request and cannot honour `ClientIP` here.
    enum SessionAffinity: String, CaseIterable {
        case none = "None"
        case clientIP = "ClientIP"
    }

    /// Kubernetes Service fields that only matter to kube-proxy, cloud load balancers or the API server: accepted
    /// so that `kubectl get svc -o yaml` output applies unchanged, and ignored.
    static let ignoredFields = [
        "ipFamilies", "ipFamilyPolicy", "internalTrafficPolicy", "externalTrafficPolicy", "publishNotReadyAddresses",
        "allocateLoadBalancerNodePorts", "healthCheckNodePort", "loadBalancerClass", "loadBalancerIP",
        "loadBalancerSourceRanges", "externalName", "trafficDistribution", "sessionAffinityConfig",
    ]

    /// Decodes and validates a core `v1` Service spec: `selector` picks enrolled workloads, `clusterIP` is the VIP
    /// (`None` = headless, absent or `""` = Weft allocates one), `ports[]` are TCP.
    init(decoding spec: FieldReader, metadata: ObjectMeta) {
        self.init()
        self.metadata = metadata
        let type = spec.enumValue("type", as: ServiceType.self)
        if let type, type != .clusterIP {
            spec.error(
                "type",
                "type \(type.rawValue) is not supported: Weft serves ClusterIP services only",
                code: .unsupported
            )
        }
        if let selector = LabelsDecoding.labels(spec, "selector") {
            self.selector = selector
        } else if !spec.has("selector") {
            spec.warning(
                "selector",
                "absent: this service has no endpoints (Weft reads no Endpoints or EndpointSlices)"
            )
        }
        self.readClusterIP(spec)
        self.ports = KubernetesServicePortDecoding.ports(spec)
        // Kubernetes requires ports except on headless and ExternalName services (the latter is reported above).
        if self.ports.isEmpty && !self.headless && !spec.has("ports") && type != .externalName {
            spec.missing("ports", "only a headless service (clusterIP: None) may have none")
        }
        if spec.enumValue("sessionAffinity", as: SessionAffinity.self) == .clientIP {
            spec.warning(
                "sessionAffinity",
                "ClientIP affinity is ignored: use a DestinationRule with consistentHash.useSourceIp for it"
            )
        }
        if let externalIPs = spec.stringList("externalIPs"), !externalIPs.isEmpty {
            spec.warning("externalIPs", "ignored: Weft routes only the cluster IP of a service")
        }
        for field in Self.ignoredFields { spec.ignore(field) }
    }

    /// `clusterIP` and `clusterIPs` (whose first entry must equal `clusterIP`); Weft uses one virtual IP.
    private mutating func readClusterIP(_ spec: FieldReader) {
        let clusterIP = spec.string("clusterIP")
        if let clusterIP { self.apply(clusterIP, at: spec.field("clusterIP"), context: spec.context) }
        guard let clusterIPs = spec.stringList("clusterIPs"), let first = clusterIPs.first else { return }
        let firstPath = spec.field("clusterIPs").appending(index: 0)
        if let clusterIP, !clusterIP.isEmpty {
            if first != clusterIP {
                spec.context.error(.invalidValue, at: firstPath, "must equal clusterIP (\"\(clusterIP)\")")
            }
        } else {
            self.apply(first, at: firstPath, context: spec.context)
        }
        if clusterIPs.count > 1 {
            spec.warning("clusterIPs", "only the first address is used: Weft gives a service one virtual IP")
        }
    }

    /// Applies one cluster IP text: `None` makes the service headless, `""` leaves the VIP to Weft.
    private mutating func apply(_ text: String, at path: FieldPath, context: DecodingContext) {
        switch text {
        case "None":
            self.headless = true
        case "":
            break
        default:
            guard let address = IPAddress(text) else {
                context.error(
                    .invalidValue,
                    at: path,
                    "\"\(text)\" is not an IP address, \"None\" (headless) or \"\" (Weft allocates one)"
                )
                return
            }
            self.clusterIP = address
        }
    }
}

import WeftCore

/// The shape of the synthetic mesh the benchmark routes through (issue 3, item 11: 1,000 services × 10 endpoints,
/// 100 `http[]` rules per host).
struct MeshShape {
    var services = 1_000
    var endpointsPerService = 10
    var rulesPerHost = 100
    var namespaces = 10

    static let httpPort = 8080
    static let tcpPort = 9000
    static let clusterDomain = "cluster.local"
    static let rootNamespace = "istio-system"

    func name(ofService index: Int) -> String {
        let digits = String(index)
        return "svc-" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    func namespace(ofService index: Int) -> String { "ns-\(index % self.namespaces)" }

    func hostname(ofService index: Int) -> String {
        "\(self.name(ofService: index)).\(self.namespace(ofService: index)).svc.\(Self.clusterDomain)"
    }

    /// Workloads live in `10.248.0.0/16`; the address is never dialled, only classified and balanced over.
    func address(ofEndpoint endpoint: Int, service: Int) -> IPAddress {
        .v4(0x0AF8_0000 + UInt32(service * self.endpointsPerService + endpoint + 1))
    }
}

/// Builds the config and workload registry: Kubernetes-style services (an `http` and a `tcp` port, VIPs from
/// the allocator), workloads labelled `version: v1` / `v2`, a DestinationRule with both subsets per service, a
/// VirtualService per host whose `http[]` list mixes header, prefix, exact and regex matches and ends in a
/// weighted canary, and `tcp[]` routes; plus AuthorizationPolicies and a mesh-wide STRICT PeerAuthentication for the
/// authorization measurement.
enum SyntheticMesh {
    static func build(_ shape: MeshShape) -> (config: MeshConfig, workloads: WorkloadRegistry) {
        var config = MeshConfig()
        var workloads: [Workload] = []
        workloads.reserveCapacity(shape.services * shape.endpointsPerService)
        for service in 0..<shape.services {
            let name = shape.name(ofService: service)
            let namespace = shape.namespace(ofService: service)
            let hostname = shape.hostname(ofService: service)
            config.services.append(Self.service(name: name, namespace: namespace))
            for endpoint in 0..<shape.endpointsPerService {
                workloads.append(
                    Workload(
                        name: "\(name)-\(endpoint)",
                        namespace: namespace,
                        serviceAccount: name,
                        labels: ["app": name, "version": endpoint % 2 == 0 ? "v1" : "v2"],
                        addresses: [shape.address(ofEndpoint: endpoint, service: service)],
                        node: "node-\(endpoint % 4)"
                    )
                )
            }
            config.destinationRules.append(Self.destinationRule(name: name, namespace: namespace, host: hostname))
            config.virtualServices.append(
                Self.virtualService(name: name, namespace: namespace, host: hostname, rules: shape.rulesPerHost)
            )
            config.authorizationPolicies.append(Self.servicePolicy(name: name, namespace: namespace, shape: shape))
        }
        config.authorizationPolicies += Self.meshPolicies(shape)
        config.peerAuthentications = [Self.strictMTLS()]
        return (config, WorkloadRegistry(workloads))
    }

    private static func service(name: String, namespace: String) -> KubernetesService {
        var service = KubernetesService()
        service.metadata = ObjectMeta(name: name, namespace: namespace)
        service.selector = ["app": name]
        service.ports = [
            ServicePort(number: MeshShape.httpPort, name: "http-web"),
            ServicePort(number: MeshShape.tcpPort, name: "tcp-data"),
        ]
        return service
    }

    private static func destinationRule(name: String, namespace: String, host: String) -> DestinationRule {
        var rule = DestinationRule()
        rule.metadata = ObjectMeta(name: name, namespace: namespace)
        rule.host = host
        rule.subsets = [Subset(name: "v1", labels: ["version": "v1"]), Subset(name: "v2", labels: ["version": "v2"])]
        return rule
    }

    // MARK: - VirtualService

    /// What rule `index` of every host's `http[]` list matches on; `HTTPRequestSample` builds requests for each.
    enum RuleKind: CaseIterable {
        case headerExact
        case uriPrefix
        case uriExact
        case uriRegex
        case methodAndPrefix
        case headerRegex

        init(rule index: Int) {
            self = Self.allCases[index % Self.allCases.count]
        }
    }

    private static func virtualService(name: String, namespace: String, host: String, rules: Int) -> VirtualService {
        var virtualService = VirtualService()
        virtualService.metadata = ObjectMeta(name: name, namespace: namespace)
        virtualService.hosts = [host]
        virtualService.http = (0..<(rules - 1)).map { Self.matchingRule($0, host: host) } + [Self.canary(host: host)]
        virtualService.tcp = [Self.batchTCPRoute(host: host), Self.weightedTCPRoute(host: host)]
        return virtualService
    }

    /// Rule `index`: one match entry of its kind, forwarding to subset v1 or v2; every tenth rule has a timeout
    /// and retries, as production routes often do.
    private static func matchingRule(_ index: Int, host: String) -> HTTPRoute {
        var match = HTTPMatchRequest()
        switch RuleKind(rule: index) {
        case .headerExact: match.headers = ["x-tenant": .exact("tenant-\(index)")]
        case .uriPrefix: match.uri = .prefix("/api/r\(index)/")
        case .uriExact: match.uri = .exact("/exact/r\(index)")
        case .uriRegex: match.uri = .regex("/items/[0-9]+/r\(index)")
        case .methodAndPrefix:
            match.method = .exact("POST")
            match.uri = .prefix("/orders/r\(index)/")
        case .headerRegex: match.headers = ["x-user": .regex("user-[a-z]+-r\(index)")]
        }
        var route = HTTPRoute()
        route.name = "rule-\(index)"
        route.match = [match]
        route.route = [HTTPRouteDestination(destination: Destination(host: host, subset: index % 2 == 0 ? "v1" : "v2"))]
        if index % 10 == 0 {
            route.timeout = .seconds(5)
            var retries = HTTPRetry()
            retries.attempts = 3
            retries.retryOn = [.connectFailure, .refusedStream, .fiveXX]
            route.retries = retries
        }
        return route
    }

    /// The last rule: no match, 90 % to v1 and 10 % to v2, which marks its canary traffic with a header.
    private static func canary(host: String) -> HTTPRoute {
        var route = HTTPRoute()
        route.name = "canary"
        var stable = HTTPRouteDestination(destination: Destination(host: host, subset: "v1"), weight: 90)
        stable.headers.response.set["x-served-by"] = "stable"
        var canary = HTTPRouteDestination(destination: Destination(host: host, subset: "v2"), weight: 10)
        canary.headers.request.set["x-canary"] = "true"
        route.route = [stable, canary]
        route.timeout = .seconds(10)
        return route
    }

    /// `tcp[0]`: batch clients go to v2 (the benchmark's clients are not batch, so this is a miss).
    private static func batchTCPRoute(host: String) -> TCPRoute {
        var match = L4MatchAttributes()
        match.sourceLabels = ["app": "batch"]
        var route = TCPRoute()
        route.match = [match]
        route.route = [RouteDestination(destination: Destination(host: host, subset: "v2"))]
        return route
    }

    /// `tcp[1]`: the tcp port, 80 % v1 and 20 % v2.
    private static func weightedTCPRoute(host: String) -> TCPRoute {
        var match = L4MatchAttributes()
        match.port = MeshShape.tcpPort
        var route = TCPRoute()
        route.match = [match]
        route.route = [
            RouteDestination(destination: Destination(host: host, subset: "v1"), weight: 80),
            RouteDestination(destination: Destination(host: host, subset: "v2"), weight: 20),
        ]
        return route
    }

    // MARK: - Authorization

    /// Per service: allow the service's two "neighbour" client service accounts on both ports.
    private static func servicePolicy(name: String, namespace: String, shape: MeshShape) -> AuthorizationPolicy {
        var policy = AuthorizationPolicy()
        policy.metadata = ObjectMeta(name: "\(name)-allow", namespace: namespace)
        policy.selector = LabelSelector(["app": name])
        policy.action = .allow
        var source = AuthorizationPolicy.Source()
        source.principals = (0..<2).map { "\(MeshShape.clusterDomain)/ns/ns-\($0)/sa/client-\($0)" }
        var operation = AuthorizationPolicy.Operation()
        operation.ports = [MeshShape.httpPort, MeshShape.tcpPort]
        var rule = AuthorizationPolicy.Rule()
        rule.from = [source]
        rule.to = [operation]
        policy.rules = [rule]
        return policy
    }

    /// Mesh-wide: deny a documentation block; per namespace: allow the namespace itself and the next one.
    private static func meshPolicies(_ shape: MeshShape) -> [AuthorizationPolicy] {
        var deny = AuthorizationPolicy()
        deny.metadata = ObjectMeta(name: "deny-blocked", namespace: MeshShape.rootNamespace)
        deny.action = .deny
        var blocked = AuthorizationPolicy.Source()
        blocked.ipBlocks = [CIDR(address: .v4(0xC000_0200), prefixLength: 24)]
        var denyRule = AuthorizationPolicy.Rule()
        denyRule.from = [blocked]
        deny.rules = [denyRule]

        let namespaceWide = (0..<shape.namespaces).map { index in
            var policy = AuthorizationPolicy()
            policy.metadata = ObjectMeta(name: "allow-neighbours", namespace: "ns-\(index)")
            policy.action = .allow
            var source = AuthorizationPolicy.Source()
            source.namespaces = ["ns-\(index)", "ns-\((index + 1) % shape.namespaces)"]
            var rule = AuthorizationPolicy.Rule()
            rule.from = [source]
            policy.rules = [rule]
            return policy
        }
        return [deny] + namespaceWide
    }

    /// Mesh-wide STRICT mTLS, so the evaluator resolves PeerAuthentication on every check.
    private static func strictMTLS() -> PeerAuthentication {
        var peerAuthentication = PeerAuthentication()
        peerAuthentication.metadata = ObjectMeta(name: "default", namespace: MeshShape.rootNamespace)
        peerAuthentication.mode = .strict
        return peerAuthentication
    }
}

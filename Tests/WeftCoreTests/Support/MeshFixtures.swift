import WeftCore

// `SplitMix64` (the deterministic test generator) lives in Balancing/TestRandom.swift.

/// Parses an address literal that the test knows is valid.
func ip(_ text: String) -> IPAddress {
    IPAddress(text)!
}

func dst(_ address: String, _ port: Int) -> DestinationAddress {
    DestinationAddress(ip(address), port)
}

/// Builders for config resources, so tests read like the YAML they stand for.
enum Fixture {
    static func service(
        _ name: String,
        namespace: String = "default",
        selector: [String: String]? = nil,
        ports: [(Int, String)] = [(9080, "http")],
        clusterIP: String? = nil,
        targetPorts: [Int: Int] = [:]
    ) -> KubernetesService {
        var service = KubernetesService()
        service.metadata = ObjectMeta(name: name, namespace: namespace)
        service.selector = selector ?? ["app": name]
        service.ports = ports.map { number, portName in
            var port = ServicePort(number: number, name: portName)
            port.targetPort = targetPorts[number]
            return port
        }
        service.clusterIP = clusterIP.map(ip)
        return service
    }

    static func workload(
        _ name: String,
        namespace: String = "default",
        labels: [String: String],
        ip address: String,
        serviceAccount: String = "default",
        health: WorkloadHealth = .healthy
    ) -> Workload {
        Workload(
            name: name,
            namespace: namespace,
            serviceAccount: serviceAccount,
            labels: labels,
            addresses: [ip(address)],
            node: "node-1",
            health: health
        )
    }

    static func virtualService(
        _ name: String,
        namespace: String = "default",
        hosts: [String],
        http: [HTTPRoute] = [],
        tcp: [TCPRoute] = [],
        exportTo: [String] = [],
        gateways: [String] = []
    ) -> VirtualService {
        var virtualService = VirtualService()
        virtualService.metadata = ObjectMeta(name: name, namespace: namespace)
        virtualService.hosts = hosts
        virtualService.http = http
        virtualService.tcp = tcp
        virtualService.exportTo = exportTo
        virtualService.gateways = gateways
        return virtualService
    }

    static func destinationRule(
        _ name: String,
        namespace: String = "default",
        host: String,
        subsets: [(String, [String: String])] = [],
        trafficPolicy: TrafficPolicy? = nil,
        exportTo: [String] = []
    ) -> DestinationRule {
        var rule = DestinationRule()
        rule.metadata = ObjectMeta(name: name, namespace: namespace)
        rule.host = host
        rule.subsets = subsets.map { Subset(name: $0.0, labels: $0.1) }
        rule.trafficPolicy = trafficPolicy
        rule.exportTo = exportTo
        return rule
    }

    /// An `http[]` rule forwarding to weighted destinations `(host, subset, weight)`.
    static func httpRoute(
        name: String? = nil,
        match: [HTTPMatchRequest] = [],
        to destinations: [(String, String?, Int?)]
    ) -> HTTPRoute {
        var route = HTTPRoute()
        route.name = name
        route.match = match
        route.route = destinations.map {
            HTTPRouteDestination(destination: Destination(host: $0.0, subset: $0.1), weight: $0.2)
        }
        return route
    }

    static func match(
        uri: StringMatch? = nil,
        method: StringMatch? = nil,
        headers: [String: StringMatch] = [:],
        name: String? = nil
    ) -> HTTPMatchRequest {
        var match = HTTPMatchRequest()
        match.uri = uri
        match.method = method
        match.headers = headers
        match.name = name
        return match
    }

    static func loadBalancer(_ simple: LoadBalancerSettings.Simple) -> LoadBalancerSettings {
        var settings = LoadBalancerSettings()
        settings.policy = .simple(simple)
        return settings
    }

    /// Bookinfo in namespace `default`: productpage, details, ratings and reviews v1–v3, each on port 9080, plus a
    /// `sleep` client in namespace `test`.
    static func bookinfo() -> (config: MeshConfig, workloads: WorkloadRegistry) {
        var config = MeshConfig()
        config.services = [
            Self.service("productpage", clusterIP: "10.96.0.10"),
            Self.service("details", clusterIP: "10.96.0.11"),
            Self.service("ratings", clusterIP: "10.96.0.12"),
            Self.service("reviews", clusterIP: "10.96.0.13"),
        ]
        let workloads = WorkloadRegistry([
            Self.workload("productpage-v1", labels: ["app": "productpage", "version": "v1"], ip: "10.248.0.10"),
            Self.workload("details-v1", labels: ["app": "details", "version": "v1"], ip: "10.248.0.11"),
            Self.workload("ratings-v1", labels: ["app": "ratings", "version": "v1"], ip: "10.248.0.12"),
            Self.workload(
                "reviews-v1",
                labels: ["app": "reviews", "version": "v1"],
                ip: "10.248.0.21",
                serviceAccount: "bookinfo-reviews"
            ),
            Self.workload(
                "reviews-v2",
                labels: ["app": "reviews", "version": "v2"],
                ip: "10.248.0.22",
                serviceAccount: "bookinfo-reviews"
            ),
            Self.workload(
                "reviews-v3",
                labels: ["app": "reviews", "version": "v3"],
                ip: "10.248.0.23",
                serviceAccount: "bookinfo-reviews"
            ),
            Self.workload("sleep", namespace: "test", labels: ["app": "sleep"], ip: "10.248.0.99"),
        ])
        return (config, workloads)
    }

    static let reviewsHost = "reviews.default.svc.cluster.local"
    static let ratingsHost = "ratings.default.svc.cluster.local"

    /// The DestinationRule bookinfo ships for reviews: subsets v1, v2, v3 by `version`.
    static func reviewsSubsets() -> DestinationRule {
        Self.destinationRule(
            "reviews",
            host: "reviews",
            subsets: [("v1", ["version": "v1"]), ("v2", ["version": "v2"]), ("v3", ["version": "v3"])]
        )
    }

    static let productpageSource = TrafficSource(
        namespace: "default",
        labels: ["app": "productpage", "version": "v1"],
        address: IPAddress("10.248.0.10")
    )
}

extension L4RouteDecision {
    /// The plan when the decision routes to a service.
    var plan: L4RoutePlan? {
        if case .service(let plan) = self { return plan }
        return nil
    }
}

extension HTTPRouteDecision {
    var plan: HTTPRoutePlan? {
        if case .routed(let plan) = self { return plan }
        return nil
    }

    var noRouteReason: NoRouteReason? {
        if case .noRoute(let reason) = self { return reason }
        return nil
    }
}

extension HTTPRoutePlan {
    var forward: ForwardAction? {
        if case .forward(let forward) = self.action { return forward }
        return nil
    }
}

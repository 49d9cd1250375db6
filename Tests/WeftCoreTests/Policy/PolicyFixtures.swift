import WeftCore

/// Builders that keep policy tables short: each reads like the YAML an Istio user would write.
enum Fixtures {
    typealias Policy = AuthorizationPolicy

    /// An AuthorizationPolicy `namespace/name`; `rules: nil` is `spec: {}`.
    static func policy(
        _ id: String,
        _ action: Policy.Action = .allow,
        selector: [String: String]? = nil,
        dryRun: Bool = false,
        rules: [Policy.Rule]?
    ) -> Policy {
        var policy = Policy()
        let parts = id.split(separator: "/").map(String.init)
        policy.metadata = ObjectMeta(name: parts[1], namespace: parts[0])
        policy.action = action
        policy.selector = selector.map(LabelSelector.init)
        policy.dryRun = dryRun
        policy.rules = rules
        return policy
    }

    static func rule(
        from: [Policy.Source] = [],
        to: [Policy.Operation] = [],
        when: [Policy.Condition] = []
    ) -> Policy.Rule {
        var rule = Policy.Rule()
        rule.from = from
        rule.to = to
        rule.when = when
        return rule
    }

    static func source(_ configure: (inout Policy.Source) -> Void) -> Policy.Source {
        var source = Policy.Source()
        configure(&source)
        return source
    }

    static func operation(_ configure: (inout Policy.Operation) -> Void) -> Policy.Operation {
        var operation = Policy.Operation()
        configure(&operation)
        return operation
    }

    static func when(_ key: String, values: [String] = [], notValues: [String] = []) -> Policy.Condition {
        var condition = Policy.Condition()
        condition.key = key
        condition.values = values
        condition.notValues = notValues
        return condition
    }

    static func cidr(_ text: String) -> CIDR {
        try! CIDR(parsing: text)
    }

    /// A PeerAuthentication `namespace/name`.
    static func peerAuthentication(
        _ id: String,
        _ mode: MTLSMode = .unset,
        selector: [String: String]? = nil,
        ports: [Int: MTLSMode] = [:]
    ) -> PeerAuthentication {
        var policy = PeerAuthentication()
        let parts = id.split(separator: "/").map(String.init)
        policy.metadata = ObjectMeta(name: parts[1], namespace: parts[0])
        policy.mode = mode
        policy.selector = selector.map(LabelSelector.init)
        policy.portLevelMtls = ports
        return policy
    }

    static func config(
        _ policies: [AuthorizationPolicy],
        peerAuthentications: [PeerAuthentication] = []
    ) -> MeshConfig {
        var config = MeshConfig()
        config.authorizationPolicies = policies
        config.peerAuthentications = peerAuthentications
        return config
    }

    static func identity(_ principal: String) -> SpiffeID {
        try! SpiffeID(principal: principal)
    }

    static let sleep = identity("cluster.local/ns/foo/sa/sleep")
    static let curl = identity("cluster.local/ns/bar/sa/curl")
    static let productpage = identity("cluster.local/ns/default/sa/bookinfo-productpage")

    /// A connection (or, with `http`, a request) to `10.248.0.20:port`.
    static func request(
        from identity: SpiffeID?,
        ip: String = "10.248.1.10",
        port: Int = 8000,
        http: HTTPRequestAttributes? = nil
    ) -> AuthorizationRequest {
        AuthorizationRequest(
            sourceIdentity: identity,
            sourceIP: IPAddress(ip)!,
            destinationIP: IPAddress("10.248.0.20")!,
            destinationPort: port,
            http: http
        )
    }

    static func http(
        _ method: String,
        _ path: String,
        host: String = "httpbin.foo:8000",
        headers: [(name: String, value: String)] = []
    ) -> HTTPRequestAttributes {
        HTTPRequestAttributes(method: method, path: path, host: host, headers: headers)
    }

    /// The workload of Istio's tasks: httpbin in namespace foo.
    static let httpbin = PolicyTarget(namespace: "foo", labels: ["app": "httpbin", "version": "v1"])

    static func apID(_ id: String) -> ResourceID {
        let parts = id.split(separator: "/").map(String.init)
        return ResourceID(kind: .authorizationPolicy, namespace: parts[0], name: parts[1])
    }

    static func paID(_ id: String) -> ResourceID {
        let parts = id.split(separator: "/").map(String.init)
        return ResourceID(kind: .peerAuthentication, namespace: parts[0], name: parts[1])
    }
}

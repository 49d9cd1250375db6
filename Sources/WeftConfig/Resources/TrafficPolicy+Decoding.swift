import WeftCore

/// Reads a DestinationRule `trafficPolicy` (top level or per subset) and its `portLevelSettings[]`.
enum TrafficPolicyDecoding {
    /// The groups a policy may set; Istio rejects a policy that sets none of them.
    static let groups = [
        "loadBalancer", "connectionPool", "outlierDetection", "tls", "portLevelSettings", "retryBudget",
    ]

    /// The groups a `portLevelSettings[]` entry may set besides `port`.
    static let portGroups = ["loadBalancer", "connectionPool", "outlierDetection", "tls"]

    static func policy(_ reader: FieldReader) -> TrafficPolicy {
        var policy = TrafficPolicy()
        // `tunnel` and `proxyProtocol` count as set (they are reported as unsupported below, not as missing).
        if !(Self.groups + ["tunnel", "proxyProtocol"]).contains(where: reader.has) {
            reader.context.error(
                .missingField,
                at: reader.path,
                "must set at least one of \(Self.groups.joined(separator: ", "))"
            )
        }
        let hasOutlierDetection = reader.has("outlierDetection")
        policy.loadBalancer = reader.object("loadBalancer") {
            LoadBalancerDecoding.settings($0, hasOutlierDetection: hasOutlierDetection)
        }
        policy.connectionPool = reader.object("connectionPool") { ConnectionPoolDecoding.settings($0) }
        policy.outlierDetection = reader.object("outlierDetection") { OutlierDetectionDecoding.settings($0) }
        policy.tls = reader.object("tls") { ClientTLSDecoding.settings($0) } ?? nil
        policy.portLevelSettings = reader.objectList("portLevelSettings") { Self.portPolicy($0) } ?? []
        reader.unsupported("tunnel", "tunnel (egress tunnelling over CONNECT or POST) is not supported")
        reader.unsupported("proxyProtocol", "proxyProtocol (sending a PROXY protocol header upstream) is not supported")
        policy.retryBudget = reader.object("retryBudget") { Self.retryBudget($0) }
        return policy
    }

    /// One `portLevelSettings[]` entry: `port.number` plus at least one settings group.
    static func portPolicy(_ reader: FieldReader) -> PortTrafficPolicy {
        var policy = PortTrafficPolicy()
        if let number = reader.object("port", required: true, { $0.int("number", in: 1...65535, required: true) })
            ?? nil
        {
            policy.port = number
        }
        if !Self.portGroups.contains(where: reader.has) {
            reader.context.error(
                .missingField,
                at: reader.path,
                "must set at least one of \(Self.portGroups.joined(separator: ", "))"
            )
        }
        let hasOutlierDetection = reader.has("outlierDetection")
        policy.loadBalancer = reader.object("loadBalancer") {
            LoadBalancerDecoding.settings($0, hasOutlierDetection: hasOutlierDetection)
        }
        policy.connectionPool = reader.object("connectionPool") { ConnectionPoolDecoding.settings($0) }
        policy.outlierDetection = reader.object("outlierDetection") { OutlierDetectionDecoding.settings($0) }
        policy.tls = reader.object("tls") { ClientTLSDecoding.settings($0) } ?? nil
        return policy
    }

    /// `retryBudget: {percent: {value}, minRetryConcurrency}`; absent fields keep Envoy's defaults (20 %, 3).
    static func retryBudget(_ reader: FieldReader) -> RetryBudget {
        var budget = RetryBudget()
        if let percent = reader.object("percent", { $0.double("value", in: 0...100) }) ?? nil {
            budget.percent = percent
        }
        if let minimum = reader.int("minRetryConcurrency", in: 0...Int(UInt32.max)) {
            budget.minRetryConcurrency = minimum
        }
        return budget
    }
}

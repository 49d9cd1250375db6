/// Why a connection or request has nowhere to go. The data plane refuses it (TCP: close; HTTP: Envoy's
/// answers in brackets) and logs this reason; `weft explain` prints it and exits 2.
package enum NoRouteReason: Error, Hashable, Sendable, CustomStringConvertible {
    /// Outbound policy `REGISTRY_ONLY` and the destination is no known service or workload (Envoy: BlackHole).
    case blockedByOutboundPolicy(DestinationAddress)
    /// A VirtualService applies but none of its `http[]` rules matched the request (404 `NR`).
    case noMatchingRule(virtualService: ResourceID)
    /// The chosen destination's host is no service in the registry (503 `NC`).
    case unknownDestinationHost(String, rule: MatchedRule?)
    /// The destination service does not declare the port traffic would go to.
    case unknownDestinationPort(host: String, port: Int, rule: MatchedRule?)
    /// The destination names a subset that the applicable DestinationRule does not define (503 `NC`).
    case unknownSubset(host: String, subset: String, destinationRule: ResourceID?, rule: MatchedRule?)
    /// Every destination of the matched rule has weight 0.
    case allWeightsZero(rule: MatchedRule)
    /// The destination has no endpoints at all (503 `UH`, ztunnel's `NoHealthyUpstream`).
    case noEndpoints(host: String, subset: String?)

    package var description: String {
        switch self {
        case .blockedByOutboundPolicy(let destination):
            return "\(destination) is not a known service or workload and the outbound traffic policy is REGISTRY_ONLY"
        case .noMatchingRule(let virtualService):
            return "no http route of \(virtualService) matches the request"
        case .unknownDestinationHost(let host, let rule):
            return "destination host \(host)\(Self.by(rule)) is not a known service"
        case .unknownDestinationPort(let host, let port, let rule):
            return "service \(host) has no port \(port)\(Self.by(rule))"
        case .unknownSubset(let host, let subset, let destinationRule, let rule):
            let scope = destinationRule.map { "in \($0)" } ?? "no DestinationRule applies to \(host)"
            return "subset \(subset) of \(host)\(Self.by(rule)) is not defined (\(scope))"
        case .allWeightsZero(let rule):
            return "every destination of \(rule) has weight 0"
        case .noEndpoints(let host, let subset):
            return "\(host)\(subset.map { " subset \($0)" } ?? "") has no endpoints"
        }
    }

    private static func by(_ rule: MatchedRule?) -> String {
        rule.map { " (chosen by \($0))" } ?? ""
    }
}

/// The kinds of configuration resource Weft understands.
///
/// Istio's networking and security kinds plus core `v1 Service` (architecture §6).
package enum ResourceKind: String, Hashable, Sendable, CaseIterable, Comparable, CustomStringConvertible {
    case service = "Service"
    case serviceEntry = "ServiceEntry"
    case workloadEntry = "WorkloadEntry"
    case virtualService = "VirtualService"
    case destinationRule = "DestinationRule"
    case peerAuthentication = "PeerAuthentication"
    case authorizationPolicy = "AuthorizationPolicy"

    /// The API group and the versions of it that are accepted for this kind.
    package var acceptedAPIVersions: [String] {
        switch self {
        case .service:
            return ["v1"]
        case .serviceEntry, .workloadEntry, .virtualService, .destinationRule:
            return ["networking.istio.io/v1", "networking.istio.io/v1beta1", "networking.istio.io/v1alpha3"]
        case .peerAuthentication, .authorizationPolicy:
            return ["security.istio.io/v1", "security.istio.io/v1beta1"]
        }
    }

    /// Lower-case aliases an operator may type (`weft get vs`, `weft get virtualservices`).
    package var aliases: [String] {
        switch self {
        case .service: return ["service", "services", "svc"]
        case .serviceEntry: return ["serviceentry", "serviceentries", "se"]
        case .workloadEntry: return ["workloadentry", "workloadentries", "we"]
        case .virtualService: return ["virtualservice", "virtualservices", "vs"]
        case .destinationRule: return ["destinationrule", "destinationrules", "dr"]
        case .peerAuthentication: return ["peerauthentication", "peerauthentications", "pa"]
        case .authorizationPolicy: return ["authorizationpolicy", "authorizationpolicies", "ap"]
        }
    }

    package init?(alias: String) {
        let lowered = alias.lowercased()
        guard let kind = Self.allCases.first(where: { $0.aliases.contains(lowered) }) else { return nil }
        self = kind
    }

    package var description: String { self.rawValue }

    package static func < (lhs: Self, rhs: Self) -> Bool {
        Self.allCases.firstIndex(of: lhs)! < Self.allCases.firstIndex(of: rhs)!
    }
}

/// Names one resource: `VirtualService default/reviews`.
package struct ResourceID: Hashable, Sendable, Comparable, CustomStringConvertible {
    package var kind: ResourceKind
    package var namespace: String
    package var name: String

    package init(kind: ResourceKind, namespace: String, name: String) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    package var description: String { "\(self.kind) \(self.namespace)/\(self.name)" }

    package static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.kind, lhs.namespace, lhs.name) < (rhs.kind, rhs.namespace, rhs.name)
    }
}

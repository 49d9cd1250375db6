/// A `when` condition key of an AuthorizationPolicy: Istio's attribute vocabulary (`pkg/config/security/security.go`
/// `ValidateAttribute`), and how much of it Weft can see.
package enum AuthorizationAttribute: Hashable, Sendable, CustomStringConvertible {
    case sourceIP
    case sourceNamespace
    case sourcePrincipal
    case destinationIP
    case destinationPort
    /// `request.headers[NAME]`; the name is kept lower-cased (HTTP header names are case-insensitive).
    case requestHeader(String)
    /// `remote.ip`: the original client from `X-Forwarded-For` or the PROXY protocol.
    case remoteIP
    case requestAuthPrincipal
    case requestAuthAudiences
    case requestAuthPresenter
    /// `request.auth.claims[NAME]`.
    case requestAuthClaim(String)
    case connectionSNI
    /// `experimental.envoy.filters.…[…]`, kept whole.
    case envoyFilterMetadata(String)

    /// Where a value comes from, which decides whether Weft can check it (ztunnel.md §5.2, architecture §6).
    package enum Layer: Hashable, Sendable {
        /// Known for every connection: addresses, port and peer identity.
        case connection
        /// Known only when the agent parses the HTTP request.
        case request
        /// Never known to Weft: JWT claims (no RequestAuthentication), forwarded client addresses, the client's TLS
        /// SNI, Envoy filter metadata. An ALLOW rule using it never matches; a DENY rule ignores it.
        case unavailable
    }

    /// What the values of a condition must look like.
    package enum ValueSyntax: Hashable, Sendable {
        /// An IP address or CIDR block (`10.1.2.3`, `10.1.0.0/16`).
        case ipOrCIDR
        /// A port number 0–65535 written as a string.
        case port
        /// Free text in the `*` / `prefix*` / `*suffix` syntax.
        case pattern
    }

    /// Why a key is not accepted; the texts follow Istio's webhook.
    package enum ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        case unknown(String)
        /// A v1alpha1 attribute that Istio replaced by another part of the policy.
        case replaced(String, by: String)
        case deprecated(String)
        /// A map-style key (`request.headers[NAME]`) without a name in brackets.
        case badMapKey(String, form: String)

        package var description: String {
            switch self {
            case .unknown(let key):
                return
                    "unknown attribute \"\(key)\" (known: \(AuthorizationAttribute.knownKeys.joined(separator: ", ")))"
            case .replaced(let key, let replacement):
                return "attribute \"\(key)\" is replaced by \(replacement)"
            case .deprecated(let key):
                return "attribute \"\(key)\" was only supported in v1alpha1"
            case .badMapKey(let key, let form):
                return "\"\(key)\" must have the form \(form)"
            }
        }
    }

    /// Every key Istio accepts, as an operator would write it.
    package static let knownKeys = [
        "source.ip", "source.namespace", "source.principal", "remote.ip", "destination.ip", "destination.port",
        "request.headers[NAME]", "request.auth.principal", "request.auth.audiences", "request.auth.presenter",
        "request.auth.claims[NAME]", "connection.sni", "experimental.envoy.filters.*",
    ]

    package init(parsing key: String) throws(ParseError) {
        switch key {
        case "source.ip": self = .sourceIP
        case "source.namespace": self = .sourceNamespace
        case "source.principal": self = .sourcePrincipal
        case "destination.ip": self = .destinationIP
        case "destination.port": self = .destinationPort
        case "remote.ip": self = .remoteIP
        case "request.auth.principal": self = .requestAuthPrincipal
        case "request.auth.audiences": self = .requestAuthAudiences
        case "request.auth.presenter": self = .requestAuthPresenter
        case "connection.sni": self = .connectionSNI
        case "destination.namespace": throw .replaced(key, by: "the policy's metadata.namespace")
        case "destination.name", "destination.user": throw .deprecated(key)
        default:
            if key.hasPrefix("request.headers") {
                self = .requestHeader(try Self.mapKey(key, prefix: "request.headers").lowercased())
            } else if key.hasPrefix("request.auth.claims") {
                self = .requestAuthClaim(try Self.mapKey(key, prefix: "request.auth.claims"))
            } else if key.hasPrefix("experimental.envoy.filters.") {
                guard key.hasSuffix("]"), let open = key.firstIndex(of: "["), key[open...].count > 2 else {
                    throw .badMapKey(key, form: "experimental.envoy.filters.NAME[KEY]")
                }
                self = .envoyFilterMetadata(key)
            } else if key.hasPrefix("destination.labels") {
                throw .replaced(key, by: "the workload selector")
            } else {
                throw .unknown(key)
            }
        }
    }

    /// The name inside `prefix[NAME]`.
    private static func mapKey(_ key: String, prefix: String) throws(ParseError) -> String {
        let rest = key.dropFirst(prefix.count)
        guard rest.hasPrefix("["), rest.hasSuffix("]"), rest.count > 2 else {
            throw .badMapKey(key, form: "\(prefix)[NAME]")
        }
        return String(rest.dropFirst().dropLast())
    }

    package var layer: Layer {
        switch self {
        case .sourceIP, .sourceNamespace, .sourcePrincipal, .destinationIP, .destinationPort: return .connection
        case .requestHeader: return .request
        case .remoteIP, .requestAuthPrincipal, .requestAuthAudiences, .requestAuthPresenter, .requestAuthClaim,
            .connectionSNI, .envoyFilterMetadata:
            return .unavailable
        }
    }

    package var valueSyntax: ValueSyntax {
        switch self {
        case .sourceIP, .destinationIP, .remoteIP: return .ipOrCIDR
        case .destinationPort: return .port
        default: return .pattern
        }
    }

    /// The key as written in a policy.
    package var description: String {
        switch self {
        case .sourceIP: return "source.ip"
        case .sourceNamespace: return "source.namespace"
        case .sourcePrincipal: return "source.principal"
        case .destinationIP: return "destination.ip"
        case .destinationPort: return "destination.port"
        case .requestHeader(let name): return "request.headers[\(name)]"
        case .remoteIP: return "remote.ip"
        case .requestAuthPrincipal: return "request.auth.principal"
        case .requestAuthAudiences: return "request.auth.audiences"
        case .requestAuthPresenter: return "request.auth.presenter"
        case .requestAuthClaim(let name): return "request.auth.claims[\(name)]"
        case .connectionSNI: return "connection.sni"
        case .envoyFilterMetadata(let key): return key
        }
    }

    /// Why Weft cannot see an `.unavailable` attribute, for warnings; nil for attributes it can see.
    package var unavailableBecause: String? {
        switch self {
        case .remoteIP:
            return
                "needs the original client address from X-Forwarded-For or the PROXY protocol, which Weft does not track"
        case .requestAuthPrincipal, .requestAuthAudiences, .requestAuthPresenter, .requestAuthClaim:
            return "needs JWT authentication (RequestAuthentication), which Weft does not do"
        case .connectionSNI:
            return "needs the client's TLS server name, which Weft does not see (HBONE carries no SNI)"
        case .envoyFilterMetadata:
            return "reads Envoy filter metadata, which Weft does not have"
        default:
            return nil
        }
    }
}

/// The application protocol of a service port, with Istio's names and rules (`pkg/config/protocol`).
///
/// `unsupported` is what Istio calls a port whose protocol it cannot tell from the declaration: traffic on it is
/// sniffed (detected from the first bytes) rather than assumed.
package enum ServiceProtocol: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case http = "HTTP"
    case http2 = "HTTP2"
    case httpProxy = "HTTP_PROXY"
    case grpc = "GRPC"
    case grpcWeb = "GRPC-Web"
    case https = "HTTPS"
    case tls = "TLS"
    case tcp = "TCP"
    case udp = "UDP"
    case mongo = "Mongo"
    case redis = "Redis"
    case mysql = "MySQL"
    case unsupported = "UnsupportedProtocol"

    package var description: String { self.rawValue }

    /// Istio's `protocol.Parse`: the name compared without case; anything else is `unsupported`.
    package init(istioName name: String) {
        switch name.lowercased() {
        case "tcp": self = .tcp
        case "udp": self = .udp
        case "grpc": self = .grpc
        case "grpc-web": self = .grpcWeb
        case "http": self = .http
        case "http_proxy": self = .httpProxy
        case "http2": self = .http2
        case "https": self = .https
        case "tls": self = .tls
        case "mongo": self = .mongo
        case "redis": self = .redis
        case "mysql": self = .mysql
        default: self = .unsupported
        }
    }

    /// Ports where Istio assumes TCP instead of sniffing when nothing is declared (SMTP, DNS, MySQL, MongoDB),
    /// because sniffing breaks server-first protocols.
    package static let wellKnownServerFirstPorts: Set<Int> = [25, 53, 3306, 27017]

    /// The protocol of a core `v1 Service` port, as Istio's `kube.ConvertProtocol` decides it: `UDP` wins; then
    /// `appProtocol` (with the Kubernetes-defined `kubernetes.io/h2c`, `ws`, `wss`); else the port name. From either
    /// name, `grpc-web…` is gRPC-Web and otherwise the part before the first `-` is parsed (`http2-foo` → HTTP2,
    /// `http2foo` → unsupported). Unsupported on a well-known server-first port becomes TCP.
    package static func forKubernetesPort(
        number: Int,
        name: String,
        transport: String?,
        appProtocol: String?
    ) -> ServiceProtocol {
        if transport?.uppercased() == "UDP" { return .udp }
        var text = name
        if let appProtocol {
            switch appProtocol {
            case "kubernetes.io/h2c": return .http2
            case "kubernetes.io/ws": return .http
            case "kubernetes.io/wss": return .https
            default: text = appProtocol
            }
        }
        return Self.fromPortName(text, number: number)
    }

    /// The protocol of a `ServiceEntry` port: its `protocol` field parsed as Istio does, falling back to the name
    /// rules when the field is absent.
    package static func forServiceEntryPort(number: Int, name: String, declared: String?) -> ServiceProtocol {
        if let declared { return ServiceProtocol(istioName: declared) }
        return Self.fromPortName(name, number: number)
    }

    private static func fromPortName(_ name: String, number: Int) -> ServiceProtocol {
        if name.lowercased().hasPrefix("grpc-web") { return .grpcWeb }
        let prefix = name.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let parsed = ServiceProtocol(istioName: String(prefix))
        if parsed == .unsupported && Self.wellKnownServerFirstPorts.contains(number) { return .tcp }
        return parsed
    }

    /// Carried over HTTP (HTTP/1.1, HTTP/2, gRPC): the port gets L7 routing.
    package var isHTTP: Bool {
        switch self {
        case .http, .http2, .httpProxy, .grpc, .grpcWeb: return true
        default: return false
        }
    }

    /// Carried over HTTP/2 to the upstream.
    package var isHTTP2: Bool {
        switch self {
        case .http2, .grpc, .grpcWeb: return true
        default: return false
        }
    }

    /// Opaque TCP as far as routing goes (TLS, HTTPS passthrough, databases).
    package var isTCP: Bool {
        switch self {
        case .tcp, .https, .tls, .mongo, .redis, .mysql: return true
        default: return false
        }
    }

    /// Not declared: the agent detects HTTP from the first bytes.
    package var needsDetection: Bool { self == .unsupported }
}

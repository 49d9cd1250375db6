/// An HTTP redirect the proxy answers with instead of forwarding.
package struct RedirectPlan: Hashable, Sendable, CustomStringConvertible {
    package var status: Int
    /// The full `Location` header value.
    package var location: String

    package var description: String { "\(self.status) → \(self.location)" }

    /// Builds the redirect of `redirect` for `request` received on service port `listenerPort`, as Envoy's
    /// `RedirectAction` does: scheme, host and path replaced when given; the port replaced when given, taken from
    /// the listener for `FROM_REQUEST_PORT`, dropped for `FROM_PROTOCOL_DEFAULT` or when the scheme changes, and
    /// always omitted when it is the scheme's default; the query kept unless the new path carries its own.
    init(_ redirect: HTTPRedirect, request: HTTPRequestHead, listenerPort: Int) {
        let scheme = redirect.scheme ?? request.scheme
        let (requestHost, requestPort) = Self.split(authority: request.authority)
        var host = requestHost
        var port = scheme == request.scheme ? requestPort : nil
        if let authority = redirect.authority {
            let (newHost, newPort) = Self.split(authority: authority)
            host = newHost
            if newPort != nil { port = newPort }
        }
        if let explicit = redirect.port {
            port = explicit
        } else if let derive = redirect.derivePort {
            port = derive == .fromRequestPort ? listenerPort : nil
        }
        if port == Self.defaultPort(scheme: scheme) { port = nil }
        var path = request.path
        if let uri = redirect.uri {
            if uri.contains("?") {
                path = uri
            } else {
                path = uri + (request.query.map { "?\($0)" } ?? "")
            }
        }
        let hostText = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        self.status = redirect.redirectCode
        self.location = "\(scheme)://\(hostText)\(port.map { ":\($0)" } ?? "")\(path)"
    }

    private static func defaultPort(scheme: String) -> Int? {
        switch scheme.lowercased() {
        case "http": return 80
        case "https": return 443
        default: return nil
        }
    }

    /// `host:port`, `[v6]:port` or a bare host.
    private static func split(authority: String) -> (host: String, port: Int?) {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            let host = String(authority[authority.index(after: authority.startIndex)..<close])
            let rest = authority[authority.index(after: close)...]
            return (host, rest.hasPrefix(":") ? Int(rest.dropFirst()) : nil)
        }
        let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, let port = Int(parts[1]) { return (String(parts[0]), port) }
        return (authority, nil)
    }
}

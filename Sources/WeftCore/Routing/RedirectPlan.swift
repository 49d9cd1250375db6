/// An HTTP redirect the proxy answers with instead of forwarding.
package struct RedirectPlan: Hashable, Sendable, CustomStringConvertible {
    package var status: Int
    /// The full `Location` header value.
    package var location: String

    package init(status: Int, location: String) {
        self.status = status
        self.location = location
    }

    package var description: String { "\(self.status) → \(self.location)" }

    /// Builds the redirect of `redirect` for `request` received on service port `listenerPort`, as Istio programs
    /// Envoy's `RedirectAction` and Envoy applies it (`ApplyRedirect`, `RouteEntryImplBase::newUri`):
    /// - the port is the given one, or the listener's for `FROM_REQUEST_PORT` (`FROM_PROTOCOL_DEFAULT` sets none);
    ///   Istio drops 80 for `http` and 443 for `https` (the redirect's scheme, `http` when unset: mesh traffic);
    /// - the host is the given authority as written, else the request's, whose port is dropped when a port is set
    ///   or when the scheme changes and the port was the old scheme's default;
    /// - the path is the given one, keeping the request's query unless it carries its own; else the request's.
    init(_ redirect: HTTPRedirect, request: HTTPRequestHead, listenerPort: Int) {
        var port = redirect.port
        if port == nil, redirect.derivePort == .fromRequestPort { port = listenerPort }
        let configuredScheme = redirect.scheme ?? "http"
        if (port == 80 && configuredScheme == "http") || (port == 443 && configuredScheme == "https") { port = nil }
        let scheme = redirect.scheme ?? request.scheme

        var host = request.authority
        if let authority = redirect.authority {
            host = authority
        } else if let (bare, requestPort) = Self.splitPort(request.authority) {
            let schemeChanges = scheme != request.scheme
            let wasDefault =
                (request.scheme == "https" && requestPort == "443") || (request.scheme == "http" && requestPort == "80")
            if port != nil || (schemeChanges && wasDefault) { host = bare }
        }

        var path = request.path
        if let uri = redirect.uri {
            path = uri.contains("?") ? uri : uri + (request.query.map { "?\($0)" } ?? "")
        }
        if !path.hasPrefix("/") { path = "/" + path }

        self.status = redirect.redirectCode
        self.location = "\(scheme)://\(host)\(port.map { ":\($0)" } ?? "")\(path)"
    }

    /// Splits `host:port` / `[v6]:port` into the host part and the port text; nil without a port.
    private static func splitPort(_ authority: String) -> (host: String, port: Substring)? {
        let colon: String.Index?
        if authority.hasPrefix("[") {
            guard let close = authority.lastIndex(of: "]") else { return nil }
            let next = authority.index(after: close)
            colon = next < authority.endIndex && authority[next] == ":" ? next : nil
        } else {
            colon = authority.lastIndex(of: ":")
        }
        guard let colon else { return nil }
        return (String(authority[..<colon]), authority[authority.index(after: colon)...])
    }
}

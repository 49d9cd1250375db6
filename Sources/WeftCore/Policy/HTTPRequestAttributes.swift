/// The parts of an HTTP request that AuthorizationPolicy can test: `to.operation` methods, paths and hosts, and
/// `when` keys `request.headers[NAME]`.
package struct HTTPRequestAttributes: Hashable, Sendable {
    /// `:method`, compared case-sensitively (`GET`).
    package var method: String
    /// `:path` as received; policies match the part before `?` (Envoy's `url_path`).
    package var path: String
    /// `:authority` or `Host`, compared case-insensitively and including any port, as Istio does.
    package var host: String
    /// Header values by lower-cased name; repeated headers are joined with `,` as Envoy's matcher sees them.
    package private(set) var headers: [String: String]

    package init(method: String, path: String, host: String, headers: [(name: String, value: String)] = []) {
        self.method = method
        self.path = path
        self.host = host
        var joined: [String: String] = [:]
        for header in headers {
            let name = header.name.lowercased()
            joined[name] = joined[name].map { $0 + "," + header.value } ?? header.value
        }
        self.headers = joined
    }

    /// The path without query string or fragment: what `paths` / `notPaths` are compared with.
    package var pathWithoutQuery: Substring {
        let end = self.path.firstIndex { $0 == "?" || $0 == "#" } ?? self.path.endIndex
        return self.path[..<end]
    }

    /// The value of a header by case-insensitive name; the pseudo-headers `:method`, `:path` and `:authority`
    /// (and `host`) read the request line, as Envoy's header matchers do.
    package func header(_ name: String) -> String? {
        switch name.lowercased() {
        case ":method": return self.method
        case ":path": return self.path
        case ":authority", "host": return self.host
        case let lowered: return self.headers[lowered]
        }
    }
}

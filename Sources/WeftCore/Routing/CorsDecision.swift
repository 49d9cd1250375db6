/// What a route's `corsPolicy` does with a request, as Envoy's CORS filter decides it.
package enum CorsDecision: Hashable, Sendable, CustomStringConvertible {
    /// The route has no CORS policy, or the request has no `Origin`.
    case notApplicable
    /// The origin is not allowed: the request goes on, the response gets no CORS headers, so the browser blocks it.
    case originNotAllowed(origin: String)
    /// A cross-origin request from an allowed origin: add these headers to the response.
    case allowed(origin: String, responseHeaders: [HTTPHeaderField])
    /// A preflight (`OPTIONS` with `Access-Control-Request-Method`) answered by the proxy itself; `allowed` false
    /// when the origin is not allowed and `unmatchedPreflights: IGNORE` says to answer without CORS headers.
    case preflightAnswered(origin: String, allowed: Bool)

    package var description: String {
        switch self {
        case .notApplicable: return "no CORS"
        case .originNotAllowed(let origin): return "origin \(origin) not allowed"
        case .allowed(let origin, _): return "origin \(origin) allowed"
        case .preflightAnswered(let origin, let allowed):
            return "preflight from \(origin) answered (\(allowed ? "allowed" : "not allowed"))"
        }
    }
}

extension CompiledCorsPolicy {
    /// Envoy's rule: an origin is allowed when a matcher accepts `*` or the origin itself.
    func allows(origin: String) -> Bool {
        self.allowOrigins.contains { $0.matches("*") || $0.matches(origin) }
    }

    /// The decision for `request`, and for a preflight the headers of the proxy's own 200 answer.
    func decide(_ request: HTTPRequestHead) -> (decision: CorsDecision, preflightHeaders: [HTTPHeaderField]?) {
        guard let origin = request.header("origin"), !origin.isEmpty else { return (.notApplicable, nil) }
        let isPreflight =
            request.method == "OPTIONS" && !(request.header("access-control-request-method") ?? "").isEmpty
        guard self.allows(origin: origin) else {
            if isPreflight && self.policy.unmatchedPreflights == .ignore {
                return (.preflightAnswered(origin: origin, allowed: false), [])
            }
            return (.originNotAllowed(origin: origin), nil)
        }
        var headers = [HTTPHeaderField("access-control-allow-origin", origin)]
        if self.policy.allowCredentials == true {
            headers.append(HTTPHeaderField("access-control-allow-credentials", "true"))
        }
        guard isPreflight else {
            if !self.policy.exposeHeaders.isEmpty {
                headers.append(
                    HTTPHeaderField("access-control-expose-headers", self.policy.exposeHeaders.joined(separator: ","))
                )
            }
            return (.allowed(origin: origin, responseHeaders: headers), nil)
        }
        if !self.policy.allowMethods.isEmpty {
            headers.append(
                HTTPHeaderField("access-control-allow-methods", self.policy.allowMethods.joined(separator: ","))
            )
        }
        if !self.policy.allowHeaders.isEmpty {
            headers.append(
                HTTPHeaderField("access-control-allow-headers", self.policy.allowHeaders.joined(separator: ","))
            )
        }
        if let maxAge = self.policy.maxAge {
            headers.append(HTTPHeaderField("access-control-max-age", String(maxAge.components.seconds)))
        }
        return (.preflightAnswered(origin: origin, allowed: true), headers)
    }
}

import Testing
import WeftCore

@testable import WeftConfig

/// A VirtualService `default/reviews` whose `spec` is the given YAML (indented by the helper).
private func reviews(_ spec: String) -> String {
    let indented = spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: default}
        spec:
        \(indented.joined(separator: "\n"))
        """
}

/// The operator-facing text of an error in that VirtualService, read from `vs.yaml`.
private func problem(_ field: String, _ message: String) -> String {
    "vs.yaml: document 1: VirtualService default/reviews: \(field): \(message)"
}

/// One broken variant of a documented example, and every error it must produce, in order.
struct BrokenVariant: CustomTestStringConvertible, Sendable {
    var name: String
    var spec: String
    var errors: [String]

    var testDescription: String { self.name }
}

/// The common route of the examples, to keep the variants short.
private let route = "route:\n  - destination: {host: reviews, subset: v1}"

@Suite("VirtualService validation: broken variants are rejected with exact errors")
struct VirtualServiceValidationTests {
    static let variants: [BrokenVariant] = [
        BrokenVariant(
            name: "50/50 split with a negative weight",
            spec: """
                hosts: [reviews]
                http:
                - route:
                  - destination: {host: reviews, subset: v1}
                    weight: 50
                  - destination: {host: reviews, subset: v3}
                    weight: -20
                """,
            errors: [problem("spec.http[0].route[1].weight", "must not be negative (got -20)")]
        ),
        BrokenVariant(
            name: "canary whose weights add up to 0",
            spec: """
                hosts: [reviews]
                http:
                - route:
                  - destination: {host: reviews, subset: v1}
                    weight: 0
                  - destination: {host: reviews, subset: v2}
                """,
            errors: [
                problem(
                    "spec.http[0].route",
                    "the weights of the 2 destinations add up to 0: give at least one a positive weight"
                )
            ]
        ),
        BrokenVariant(
            name: "header routing with a lookahead regex and a two-kind match",
            spec: """
                hosts: [reviews]
                http:
                - match:
                  - headers:
                      end-user: {regex: "^(?!jason).*$"}
                      x-canary: {exact: "yes", prefix: y}
                  \(route)
                """,
            errors: [
                problem(
                    "spec.http[0].match[0].headers.end-user.regex",
                    "RE2 does not support lookahead ((?=...) or (?!...))"
                ),
                problem(
                    "spec.http[0].match[0].headers.x-canary",
                    "only one of exact, prefix, regex may be set (got exact and prefix)"
                ),
            ]
        ),
        BrokenVariant(
            name: "uri match that is empty, and an empty header prefix",
            spec: """
                hosts: [reviews]
                http:
                - match:
                  - uri: {}
                    headers: {end-user: {prefix: ""}}
                  \(route)
                """,
            errors: [
                problem(
                    "spec.http[0].match[0].uri",
                    "one of exact, prefix, regex is required (an empty match {} means \"present\" only in headers, withoutHeaders and queryParams)"
                ),
                problem("spec.http[0].match[0].headers.end-user.prefix", "must not be empty"),
            ]
        ),
        BrokenVariant(
            name: "delay written in words with an impossible percentage",
            spec: """
                hosts: [reviews]
                http:
                - fault:
                    delay:
                      fixedDelay: 7 seconds
                      percentage: {value: 150}
                  \(route)
                """,
            errors: [
                problem(
                    "spec.http[0].fault.delay.fixedDelay",
                    "\"7 seconds\" is not a duration (use e.g. 100ms, 1.5s, 1m30s)"
                ),
                problem("spec.http[0].fault.delay.percentage.value", "must be 0 or between 0.0001 and 100 (got 150)"),
            ]
        ),
        BrokenVariant(
            name: "abort with a non-HTTP status, a tiny percentage and an unknown gRPC status",
            spec: """
                hosts: [reviews]
                http:
                - fault:
                    abort: {httpStatus: 700, percentage: {value: 0.00001}}
                  \(route)
                - fault:
                    abort: {grpcStatus: unavailable}
                  \(route)
                """,
            errors: [
                problem("spec.http[0].fault.abort.httpStatus", "must be between 200 and 600 (got 700)"),
                problem("spec.http[0].fault.abort.percentage.value", "must be 0 or between 0.0001 and 100 (got 1e-05)"),
                problem(
                    "spec.http[1].fault.abort.grpcStatus",
                    "\"unavailable\" is not a gRPC status name (use one of OK, CANCELLED, UNKNOWN, INVALID_ARGUMENT, DEADLINE_EXCEEDED, NOT_FOUND, ALREADY_EXISTS, PERMISSION_DENIED, RESOURCE_EXHAUSTED, FAILED_PRECONDITION, ABORTED, OUT_OF_RANGE, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS, UNAUTHENTICATED)"
                ),
            ]
        ),
        BrokenVariant(
            name: "fault with neither delay nor abort, and HTTP/2 and exponential faults Istio does not support",
            spec: """
                hosts: [reviews]
                http:
                - fault: {}
                  \(route)
                - fault:
                    delay: {exponentialDelay: 1s}
                    abort: {http2Error: REFUSED_STREAM}
                  \(route)
                """,
            errors: [
                problem("spec.http[0].fault", "needs a delay or an abort (or both)"),
                problem(
                    "spec.http[1].fault.delay.exponentialDelay",
                    "is not supported (Istio does not support it either)"
                ),
                problem(
                    "spec.http[1].fault.abort.http2Error",
                    "HTTP/2 abort fault injection is not supported yet (nor in Istio)"
                ),
            ]
        ),
        BrokenVariant(
            name: "retries with spaces in retryOn, unknown statuses and a sub-millisecond per-try timeout",
            spec: """
                hosts: [reviews]
                http:
                - \(route)
                  retries:
                    attempts: 3
                    perTryTimeout: 1500us
                    retryOn: 5xx, gateway-error,599,600,retriable-status-codes
                """,
            errors: [
                problem("spec.http[0].retries.perTryTimeout", "must be a whole number of milliseconds (got 1500us)"),
                problem(
                    "spec.http[0].retries.retryOn",
                    "\" gateway-error\" is not a retry condition (remove the spaces: items are separated by commas only)"
                ),
                problem(
                    "spec.http[0].retries.retryOn",
                    "\"599\" is not a retry condition (use 5xx, cancelled, connect-failure, deadline-exceeded, envoy-ratelimited, gateway-error, http3-post-connect-failure, internal, refused-stream, reset, reset-before-request, resource-exhausted, retriable-4xx, retriable-headers, retriable-status-codes, unavailable or an HTTP status code)"
                ),
                problem(
                    "spec.http[0].retries.retryOn",
                    "\"600\" is not a retry condition (use 5xx, cancelled, connect-failure, deadline-exceeded, envoy-ratelimited, gateway-error, http3-post-connect-failure, internal, refused-stream, reset, reset-before-request, resource-exhausted, retriable-4xx, retriable-headers, retriable-status-codes, unavailable or an HTTP status code)"
                ),
            ]
        ),
        BrokenVariant(
            name: "retries configured while disabled, and negative attempts",
            spec: """
                hosts: [reviews]
                http:
                - \(route)
                  retries: {perTryTimeout: 2s, retryOn: 5xx}
                - \(route)
                  retries: {attempts: -1}
                """,
            errors: [
                problem(
                    "spec.http[0].retries",
                    "perTryTimeout and retryOn are set but attempts is 0 or omitted, which disables retries: set attempts to at least 1"
                ),
                problem("spec.http[1].retries.attempts", "must not be negative (got -1)"),
            ]
        ),
        BrokenVariant(
            name: "timeout of 0s (Istio: durations are at least 1ms) and a typo in retries",
            spec: """
                hosts: [reviews]
                http:
                - \(route)
                  timeout: 0s
                  retrys: {attempts: 3}
                """,
            errors: [
                problem("spec.http[0].timeout", "must be at least 1ms (got 0s)"),
                problem("spec.http[0].retrys", "unknown field"),
            ]
        ),
        BrokenVariant(
            name: "redirect mixed with a route and a rewrite, with a 200 code",
            spec: """
                hosts: [reviews]
                http:
                - redirect: {uri: /v1/bookRatings, redirectCode: 200}
                  rewrite: {uri: /v2}
                  \(route)
                - redirect: {redirectCode: 304, scheme: ftp}
                """,
            errors: [
                problem("spec.http[0].redirect.redirectCode", "must be a 3xx redirect code (got 200)"),
                problem(
                    "spec.http[0].route",
                    "cannot be combined with redirect (a redirect answers the request itself)"
                ),
                problem(
                    "spec.http[0].rewrite",
                    "cannot be combined with redirect (a redirect answers the request itself)"
                ),
                problem("spec.http[1].redirect.scheme", "must be http or https (got \"ftp\")"),
                problem(
                    "spec.http[1].redirect.redirectCode",
                    "304 is not supported: redirects use 301, 302, 303, 307 or 308 (Istio drops other codes)"
                ),
            ]
        ),
        BrokenVariant(
            name: "redirect that changes nothing, with a lower-case derivePort",
            spec: """
                hosts: [reviews]
                http:
                - redirect: {redirectCode: 302}
                - redirect: {derivePort: from_request_port}
                """,
            errors: [
                problem("spec.http[0].redirect", "must set at least one of uri, authority, port, derivePort or scheme"),
                problem(
                    "spec.http[1].redirect.derivePort",
                    "\"from_request_port\" is not one of FROM_PROTOCOL_DEFAULT, FROM_REQUEST_PORT (values are case-sensitive: use FROM_REQUEST_PORT)"
                ),
            ]
        ),
        BrokenVariant(
            name: "direct response with status 700, bad base64 and a fault",
            spec: """
                hosts: [reviews]
                http:
                - directResponse: {status: 700, body: {bytes: "not base64!"}}
                  fault: {abort: {httpStatus: 503}}
                - directResponse: {body: {string: gone}}
                """,
            errors: [
                problem("spec.http[0].directResponse.status", "must be between 200 and 599 (got 700)"),
                problem("spec.http[0].directResponse.body.bytes", "is not valid base64"),
                problem(
                    "spec.http[0].fault",
                    "cannot be combined with directResponse (a direct response answers the request itself)"
                ),
                problem("spec.http[1].directResponse.status", "is required"),
            ]
        ),
        BrokenVariant(
            name: "rewrite with both uri and a regex rewrite, and an incomplete regex rewrite",
            spec: """
                hosts: [reviews]
                http:
                - rewrite:
                    uri: /v1
                    uriRegexRewrite: {match: "^/old(/.*)$", rewrite: "/new\\\\1"}
                  \(route)
                - rewrite:
                    uriRegexRewrite: {match: "^/(?<=x)"}
                  \(route)
                - rewrite: {}
                  \(route)
                """,
            errors: [
                problem(
                    "spec.http[0].rewrite",
                    "only one of uri, uriRegexRewrite may be set (got uri and uriRegexRewrite)"
                ),
                problem("spec.http[1].rewrite.uriRegexRewrite.rewrite", "is required"),
                problem(
                    "spec.http[1].rewrite.uriRegexRewrite.match",
                    "RE2 does not support lookbehind ((?<=...) or (?<!...))"
                ),
                problem("spec.http[2].rewrite", "must set at least one of uri, uriRegexRewrite or authority"),
            ]
        ),
        BrokenVariant(
            name: "mirror and mirrors together, with an out-of-range mirror percentage",
            spec: """
                hosts: [reviews]
                http:
                - \(route)
                  mirror: {host: reviews, subset: v2}
                  mirrorPercentage: {value: 150}
                  mirrors:
                  - destination: {host: reviews-shadow}
                """,
            errors: [
                problem("spec.http[0].mirrorPercentage.value", "must be between 0 and 100 (got 150)"),
                problem("spec.http[0].mirrors", "cannot be combined with mirror (list every mirror under mirrors)"),
            ]
        ),
        BrokenVariant(
            name: "CORS with lower-case methods, a bad header, an empty origin and a fractional max age",
            spec: """
                hosts: [reviews]
                http:
                - \(route)
                  corsPolicy:
                    allowOrigins: [{exact: ""}, {regex: "https://(a|b\\\\1)"}]
                    allowMethods: [get, POST]
                    allowHeaders: ["X Foo"]
                    maxAge: 1500ms
                    unmatchedPreflights: forward
                """,
            errors: [
                problem("spec.http[0].corsPolicy.allowOrigins[0].exact", "must not be empty"),
                problem("spec.http[0].corsPolicy.allowOrigins[1].regex", "RE2 does not support backreferences (\\1)"),
                problem(
                    "spec.http[0].corsPolicy.allowMethods[0]",
                    "\"get\" is not one of GET, HEAD, POST, PUT, PATCH, DELETE, CONNECT, OPTIONS, TRACE, * (methods are case-sensitive)"
                ),
                problem("spec.http[0].corsPolicy.allowHeaders[0]", "\"X Foo\" is not a valid header name"),
                problem("spec.http[0].corsPolicy.maxAge", "must be a whole number of seconds (got 1500ms)"),
                problem(
                    "spec.http[0].corsPolicy.unmatchedPreflights",
                    "\"forward\" is not one of UNSPECIFIED, FORWARD, IGNORE (values are case-sensitive: use FORWARD)"
                ),
            ]
        ),
        BrokenVariant(
            name: "TCP route with a bad subnet, an out-of-range port and a missing route",
            spec: """
                hosts: [tcp-echo]
                tcp:
                - match:
                  - port: 70000
                    destinationSubnets: [10.0.0.0/33, 10.1.0.0/16]
                  route:
                  - destination: {host: tcp-echo, subset: v1, port: {number: 0}}
                    weight: -80
                - match: [{port: 31401}]
                """,
            errors: [
                problem("spec.tcp[0].match[0].destinationSubnets[0]", "prefix length in \"10.0.0.0/33\" exceeds 32"),
                problem("spec.tcp[0].match[0].port", "must be between 1 and 65535 (got 70000)"),
                problem("spec.tcp[0].route[0].destination.port.number", "must be between 1 and 65535 (got 0)"),
                problem("spec.tcp[0].route[0].weight", "must not be negative (got -80)"),
                problem("spec.tcp[1].route", "is required"),
            ]
        ),
        BrokenVariant(
            name: "SNI routing and delegation, which Weft does not support yet",
            spec: """
                hosts: [reviews]
                http:
                - delegate: {name: reviews-routes, namespace: team-a}
                tls:
                - match: [{sniHosts: [reviews]}]
                  route: [{destination: {host: reviews}}]
                """,
            errors: [
                problem(
                    "spec.http[0].delegate",
                    "delegate VirtualServices are not supported yet: write the delegated routes here"
                ),
                problem("spec.tls", "TLS routing by SNI (tls[]) is not supported yet"),
            ]
        ),
        BrokenVariant(
            name: "no hosts and no routes",
            spec: "gateways: [mesh]",
            errors: [
                problem("spec.hosts", "is required (delegate VirtualServices without hosts are not supported yet)"),
                problem("spec", "one of http, tcp or tls is required"),
            ]
        ),
        BrokenVariant(
            name: "hosts that are empty, wildcard-only, invalid or repeated",
            spec: """
                hosts: ["*", Reviews_v1, reviews, reviews, "*.example.com", api.example.com, 10.0.0.1]
                http:
                - \(route)
                """,
            errors: [
                problem("spec.hosts[0]", "\"*\" is not allowed for mesh traffic (name the hosts)"),
                problem(
                    "spec.hosts[1]",
                    "\"Reviews_v1\" is not a valid host name (label \"Reviews_v1\" is not a DNS label)"
                ),
                problem("spec.hosts[3]", "duplicate of hosts[2]"),
                problem("spec.hosts[5]", "\"api.example.com\" overlaps \"*.example.com\" (hosts[4])"),
            ]
        ),
        BrokenVariant(
            name: "rules with no action, and destinations without host or with a bad subset",
            spec: """
                hosts: [reviews]
                exportTo: [".", default, "*"]
                http:
                - match: [{uri: {prefix: /a}}]
                - route:
                  - destination: {subset: v1}
                  - destination: {host: "*", subset: v1.0}
                """,
            errors: [
                problem("spec.exportTo[1]", "\".\" and \"default\" both mean namespace default"),
                problem("spec.exportTo", "\"*\" exports to every namespace and cannot be combined with other entries"),
                problem("spec.http[0]", "one of route, redirect or directResponse is required"),
                problem("spec.http[1].route[0].destination.host", "is required"),
                problem(
                    "spec.http[1].route[1].destination.host",
                    "\"*\" is not a valid destination host (name a service)"
                ),
                problem(
                    "spec.http[1].route[1].destination.subset",
                    "\"v1.0\" is not a valid subset name (a DNS label: letters, digits, '-')"
                ),
                // Two destinations without weights: nobody would get traffic.
                problem(
                    "spec.http[1].route",
                    "the weights of the 2 destinations add up to 0: give at least one a positive weight"
                ),
            ]
        ),
        BrokenVariant(
            name: "header names and header operations Istio rejects",
            spec: """
                hosts: [reviews]
                http:
                - match:
                  - headers:
                      "end user": {exact: jason}
                      End-User: {exact: jason}
                      end-user: {exact: bob}
                      x-missing:
                  route:
                  - destination: {host: reviews, subset: v1}
                    headers:
                      response: {set: {host: x}, remove: [":status"]}
                  headers:
                    request: {set: {":path": /x, x-share: "50%"}}
                  rewrite: {authority: a.example.com}
                - \(route)
                  headers:
                    request: {set: {host: b.example.com}, add: {":authority": c.example.com}}
                """,
            errors: [
                problem("spec.http[0].match[0].headers.end user", "\"end user\" is not a valid header name"),
                problem(
                    "spec.http[0].match[0].headers.end-user",
                    "header \"end-user\" is already matched as \"End-User\" (header names are case-insensitive)"
                ),
                problem(
                    "spec.http[0].match[0].headers.x-missing",
                    "must be a match such as {exact: value}, or {} for \"present\" (got null)"
                ),
                problem(
                    "spec.http[0].route[0].headers.response.set.host",
                    "the Host header cannot be changed here (use rewrite.authority)"
                ),
                problem(
                    "spec.http[0].route[0].headers.response.remove[0]",
                    "pseudo-header \":status\" cannot be changed"
                ),
                problem("spec.http[0].headers.request.set.:path", "pseudo-header \":path\" cannot be changed"),
                problem(
                    "spec.http[0].headers.request.set.x-share",
                    "header value \"50%\" has an unterminated %VARIABLE% (write %% for a literal %)"
                ),
                problem(
                    "spec.http[1].headers.request",
                    "sets the authority twice (\"b.example.com\", then \"c.example.com\"): use only one of rewrite.authority, :authority and host"
                ),
            ]
        ),
        BrokenVariant(
            name: "JWT claim routing, which Istio allows only on gateways",
            spec: """
                hosts: [reviews]
                http:
                - match:
                  - headers:
                      "@request.auth.claims.group": {exact: admin}
                  \(route)
                """,
            errors: [
                problem(
                    "spec.http[0].match[0].headers.@request.auth.claims.group",
                    "routing on JWT claims is only supported on gateways (Istio rejects it for the mesh)"
                )
            ]
        ),
    ]

    @Test("A broken variant of a documented example is rejected with every exact error", arguments: variants)
    func brokenVariant(_ variant: BrokenVariant) {
        let result = decode(reviews(variant.spec), file: "vs.yaml")
        #expect(result.diagnostics.errors.map(\.description) == variant.errors)
        #expect(result.config.virtualServices.isEmpty, "a VirtualService with errors must not be served")
    }
}

/// Istio `VirtualService` (networking.istio.io), validated. Field names and defaults follow
/// `virtual_service.proto`; see ../shared/reference/ztunnel.md §7.1.
package struct VirtualService: Hashable, Sendable {
    package var metadata = ObjectMeta()
    package var hosts: [String] = []
    package var gateways: [String] = []
    package var exportTo: [String] = []
    /// Ordered; the first matching route wins.
    package var http: [HTTPRoute] = []
    package var tcp: [TCPRoute] = []

    package init() {}

    /// Whether the rules apply to mesh traffic: `gateways` is empty (Istio's implied `mesh`) or names `mesh`.
    /// A VirtualService bound only to gateways does not route workload traffic.
    package var appliesToMesh: Bool { self.gateways.isEmpty || self.gateways.contains("mesh") }
}

/// A service (or subset of one) that traffic is sent to.
package struct Destination: Hashable, Sendable, CustomStringConvertible {
    package var host: String = ""
    package var subset: String?
    package var port: Int?

    package init(host: String = "", subset: String? = nil, port: Int? = nil) {
        self.host = host
        self.subset = subset
        self.port = port
    }

    package var description: String {
        var text = self.host
        if let port { text += ":\(port)" }
        if let subset { text += " subset \(subset)" }
        return text
    }
}

/// Header manipulation (`headers.request` / `headers.response`). Header names are stored lower-case.
package struct HeaderOperations: Hashable, Sendable {
    package var set: [String: String] = [:]
    package var add: [String: String] = [:]
    package var remove: [String] = []

    package init() {}

    package var isEmpty: Bool { self.set.isEmpty && self.add.isEmpty && self.remove.isEmpty }
}

package struct Headers: Hashable, Sendable {
    package var request = HeaderOperations()
    package var response = HeaderOperations()

    package init() {}
}

package struct HTTPRoute: Hashable, Sendable {
    package var name: String?
    /// OR'ed; an empty list matches every request.
    package var match: [HTTPMatchRequest] = []
    package var route: [HTTPRouteDestination] = []
    package var redirect: HTTPRedirect?
    package var directResponse: HTTPDirectResponse?
    package var rewrite: HTTPRewrite?
    /// Disabled when nil (Istio's default).
    package var timeout: Duration?
    /// nil means "not set": Istio's default retry policy applies (`HTTPRetry.istioDefault`).
    package var retries: HTTPRetry?
    package var fault: HTTPFaultInjection?
    /// `mirror` + `mirrorPercentage` and `mirrors[]` normalised into one list.
    package var mirrors: [HTTPMirrorPolicy] = []
    package var corsPolicy: CorsPolicy?
    package var headers = Headers()

    package init() {}
}

/// One `match[]` entry; its conditions are AND'ed.
package struct HTTPMatchRequest: Hashable, Sendable {
    package var name: String?
    package var uri: StringMatch?
    package var scheme: StringMatch?
    package var method: StringMatch?
    package var authority: StringMatch?
    /// Keyed by lower-case header name (header names are case-insensitive); `.present` for `{}`.
    package var headers: [String: StringMatch] = [:]
    /// Lower-case header name → match; the condition holds when the header does NOT match (`.present`: is absent).
    package var withoutHeaders: [String: StringMatch] = [:]
    package var queryParams: [String: StringMatch] = [:]
    package var ignoreUriCase: Bool = false
    package var port: Int?
    package var sourceLabels: [String: String] = [:]
    package var sourceNamespace: String?
    package var gateways: [String] = []
    package var statPrefix: String?

    package init() {}
}

package struct HTTPRouteDestination: Hashable, Sendable {
    package var destination = Destination()
    /// Relative weight; the share is weight / Σweights. nil when not written (a single destination gets all).
    package var weight: Int?
    package var headers = Headers()

    package init(destination: Destination = Destination(), weight: Int? = nil) {
        self.destination = destination
        self.weight = weight
    }
}

package struct HTTPRedirect: Hashable, Sendable {
    package enum DerivePort: String, Hashable, Sendable, CaseIterable {
        case fromProtocolDefault = "FROM_PROTOCOL_DEFAULT"
        case fromRequestPort = "FROM_REQUEST_PORT"
    }

    package var uri: String?
    package var authority: String?
    package var port: Int?
    package var derivePort: DerivePort?
    package var scheme: String?
    /// Istio's default is 301 (Moved Permanently).
    package var redirectCode: Int = 301

    package init() {}
}

package struct HTTPDirectResponse: Hashable, Sendable {
    package enum Body: Hashable, Sendable {
        case string(String)
        case bytes([UInt8])
    }

    package var status: Int = 200
    package var body: Body?

    package init() {}
}

package struct HTTPRewrite: Hashable, Sendable {
    /// Replaces the matched prefix (or the whole path for exact/regex matches).
    package var uri: String?
    package var authority: String?
    package var uriRegexRewrite: RegexRewrite?

    package init() {}
}

package struct RegexRewrite: Hashable, Sendable {
    package var match: String = ""
    package var rewrite: String = ""

    package init(match: String = "", rewrite: String = "") {
        self.match = match
        self.rewrite = rewrite
    }
}

/// The `retryOn` vocabulary of Envoy's router, which Istio passes through (ztunnel.md §7.1).
package enum RetryCondition: Hashable, Sendable, CustomStringConvertible {
    case fiveXX
    case gatewayError
    case reset
    case resetBeforeRequest
    case connectFailure
    case envoyRateLimited
    case retriable4xx
    case refusedStream
    case retriableStatusCodes
    case retriableHeaders
    case http3PostConnectFailure
    case grpcCancelled
    case grpcDeadlineExceeded
    case grpcInternal
    case grpcResourceExhausted
    case grpcUnavailable
    /// A bare HTTP status code in `retryOn` (becomes a retriable status code, as in Istio).
    case statusCode(Int)

    package static let namedConditions: [String: RetryCondition] = [
        "5xx": .fiveXX, "gateway-error": .gatewayError, "reset": .reset,
        "reset-before-request": .resetBeforeRequest, "connect-failure": .connectFailure,
        "envoy-ratelimited": .envoyRateLimited, "retriable-4xx": .retriable4xx,
        "refused-stream": .refusedStream, "retriable-status-codes": .retriableStatusCodes,
        "retriable-headers": .retriableHeaders, "http3-post-connect-failure": .http3PostConnectFailure,
        "cancelled": .grpcCancelled, "deadline-exceeded": .grpcDeadlineExceeded, "internal": .grpcInternal,
        "resource-exhausted": .grpcResourceExhausted, "unavailable": .grpcUnavailable,
    ]

    package var description: String {
        if case .statusCode(let code) = self { return String(code) }
        return Self.namedConditions.first(where: { $0.value == self })!.key
    }
}

package struct HTTPRetry: Hashable, Sendable {
    /// 0 disables retries.
    package var attempts: Int = 2
    /// nil: the route timeout applies to each try.
    package var perTryTimeout: Duration?
    package var retryOn: [RetryCondition] = []
    package var retryRemoteLocalities: Bool = false
    package var retryIgnorePreviousHosts: Bool = true
    /// Base interval for exponential backoff; Envoy's default is 25 ms.
    package var backoff: Duration = .milliseconds(25)

    package init() {}

    /// What Istio programs when a route sets no `retries` (IS pilot/pkg/networking/core/route/retry/retry.go):
    /// 2 attempts on connect-failure, refused-stream, unavailable, cancelled, retriable-status-codes (503),
    /// avoiding previously tried hosts.
    package static let istioDefault: HTTPRetry = {
        var retry = HTTPRetry()
        retry.attempts = 2
        retry.retryOn = [.connectFailure, .refusedStream, .grpcUnavailable, .grpcCancelled, .retriableStatusCodes]
        return retry
    }()
}

package struct HTTPFaultInjection: Hashable, Sendable {
    package struct Delay: Hashable, Sendable {
        package var fixedDelay: Duration = .zero
        /// Share of requests delayed; Istio delays none when no percentage is given.
        package var percentage = Percentage.none

        package init() {}
    }

    package struct Abort: Hashable, Sendable {
        package enum Kind: Hashable, Sendable {
            case httpStatus(Int)
            /// A gRPC status name such as `UNAVAILABLE`.
            case grpcStatus(String)
            case http2Error(String)
        }

        package var kind: Kind = .httpStatus(503)
        package var percentage = Percentage.none

        package init() {}
    }

    package var delay: Delay?
    package var abort: Abort?

    package init() {}
}

package struct HTTPMirrorPolicy: Hashable, Sendable {
    package var destination = Destination()
    /// Absent means 100 %.
    package var percentage = Percentage.all

    package init(destination: Destination = Destination(), percentage: Percentage = .all) {
        self.destination = destination
        self.percentage = percentage
    }
}

package struct CorsPolicy: Hashable, Sendable {
    package enum UnmatchedPreflights: String, Hashable, Sendable, CaseIterable {
        case unspecified = "UNSPECIFIED"
        case forward = "FORWARD"
        case ignore = "IGNORE"
    }

    package var allowOrigins: [StringMatch] = []
    package var allowMethods: [String] = []
    package var allowHeaders: [String] = []
    package var exposeHeaders: [String] = []
    package var maxAge: Duration?
    package var allowCredentials: Bool?
    package var unmatchedPreflights: UnmatchedPreflights = .unspecified

    package init() {}
}

package struct TCPRoute: Hashable, Sendable {
    package var match: [L4MatchAttributes] = []
    package var route: [RouteDestination] = []

    package init() {}
}

package struct L4MatchAttributes: Hashable, Sendable {
    package var destinationSubnets: [CIDR] = []
    package var port: Int?
    package var sourceLabels: [String: String] = [:]
    package var sourceNamespace: String?
    package var gateways: [String] = []

    package init() {}
}

package struct RouteDestination: Hashable, Sendable {
    package var destination = Destination()
    package var weight: Int?

    package init(destination: Destination = Destination(), weight: Int? = nil) {
        self.destination = destination
        self.weight = weight
    }
}

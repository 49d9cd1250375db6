import Testing
import WeftCore

@testable import WeftConfig

/// Finds a decoded VirtualService by `namespace/name`.
private func virtualService(_ result: ValidationResult, _ key: String) throws -> VirtualService {
    try #require(
        result.config.virtualServices.first { "\($0.metadata.namespace)/\($0.metadata.name)" == key },
        "VirtualService \(key) should have decoded"
    )
}

@Suite("VirtualService decoding: Istio's documented examples")
struct VirtualServiceCorpusTests {
    @Test("Traffic shifting 50/50, an 80/20 canary and header-based routing decode to the expected routes")
    func trafficShifting() throws {
        let result = try decodeCorpus("virtual-service-traffic-shifting.yaml")
        #expect(result.diagnostics.errors.isEmpty, "valid Istio examples must not produce errors")

        let halves = try virtualService(result, "default/reviews")
        #expect(halves.hosts == ["reviews"])
        #expect(halves.gateways.isEmpty && halves.appliesToMesh)
        #expect(halves.http.count == 1)
        #expect(
            halves.http[0].route == [
                HTTPRouteDestination(destination: Destination(host: "reviews", subset: "v1"), weight: 50),
                HTTPRouteDestination(destination: Destination(host: "reviews", subset: "v3"), weight: 50),
            ]
        )
        #expect(halves.http[0].match.isEmpty, "no match means every request")
        #expect(halves.http[0].retries == nil, "unset retries mean Istio's default policy, decided later")
        #expect(halves.http[0].timeout == nil)

        let canary = try virtualService(result, "bookinfo/reviews-canary")
        let host = "reviews.bookinfo.svc.cluster.local"
        #expect(canary.http[0].route.map(\.weight) == [80, 20])
        #expect(
            canary.http[0].route.map(\.destination) == [
                Destination(host: host, subset: "v1"), Destination(host: host, subset: "v2"),
            ]
        )

        let jason = try virtualService(result, "default/reviews-test-v2")
        #expect(jason.http.count == 2)
        var expectedMatch = HTTPMatchRequest()
        expectedMatch.headers = ["end-user": .exact("jason")]
        #expect(jason.http[0].match == [expectedMatch])
        #expect(jason.http[0].route == [HTTPRouteDestination(destination: Destination(host: "reviews", subset: "v2"))])
        #expect(jason.http[0].route[0].weight == nil, "a single destination may omit its weight")
        #expect(jason.http[1].match.isEmpty)
        #expect(jason.http[1].route[0].destination == Destination(host: "reviews", subset: "v1"))
    }

    @Test("Fault injection (7 s delay for jason, HTTP 500 for 10 %), timeouts and retries decode")
    func resilience() throws {
        let result = try decodeCorpus("virtual-service-resilience.yaml")
        #expect(result.diagnostics.errors.isEmpty)

        let delay = try virtualService(result, "default/ratings-delay")
        let delayFault = try #require(delay.http[0].fault)
        #expect(delayFault.delay?.fixedDelay == .seconds(7))
        #expect(delayFault.delay?.percentage == Percentage(100))
        #expect(delayFault.abort == nil)
        #expect(delay.http[1].fault == nil)

        let abort = try virtualService(result, "default/ratings-abort")
        let abortFault = try #require(abort.http[0].fault?.abort)
        #expect(abortFault.kind == .httpStatus(500))
        #expect(abortFault.percentage == Percentage(10))
        #expect(abort.http[0].fault?.delay == nil)

        let timeouts = try virtualService(result, "default/reviews-timeouts")
        #expect(timeouts.http[0].timeout == .milliseconds(500))
        var expectedRetry = HTTPRetry.istioDefault
        expectedRetry.attempts = 3
        expectedRetry.perTryTimeout = .seconds(2)
        expectedRetry.retryOn = [.gatewayError, .connectFailure, .refusedStream, .statusCode(503)]
        #expect(timeouts.http[0].retries == expectedRetry)
        #expect(timeouts.http[0].retries?.retryIgnorePreviousHosts == true)
        #expect(timeouts.http[0].retries?.backoff == .milliseconds(25))
        // `attempts: 0` is Istio's way of switching retries off for a route.
        #expect(timeouts.http[1].retries?.attempts == 0)
        #expect(timeouts.http[1].retries?.retryOn == [])
    }

    @Test("Redirect, rewrite, direct response, CORS and mirroring decode")
    func edge() throws {
        let result = try decodeCorpus("virtual-service-edge.yaml")
        #expect(result.diagnostics.errors.isEmpty)

        let ratings = try virtualService(result, "prod/ratings-route")
        #expect(ratings.http.count == 4)
        var redirect = HTTPRedirect()
        redirect.uri = "/v1/bookRatings"
        redirect.authority = "newratings.default.svc.cluster.local"
        #expect(ratings.http[0].redirect == redirect)
        #expect(ratings.http[0].redirect?.redirectCode == 301, "Istio redirects with 301 by default")
        #expect(ratings.http[0].match.first?.uri == .exact("/v1/getProductRatings"))
        #expect(ratings.http[0].route.isEmpty)

        #expect(ratings.http[1].match.first?.uri == .prefix("/ratings"))
        #expect(ratings.http[1].rewrite?.uri == "/v1/bookRatings")
        #expect(ratings.http[1].rewrite?.uriRegexRewrite == nil)

        #expect(ratings.http[2].match.first?.uri == .regex("^/legacy/[a-z]+$"))
        #expect(ratings.http[2].match.first?.ignoreUriCase == true)
        #expect(ratings.http[2].directResponse?.status == 410)
        #expect(ratings.http[2].directResponse?.body == .string("gone"))

        let cors = try #require(ratings.http[3].corsPolicy)
        #expect(cors.allowOrigins == [.exact("https://example.com")])
        #expect(cors.allowMethods == ["POST", "GET"])
        #expect(cors.allowHeaders == ["X-Foo-Bar"])
        #expect(cors.allowCredentials == false)
        #expect(cors.maxAge == .seconds(24 * 3600))
        #expect(cors.unmatchedPreflights == .unspecified)

        let httpbin = try virtualService(result, "default/httpbin")
        #expect(
            httpbin.http[0].mirrors == [
                HTTPMirrorPolicy(destination: Destination(host: "httpbin", subset: "v2"), percentage: Percentage(50))
            ]
        )

        let mirrors = try virtualService(result, "default/httpbin-mirrors")
        #expect(
            mirrors.http[0].mirrors == [
                HTTPMirrorPolicy(destination: Destination(host: "httpbin", subset: "v2"), percentage: Percentage(25)),
                HTTPMirrorPolicy(destination: Destination(host: "httpbin-shadow.testing.svc.cluster.local")),
            ]
        )
        #expect(mirrors.http[0].mirrors[1].percentage == .all, "a mirror without percentage copies every request")
    }

    @Test("A weighted TCP route with a port match decodes")
    func tcp() throws {
        let result = try decodeCorpus("virtual-service-tcp.yaml")
        #expect(result.diagnostics.errors.isEmpty)
        let echo = try virtualService(result, "istio-io-tcp-traffic-shifting/tcp-echo")
        #expect(echo.http.isEmpty)
        #expect(echo.tcp.count == 1)
        var match = L4MatchAttributes()
        match.port = 31400
        #expect(echo.tcp[0].match == [match])
        #expect(
            echo.tcp[0].route == [
                RouteDestination(destination: Destination(host: "tcp-echo", subset: "v1", port: 9000), weight: 80),
                RouteDestination(destination: Destination(host: "tcp-echo", subset: "v2", port: 9000), weight: 20),
            ]
        )
    }

    @Test("Subsets without a DestinationRule are warnings at the subset's own field path, mirrors included")
    func danglingSubsetWarnings() throws {
        let result = try decodeCorpus("virtual-service-edge.yaml")
        let prefix = "warning: virtual-service-edge.yaml: document"
        #expect(
            result.diagnostics.warnings.map(\.description) == [
                "\(prefix) 1: VirtualService prod/ratings-route: spec.http[1].route[0].destination.subset: subset \"v1\" is not defined by any DestinationRule for host ratings.prod.svc.cluster.local",
                "\(prefix) 1: VirtualService prod/ratings-route: spec.http[3].route[0].destination.subset: subset \"v1\" is not defined by any DestinationRule for host ratings.prod.svc.cluster.local",
                "\(prefix) 2: VirtualService default/httpbin: spec.http[0].route[0].destination.subset: subset \"v1\" is not defined by any DestinationRule for host httpbin.default.svc.cluster.local",
                "\(prefix) 2: VirtualService default/httpbin: spec.http[0].mirror.subset: subset \"v2\" is not defined by any DestinationRule for host httpbin.default.svc.cluster.local",
                "\(prefix) 3: VirtualService default/httpbin-mirrors: spec.http[0].route[0].destination.subset: subset \"v1\" is not defined by any DestinationRule for host httpbin.default.svc.cluster.local",
                "\(prefix) 3: VirtualService default/httpbin-mirrors: spec.http[0].mirrors[0].destination.subset: subset \"v2\" is not defined by any DestinationRule for host httpbin.default.svc.cluster.local",
            ]
        )
        #expect(result.diagnostics.warnings.allSatisfy { $0.code == .danglingReference })
        #expect(result.validConfig != nil, "warnings alone do not reject the configuration")
    }
}

/// A VirtualService `default/reviews` whose `spec` is the given YAML.
private func reviewsDocument(_ spec: String) -> String {
    let indented = spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
    return """
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {name: reviews, namespace: default}
        spec:
        \(indented.joined(separator: "\n"))
        """
}

@Suite("VirtualService decoding: what Istio accepts with a warning, and normalisations")
struct VirtualServiceNormalisationTests {
    @Test("Deprecated fields are converted and named in a warning")
    func deprecatedFields() throws {
        let yaml = reviewsDocument(
            """
            hosts: [reviews]
            http:
            - route:
              - destination: {host: reviews}
              fault:
                delay: {fixedDelay: 2s, percent: 30}
              mirror: {host: reviews-shadow}
              mirrorPercent: 5
              corsPolicy:
                allowOrigin: ["https://a.example.com", "*"]
            """
        )
        let result = decode(yaml, file: "vs.yaml")
        #expect(result.diagnostics.errors.isEmpty)
        let prefix = "warning: vs.yaml: document 1: VirtualService default/reviews: spec.http[0]"
        #expect(
            result.diagnostics.warnings.map(\.description) == [
                "\(prefix).fault.delay.percent: is deprecated: use percentage: {value: 30}",
                "\(prefix).mirrorPercent: is deprecated: use mirrorPercentage: {value: 5}",
                "\(prefix).corsPolicy.allowOrigin: is deprecated: use allowOrigins (each origin read as an exact match)",
            ]
        )
        let route = try #require(result.config.virtualServices.first?.http.first)
        #expect(route.fault?.delay?.percentage == Percentage(30))
        #expect(
            route.mirrors == [
                HTTPMirrorPolicy(destination: Destination(host: "reviews-shadow"), percentage: Percentage(5))
            ]
        )
        #expect(route.corsPolicy?.allowOrigins == [.exact("https://a.example.com"), .exact("*")])
    }

    @Test("Rules that can never match, gateway-only binding and actionless faults are warnings, not errors")
    func istioWarnings() {
        let yaml = reviewsDocument(
            """
            hosts: [reviews]
            gateways: [istio-system/ingress]
            http:
            - match: [{uri: {prefix: /a}, name: first}]
              route: [{destination: {host: reviews}}]
              fault: {abort: {percentage: {value: 10}}}
            - match: [{uri: {prefix: /b}}, {uri: {prefix: /a}, name: again}]
              route: [{destination: {host: reviews}}]
            - route: [{destination: {host: reviews}}]
            - route: [{destination: {host: reviews}}]
            """
        )
        let prefix = "warning: vs.yaml: document 1: VirtualService default/reviews"
        #expect(
            warningTexts(yaml, file: "vs.yaml") == [
                "\(prefix): spec.gateways: binds this VirtualService to gateways only, so it does not route mesh traffic: add \"mesh\" to apply it to workloads",
                "\(prefix): spec.http[0].fault.abort: has no httpStatus or grpcStatus, so no request is aborted",
                "\(prefix): spec.http[1].match[1]: is never used: http[0] has the same match",
                "\(prefix): spec.http[3]: is never used: http[2] has no match and takes every request",
            ]
        )
        #expect(errorTexts(yaml, file: "vs.yaml") == [])
    }

    @Test("Header names are stored lower-case; {} means present; withoutHeaders regex * means present")
    func matchNormalisation() throws {
        let yaml = reviewsDocument(
            """
            hosts: [reviews]
            http:
            - match:
              - headers: {End-User: {exact: jason}, X-Canary: {}}
                withoutHeaders: {X-Debug: {regex: "*"}}
                queryParams: {Mode: {}, v: {regex: "^[0-9]+$"}}
                method: {exact: GET}
                authority: {prefix: "reviews"}
                scheme: {exact: https}
                sourceLabels: {app: productpage}
                sourceNamespace: frontend
                gateways: [mesh]
                port: 9080
              route: [{destination: {host: reviews, port: {number: 9080}}}]
              headers:
                request: {set: {X-Request-Source: weft}, add: {X-Trace: "%REQ(x-request-id)%"}, remove: [X-Internal]}
                response: {remove: [Server]}
            """
        )
        let result = decode(yaml)
        #expect(result.diagnostics.all.isEmpty, "got \(result.diagnostics.all.map(\.description))")
        let route = try #require(result.config.virtualServices.first?.http.first)
        let match = try #require(route.match.first)
        #expect(match.headers == ["end-user": .exact("jason"), "x-canary": .present])
        #expect(match.withoutHeaders == ["x-debug": .present])
        #expect(match.queryParams == ["Mode": .present, "v": .regex("^[0-9]+$")])
        #expect(match.method == .exact("GET"))
        #expect(match.authority == .prefix("reviews"))
        #expect(match.scheme == .exact("https"))
        #expect(match.sourceLabels == ["app": "productpage"])
        #expect(match.sourceNamespace == "frontend")
        #expect(match.gateways == ["mesh"])
        #expect(match.port == 9080)
        #expect(route.headers.request.set == ["x-request-source": "weft"])
        #expect(route.headers.request.add == ["x-trace": "%REQ(x-request-id)%"])
        #expect(route.headers.request.remove == ["x-internal"])
        #expect(route.headers.response.remove == ["server"])
        #expect(route.route.first?.destination == Destination(host: "reviews", port: 9080))
    }

    @Test("Redirect, direct response and regex rewrite details decode to the model")
    func actionDetails() throws {
        let yaml = reviewsDocument(
            """
            hosts: [reviews]
            http:
            - match: [{uri: {prefix: /old}}]
              redirect: {scheme: https, derivePort: FROM_PROTOCOL_DEFAULT, redirectCode: 308}
            - match: [{uri: {prefix: /teapot}}]
              directResponse: {status: 418, body: {bytes: "SSdtIGEgdGVhcG90"}}
            - rewrite: {uriRegexRewrite: {match: "^/service/([^/]+)(/.*)$", rewrite: "\\\\2/instance/\\\\1"}, authority: new}
              route: [{destination: {host: reviews}}]
            """
        )
        let result = decode(yaml)
        #expect(result.diagnostics.all.isEmpty, "got \(result.diagnostics.all.map(\.description))")
        let http = try #require(result.config.virtualServices.first?.http)
        var redirect = HTTPRedirect()
        redirect.scheme = "https"
        redirect.derivePort = .fromProtocolDefault
        redirect.redirectCode = 308
        #expect(http[0].redirect == redirect)
        #expect(http[1].directResponse?.status == 418)
        #expect(http[1].directResponse?.body == .bytes(Array("I'm a teapot".utf8)))
        #expect(
            http[2].rewrite?.uriRegexRewrite
                == RegexRewrite(match: "^/service/([^/]+)(/.*)$", rewrite: "\\2/instance/\\1")
        )
        #expect(http[2].rewrite?.authority == "new")
    }

    @Test("Many errors across many resources and files come out in one pass, in order")
    func onePass() {
        let broken = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: reviews, namespace: default}
            spec:
              hosts: [reviews]
              http:
              - route:
                - destination: {host: reviews, subset: v1}
                  weight: -1
                timeout: 5 seconds
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: ratings, namespace: default}
            spec:
              hosts: [ratings]
              http:
              - fault: {delay: {fixedDelay: 7s, percentage: {value: 101}}}
                route: [{destination: {host: ratings}}]
                retries: {attempts: 2, retryOn: "5xx,bogus"}
            ---
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: details, namespace: default}
            spec:
              hosts: [details]
              http:
              - route: [{destination: {host: details, subset: v1}}]
            """
        let other = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata: {name: tcp-echo, namespace: default}
            spec:
              hosts: [tcp-echo]
              tcp:
              - route: []
              tls: [{match: [{sniHosts: [a]}], route: [{destination: {host: a}}]}]
            ---
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: default, namespace: istio-system}
            spec: {mtls: {mode: strict}}
            """
        let result = DocumentDecoder.decode([
            ConfigSource(name: "bookinfo.yaml", text: broken), ConfigSource(name: "tcp.yaml", text: other),
        ])
        #expect(
            result.diagnostics.errors.map(\.description) == [
                "bookinfo.yaml: document 1: VirtualService default/reviews: spec.http[0].route[0].weight: must not be negative (got -1)",
                "bookinfo.yaml: document 1: VirtualService default/reviews: spec.http[0].timeout: \"5 seconds\" is not a duration (use e.g. 100ms, 1.5s, 1m30s)",
                "bookinfo.yaml: document 2: VirtualService default/ratings: spec.http[0].retries.retryOn: \"bogus\" is not a retry condition (use 5xx, cancelled, connect-failure, deadline-exceeded, envoy-ratelimited, gateway-error, http3-post-connect-failure, internal, refused-stream, reset, reset-before-request, resource-exhausted, retriable-4xx, retriable-headers, retriable-status-codes, unavailable or an HTTP status code)",
                "bookinfo.yaml: document 2: VirtualService default/ratings: spec.http[0].fault.delay.percentage.value: must be 0 or between 0.0001 and 100 (got 101)",
                "tcp.yaml: document 1: VirtualService default/tcp-echo: spec.tcp[0].route: must list at least one destination",
                "tcp.yaml: document 1: VirtualService default/tcp-echo: spec.tls: TLS routing by SNI (tls[]) is not supported yet",
                "tcp.yaml: document 2: PeerAuthentication istio-system/default: spec.mtls.mode: \"strict\" is not one of UNSET, DISABLE, PERMISSIVE, STRICT (values are case-sensitive: use STRICT)",
            ]
        )
        // The valid neighbour is still decoded (for summaries), but the whole configuration is rejected.
        #expect(result.config.virtualServices.map(\.metadata.name) == ["details"])
        #expect(result.validConfig == nil)
    }
}

@Suite("Cross-resource checks: subsets named by routes")
struct SubsetReferenceCheckTests {
    private static func rule(_ host: String, namespace: String, subsets: [String]) -> DestinationRule {
        var rule = DestinationRule()
        rule.metadata = ObjectMeta(name: "dr-\(subsets.joined())", namespace: namespace)
        rule.host = host
        rule.subsets = subsets.map { Subset(name: $0) }
        return rule
    }

    private static func warnings(
        destinationHost: String,
        subset: String = "v2",
        namespace: String = "default",
        rules: [DestinationRule]
    ) -> [String] {
        var config = MeshConfig()
        var service = VirtualService()
        service.metadata = ObjectMeta(name: "reviews", namespace: namespace)
        config.virtualServices = [service]
        config.destinationRules = rules
        let id = ResourceID(kind: .virtualService, namespace: namespace, name: "reviews")
        let reference = SubsetReference(
            host: destinationHost,
            namespace: namespace,
            subset: subset,
            field: "spec.http[1].route[0].destination.subset"
        )
        return CrossResourceChecks.run(
            config,
            origins: [id: (file: "vs.yaml", document: 2)],
            subsetReferences: [id: [reference]]
        ).all.map(\.description)
    }

    @Test(
        "A subset is found through Istio's short-name completion, FQDNs and wildcard hosts",
        arguments: [
            ("reviews", "reviews", "default"),
            ("reviews", "reviews.default.svc.cluster.local", "default"),
            ("reviews.default.svc.cluster.local", "reviews", "default"),
            ("reviews", "*.default.svc.cluster.local", "default"),
            ("reviews.default.svc.cluster.local", "reviews.default.svc.cluster.local", "other"),
        ]
    )
    func found(destinationHost: String, ruleHost: String, ruleNamespace: String) {
        let rules = [Self.rule(ruleHost, namespace: ruleNamespace, subsets: ["v1", "v2"])]
        #expect(Self.warnings(destinationHost: destinationHost, rules: rules) == [])
    }

    @Test("A missing subset is a warning at the subset's field, naming the completed host")
    func missing() {
        let expected =
            "warning: vs.yaml: document 2: VirtualService default/reviews: spec.http[1].route[0].destination.subset: subset \"v2\" is not defined by any DestinationRule for host reviews.default.svc.cluster.local"
        // No rule at all, a rule without that subset, and a short-named rule in another namespace (which means
        // reviews.other.svc.cluster.local) all leave the subset undefined.
        #expect(Self.warnings(destinationHost: "reviews", rules: []) == [expected])
        #expect(
            Self.warnings(
                destinationHost: "reviews",
                rules: [Self.rule("reviews", namespace: "default", subsets: ["v1"])]
            )
                == [expected]
        )
        #expect(
            Self.warnings(
                destinationHost: "reviews",
                rules: [Self.rule("reviews", namespace: "other", subsets: ["v2"])]
            )
                == [expected]
        )
        let diagnostics = CrossResourceChecks.run(MeshConfig(), origins: [:], subsetReferences: [:])
        #expect(diagnostics.all.isEmpty)
    }
}

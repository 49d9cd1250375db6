import Testing
import WeftCore

@Suite("L7 routing: rule order, actions, rewrites, headers, faults, mirrors, retries")
struct HTTPRoutingTests {
    func snapshot(_ http: [HTTPRoute], rules: [DestinationRule] = [Fixture.reviewsSubsets()]) -> MeshSnapshot {
        var (config, workloads) = Fixture.bookinfo()
        config.virtualServices = [Fixture.virtualService("reviews", hosts: ["reviews"], http: http)]
        config.destinationRules = rules
        return MeshSnapshot(config: config, enrolled: workloads)
    }

    func route(
        _ snapshot: MeshSnapshot,
        _ request: HTTPRequestHead = HTTPRequestHead(authority: "reviews:9080", path: "/reviews/1"),
        seed: UInt64 = 1
    ) -> HTTPRouteDecision {
        var rng = SplitMix64(seed: seed)
        return snapshot.routeHTTP(request, to: dst("10.96.0.13", 9080), from: Fixture.productpageSource, using: &rng)
    }

    func request(_ path: String, method: String = "GET", headers: [(String, String)] = []) -> HTTPRequestHead {
        HTTPRequestHead(
            method: method,
            authority: "reviews:9080",
            path: path,
            headers: headers.map { HTTPHeaderField($0.0, $0.1) }
        )
    }

    @Test("Rules are tried in order and the first match wins (bookinfo's jason route)")
    func firstMatchWins() throws {
        let snapshot = self.snapshot([
            Fixture.httpRoute(
                name: "jason",
                match: [Fixture.match(headers: ["end-user": .exact("jason")], name: "by-user")],
                to: [("reviews", "v2", nil)]
            ),
            Fixture.httpRoute(name: "everyone", to: [("reviews", "v1", nil)]),
            Fixture.httpRoute(name: "never", to: [("reviews", "v3", nil)]),
        ])
        let jason = try #require(self.route(snapshot, self.request("/", headers: [("end-user", "jason")])).plan)
        #expect(jason.rule?.description == "VirtualService default/reviews http[0] \"jason.by-user\" match[0]")
        #expect(jason.forward?.target.endpoints.map(\.workload?.name) == ["reviews-v2"])
        let other = try #require(self.route(snapshot, self.request("/")).plan)
        #expect(other.rule?.description == "VirtualService default/reviews http[1] \"everyone\"")
        #expect(other.forward?.target.subset == "v1")
    }

    @Test("No matching rule: no route (Envoy's 404 NR); a VirtualService without http rules: the default route")
    func noMatchAndNoRules() throws {
        let snapshot = self.snapshot([
            Fixture.httpRoute(match: [Fixture.match(uri: .prefix("/admin"))], to: [("reviews", nil, nil)])
        ])
        #expect(
            self.route(snapshot).noRouteReason
                == .noMatchingRule(
                    virtualService: ResourceID(kind: .virtualService, namespace: "default", name: "reviews")
                )
        )
        let tcpOnly = self.snapshot([])
        let plan = try #require(self.route(tcpOnly).plan)
        #expect(plan.rule == nil)
        #expect(plan.forward?.target.endpoints.count == 3)
    }

    @Test("The default route uses Istio's default retries and no timeout")
    func defaultRoute() throws {
        var (config, workloads) = Fixture.bookinfo()
        config.destinationRules = []
        let plan = try #require(self.route(MeshSnapshot(config: config, enrolled: workloads)).plan)
        #expect(plan.rule == nil)
        #expect(plan.timeout == nil)
        #expect(plan.retry.attempts == 2)
        #expect(
            plan.retry.conditions == [
                .connectFailure, .refusedStream, .grpcUnavailable, .grpcCancelled, .retriableStatusCodes,
            ]
        )
        #expect(plan.retry.retriableStatusCodes == [503])
        #expect(plan.retry.avoidPreviousHosts)
        #expect(plan.retry.hostSelectionMaxAttempts == 5)
        #expect(plan.cors == .notApplicable && plan.fault == nil && plan.mirrors.isEmpty)
        #expect(plan.forward?.target.trafficPolicy == .defaults)
    }

    @Test(
        "Redirects build the Location Istio and Envoy would send",
        arguments: [
            (
                "/v1/bookRatings", nil, nil, nil, nil, "reviews:9080", "/ratings?id=7",
                "http://reviews:9080/v1/bookRatings?id=7"
            ),
            ("/new?x=1", nil, nil, nil, nil, "reviews:9080", "/old?id=7", "http://reviews:9080/new?x=1"),
            (nil, "bookratings.default", nil, nil, nil, "reviews:9080", "/r", "http://bookratings.default/r"),
            (nil, "other:8000", nil, nil, nil, "reviews:9080", "/r", "http://other:8000/r"),
            // A scheme change keeps a non-default port and drops the old scheme's default one.
            (nil, nil, "https", nil, nil, "reviews:9080", "/r", "https://reviews:9080/r"),
            (nil, nil, "https", nil, nil, "reviews:80", "/r", "https://reviews/r"),
            (nil, nil, "https", 8443, nil, "reviews:9080", "/r", "https://reviews:8443/r"),
            (nil, nil, "https", 443, nil, "reviews", "/r", "https://reviews/r"),
            // Istio drops an explicit port 80 for http, so Envoy keeps the request's own port.
            (nil, nil, nil, 80, nil, "reviews:9080", "/r", "http://reviews:9080/r"),
            (
                nil, nil, nil, nil, HTTPRedirect.DerivePort.fromProtocolDefault, "reviews:9080", "/r",
                "http://reviews:9080/r"
            ),
            (nil, "x", nil, nil, HTTPRedirect.DerivePort.fromRequestPort, "reviews", "/r", "http://x:9080/r"),
            (nil, nil, nil, 8080, nil, "[fd00::1]:9080", "/r", "http://[fd00::1]:8080/r"),
        ] as [(String?, String?, String?, Int?, HTTPRedirect.DerivePort?, String, String, String)]
    )
    func redirect(
        uri: String?,
        authority: String?,
        scheme: String?,
        port: Int?,
        derive: HTTPRedirect.DerivePort?,
        requestAuthority: String,
        path: String,
        location: String
    ) throws {
        var route = HTTPRoute()
        var redirect = HTTPRedirect()
        redirect.uri = uri
        redirect.authority = authority
        redirect.scheme = scheme
        redirect.port = port
        redirect.derivePort = derive
        redirect.redirectCode = 308
        route.redirect = redirect
        let request = HTTPRequestHead(authority: requestAuthority, path: path)
        let plan = try #require(self.route(self.snapshot([route]), request).plan)
        #expect(plan.action == .redirect(RedirectPlan(status: 308, location: location)))
        #expect(plan.retry == .disabled)
    }

    @Test("directResponse answers without forwarding")
    func directResponse() throws {
        var route = HTTPRoute()
        var response = HTTPDirectResponse()
        response.status = 418
        response.body = .string("short and stout")
        route.directResponse = response
        let plan = try #require(self.route(self.snapshot([route])).plan)
        #expect(plan.action == .directResponse(status: 418, body: .string("short and stout")))
    }

    @Test(
        "rewrite.uri replaces the matched prefix, or the whole path for exact and regex matches; the query stays",
        arguments: [
            (StringMatch.prefix("/reviews"), "/v2/reviews", "/reviews/1?x=1", "/v2/reviews/1?x=1"),
            (.prefix("/reviews/"), "/", "/reviews/1", "/1"),
            (.exact("/reviews/1"), "/r1", "/reviews/1?x=1", "/r1?x=1"),
            (.regex("/reviews/[0-9]+"), "/any", "/reviews/42", "/any"),
            (nil, "/v2", "/reviews/1", "/v2reviews/1"),
        ] as [(StringMatch?, String, String, String)]
    )
    func prefixRewrite(uri: StringMatch?, rewrite: String, path: String, expected: String) throws {
        var route = Fixture.httpRoute(match: uri.map { [Fixture.match(uri: $0)] } ?? [], to: [("reviews", nil, nil)])
        route.rewrite = HTTPRewrite()
        route.rewrite?.uri = rewrite
        let plan = try #require(self.route(self.snapshot([route]), self.request(path)).plan)
        #expect(plan.forward?.path == expected)
    }

    @Test("uriRegexRewrite substitutes every match with capture groups and keeps the query")
    func regexRewrite() throws {
        var route = Fixture.httpRoute(to: [("reviews", nil, nil)])
        route.rewrite = HTTPRewrite()
        route.rewrite?.uriRegexRewrite = RegexRewrite(match: "^/service/([^/]+)(/.*)$", rewrite: "\\2/instance/\\1")
        let plan = try #require(self.route(self.snapshot([route]), self.request("/service/foo/v1/api?q=1")).plan)
        #expect(plan.forward?.path == "/v1/api/instance/foo?q=1")
        var every = Fixture.httpRoute(to: [("reviews", nil, nil)])
        every.rewrite = HTTPRewrite()
        every.rewrite?.uriRegexRewrite = RegexRewrite(match: "o", rewrite: "0")
        #expect(
            try #require(self.route(self.snapshot([every]), self.request("/foo/bOo")).plan).forward?.path == "/f00/bO0"
        )
    }

    @Test("Authority: rewrite.authority, else :authority/host set at route level, else at destination level")
    func authority() throws {
        var route = Fixture.httpRoute(to: [("reviews", nil, nil)])
        route.route[0].headers.request.set = ["host": "from-destination"]
        #expect(try #require(self.route(self.snapshot([route])).plan).forward?.authority == "from-destination")
        route.headers.request.add = [":authority": "from-route"]
        #expect(try #require(self.route(self.snapshot([route])).plan).forward?.authority == "from-route")
        route.rewrite = HTTPRewrite()
        route.rewrite?.authority = "from-rewrite"
        let plan = try #require(self.route(self.snapshot([route])).plan)
        #expect(plan.forward?.authority == "from-rewrite")
        // Pseudo-headers and host never become header operations.
        #expect(plan.requestHeaders.isEmpty)
    }

    @Test("Header operations: route level first, then the chosen destination's")
    func headerOperations() throws {
        var route = Fixture.httpRoute(to: [("reviews", "v2", nil)])
        route.headers.request.set = ["x-route": "1"]
        route.headers.response.remove = ["server"]
        route.route[0].headers.request.set = ["x-route": "2"]
        route.route[0].headers.request.add = ["x-dest": "v2"]
        route.route[0].headers.response.add = ["x-served-by": "v2"]
        let plan = try #require(self.route(self.snapshot([route])).plan)
        #expect(plan.requestHeaders.map(\.set) == [["x-route": "1"], ["x-route": "2"]])
        #expect(plan.requestHeaders.map(\.add) == [[:], ["x-dest": "v2"]])
        #expect(plan.responseHeaders.map(\.remove) == [["server"], []])
        #expect(plan.responseHeaders.map(\.add) == [[:], ["x-served-by": "v2"]])
    }

    @Test("Faults fire by percentage: 100 % always, 0 % or unset never")
    func faults() throws {
        var route = Fixture.httpRoute(to: [("ratings", nil, nil)])
        var fault = HTTPFaultInjection()
        var delay = HTTPFaultInjection.Delay()
        delay.fixedDelay = .seconds(7)
        delay.percentage = .all
        fault.delay = delay
        var abort = HTTPFaultInjection.Abort()
        abort.kind = .httpStatus(500)
        fault.abort = abort
        route.fault = fault
        let plan = try #require(self.route(self.snapshot([route])).plan)
        #expect(plan.fault?.delay == .seconds(7))
        #expect(plan.fault?.abort == nil)
        #expect(plan.fault?.description == "delay 7s")
        #expect(plan.forward?.target.hostname == Fixture.ratingsHost)
    }

    @Test("A fault at 30 % fires for about 30 % of requests")
    func faultPercentage() throws {
        var route = Fixture.httpRoute(to: [("ratings", nil, nil)])
        var fault = HTTPFaultInjection()
        var abort = HTTPFaultInjection.Abort()
        abort.kind = .grpcStatus("UNAVAILABLE")
        abort.percentage = Percentage(30)
        fault.abort = abort
        route.fault = fault
        let snapshot = self.snapshot([route])
        var rng = SplitMix64(seed: 42)
        var fired = 0
        let trials = 10_000
        for _ in 0..<trials {
            let plan = snapshot.routeHTTP(
                self.request("/"),
                to: dst("10.96.0.13", 9080),
                from: Fixture.productpageSource,
                using: &rng
            ).plan
            if plan?.fault?.abort == .grpcStatus("UNAVAILABLE") { fired += 1 }
        }
        #expect(abs(Double(fired) / Double(trials) - 0.3) < 0.02, "fired \(fired) of \(trials)")
    }

    @Test("Mirrors go to their own target when their percentage fires")
    func mirrors() throws {
        var route = Fixture.httpRoute(to: [("reviews", "v1", nil)])
        route.mirrors = [
            HTTPMirrorPolicy(destination: Destination(host: "reviews", subset: "v3")),
            HTTPMirrorPolicy(destination: Destination(host: "ratings"), percentage: .none),
        ]
        let plan = try #require(self.route(self.snapshot([route])).plan)
        #expect(plan.mirrors.map(\.description) == ["mirror 100% to reviews.default.svc.cluster.local:9080 subset v3"])
    }

    @Test("Explicit retries override Istio's default field by field; attempts 0 disables them")
    func retries() throws {
        var route = Fixture.httpRoute(to: [("reviews", nil, nil)])
        route.timeout = .seconds(10)
        var retry = HTTPRetry()
        retry.attempts = 3
        retry.retryOn = [.fiveXX, .statusCode(409)]
        retry.backoff = .milliseconds(100)
        route.retries = retry
        let plan = try #require(self.route(self.snapshot([route])).plan)
        #expect(plan.timeout == .seconds(10))
        #expect(plan.retry.attempts == 3)
        #expect(plan.retry.perTryTimeout == .seconds(10))
        #expect(plan.retry.conditions == [.fiveXX, .retriableStatusCodes])
        #expect(plan.retry.retriableStatusCodes == [409])
        #expect(plan.retry.backoffBase == .milliseconds(100) && plan.retry.backoffMax == .seconds(1))
        #expect(plan.retry.retries(status: 502) && plan.retry.retries(status: 409) && !plan.retry.retries(status: 404))
        route.retries?.attempts = 0
        #expect(try #require(self.route(self.snapshot([route])).plan).retry == .disabled)
    }

    @Test(
        "Retry status classes follow Envoy's router",
        arguments: [
            ([RetryCondition.gatewayError], 502, true), ([.gatewayError], 500, false), ([.retriable4xx], 409, true),
            ([.retriable4xx], 400, false), ([.fiveXX], 599, true), ([.connectFailure], 503, false),
            ([.statusCode(429)], 429, true),
        ] as [([RetryCondition], Int, Bool)]
    )
    func retryStatus(conditions: [RetryCondition], status: Int, retried: Bool) {
        var retry = HTTPRetry()
        retry.retryOn = conditions
        #expect(RetryPlan(retry, routeTimeout: nil, consistentHash: false).retries(status: status) == retried)
    }

    @Test("A consistent-hash destination retries without avoiding previous hosts")
    func consistentHashRetries() throws {
        var policy = TrafficPolicy()
        var balancer = LoadBalancerSettings()
        var hash = ConsistentHash()
        hash.key = .httpHeaderName("x-user")
        balancer.policy = .consistentHash(hash)
        policy.loadBalancer = balancer
        var rule = Fixture.reviewsSubsets()
        rule.trafficPolicy = policy
        let plan = try #require(
            self.route(self.snapshot([Fixture.httpRoute(to: [("reviews", "v2", nil)])], rules: [rule])).plan
        )
        #expect(!plan.retry.avoidPreviousHosts)
        #expect(plan.forward?.target.trafficPolicy.loadBalancer.policy == .consistentHash(hash))
    }

    func corsRoute(_ configure: (inout CorsPolicy) -> Void) -> MeshSnapshot {
        var route = Fixture.httpRoute(to: [("reviews", nil, nil)])
        var cors = CorsPolicy()
        cors.allowOrigins = [.exact("https://example.com"), .regex("https://.*\\.example\\.org")]
        cors.allowMethods = ["GET", "POST"]
        cors.allowHeaders = ["x-token"]
        cors.exposeHeaders = ["x-trace"]
        cors.maxAge = .seconds(86400)
        cors.allowCredentials = true
        configure(&cors)
        route.corsPolicy = cors
        var fault = HTTPFaultInjection()
        var delay = HTTPFaultInjection.Delay()
        delay.fixedDelay = .seconds(1)
        delay.percentage = .all
        fault.delay = delay
        route.fault = fault
        return self.snapshot([route])
    }

    @Test("CORS: allowed preflights are answered by the proxy, before any fault")
    func corsPreflight() throws {
        let snapshot = self.corsRoute { _ in }
        let preflight = self.request(
            "/",
            method: "OPTIONS",
            headers: [("origin", "https://a.example.org"), ("access-control-request-method", "POST")]
        )
        let plan = try #require(self.route(snapshot, preflight).plan)
        #expect(plan.cors == .preflightAnswered(origin: "https://a.example.org", allowed: true))
        #expect(
            plan.action
                == .corsPreflight(headers: [
                    HTTPHeaderField("access-control-allow-origin", "https://a.example.org"),
                    HTTPHeaderField("access-control-allow-credentials", "true"),
                    HTTPHeaderField("access-control-allow-methods", "GET,POST"),
                    HTTPHeaderField("access-control-allow-headers", "x-token"),
                    HTTPHeaderField("access-control-max-age", "86400"),
                ])
        )
        #expect(plan.fault == nil)
    }

    @Test("CORS: an allowed origin gets response headers; another origin gets none; no Origin is not CORS")
    func corsRequests() throws {
        let snapshot = self.corsRoute { _ in }
        let allowed = try #require(
            self.route(snapshot, self.request("/", headers: [("origin", "https://example.com")])).plan
        )
        #expect(
            allowed.cors
                == .allowed(
                    origin: "https://example.com",
                    responseHeaders: [
                        HTTPHeaderField("access-control-allow-origin", "https://example.com"),
                        HTTPHeaderField("access-control-allow-credentials", "true"),
                        HTTPHeaderField("access-control-expose-headers", "x-trace"),
                    ]
                )
        )
        #expect(allowed.forward != nil)
        #expect(allowed.fault?.delay == .seconds(1))
        let denied = try #require(
            self.route(snapshot, self.request("/", headers: [("origin", "https://evil.test")])).plan
        )
        #expect(denied.cors == .originNotAllowed(origin: "https://evil.test"))
        #expect(denied.forward != nil)
        #expect(try #require(self.route(snapshot).plan).cors == .notApplicable)
    }

    @Test("CORS: an unmatched preflight is forwarded by default and answered bare with IGNORE; * allows any origin")
    func corsUnmatchedPreflight() throws {
        let preflight = self.request(
            "/",
            method: "OPTIONS",
            headers: [("origin", "https://evil.test"), ("access-control-request-method", "GET")]
        )
        let forwarded = try #require(self.route(self.corsRoute { _ in }, preflight).plan)
        #expect(forwarded.cors == .originNotAllowed(origin: "https://evil.test"))
        #expect(forwarded.forward != nil)
        let ignored = try #require(self.route(self.corsRoute { $0.unmatchedPreflights = .ignore }, preflight).plan)
        #expect(ignored.cors == .preflightAnswered(origin: "https://evil.test", allowed: false))
        #expect(ignored.action == .corsPreflight(headers: []))
        let star = try #require(self.route(self.corsRoute { $0.allowOrigins = [.exact("*")] }, preflight).plan)
        #expect(star.cors == .preflightAnswered(origin: "https://evil.test", allowed: true))
    }

    @Test("A destination without port on a multi-port service keeps the request's port; with port it switches")
    func destinationPorts() throws {
        var (config, workloads) = Fixture.bookinfo()
        config.services[3] = Fixture.service(
            "reviews",
            ports: [(9080, "http"), (9090, "http-admin")],
            clusterIP: "10.96.0.13"
        )
        var admin = Fixture.httpRoute(match: [Fixture.match(uri: .prefix("/admin"))], to: [])
        admin.route = [HTTPRouteDestination(destination: Destination(host: "reviews", port: 9090))]
        config.virtualServices = [
            Fixture.virtualService(
                "reviews",
                hosts: ["reviews"],
                http: [admin, Fixture.httpRoute(to: [("reviews", nil, nil)])]
            )
        ]
        let snapshot = MeshSnapshot(config: config, enrolled: workloads)
        #expect(try #require(self.route(snapshot, self.request("/admin/x")).plan).forward?.target.port == 9090)
        #expect(try #require(self.route(snapshot, self.request("/x")).plan).forward?.target.port == 9080)
        // A single-port destination service is used on its own port whatever port the request came to.
        config.virtualServices = [
            Fixture.virtualService(
                "reviews",
                hosts: ["reviews"],
                http: [Fixture.httpRoute(to: [("ratings", nil, nil)])]
            )
        ]
        config.services[2] = Fixture.service("ratings", ports: [(8080, "http")], clusterIP: "10.96.0.12")
        let plan = try #require(self.route(MeshSnapshot(config: config, enrolled: workloads)).plan)
        #expect(plan.forward?.target.description == "ratings.default.svc.cluster.local:8080")
    }

    @Test("Unknown subsets and hosts chosen by a rule name the rule")
    func noRouteReasons() {
        let subset = self.snapshot([Fixture.httpRoute(name: "canary", to: [("reviews", "v9", nil)])])
        #expect(
            self.route(subset).description
                == "no route: subset v9 of reviews.default.svc.cluster.local (chosen by VirtualService default/reviews http[0] \"canary\") is not defined (in DestinationRule default/reviews)"
        )
        let host = self.snapshot([Fixture.httpRoute(to: [("nowhere.example.com", nil, nil)])])
        #expect(
            self.route(host).noRouteReason
                == .unknownDestinationHost(
                    "nowhere.example.com",
                    rule: MatchedRule(
                        virtualService: ResourceID(kind: .virtualService, namespace: "default", name: "reviews"),
                        kind: .http,
                        index: 0
                    )
                )
        )
    }

    @Test("Workload addresses and unknown addresses bypass L7 routing")
    func nonServiceDestinations() {
        let snapshot = self.snapshot([Fixture.httpRoute(to: [("reviews", nil, nil)])])
        var rng = SplitMix64(seed: 1)
        let direct = snapshot.routeHTTP(
            self.request("/"),
            to: dst("10.248.0.21", 9080),
            from: Fixture.productpageSource,
            using: &rng
        )
        #expect(direct.description == "direct to workload default/reviews-v1 at 10.248.0.21:9080")
        let outside = snapshot.routeHTTP(
            self.request("/"),
            to: dst("93.184.216.34", 80),
            from: Fixture.productpageSource,
            using: &rng
        )
        #expect(outside == .passthrough(dst("93.184.216.34", 80)))
    }
}

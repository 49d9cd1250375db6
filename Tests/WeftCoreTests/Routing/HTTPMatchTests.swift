import Testing
import WeftCore

@Suite("Every HTTP match kind, as Envoy evaluates Istio's translation")
struct HTTPMatchTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let match: HTTPMatchRequest
        let request: HTTPRequestHead
        let source: TrafficSource
        let matches: Bool

        init(
            _ name: String,
            _ configure: (inout HTTPMatchRequest) -> Void,
            method: String = "GET",
            scheme: String = "http",
            authority: String = "reviews:9080",
            path: String = "/",
            headers: [(String, String)] = [],
            source: TrafficSource = Fixture.productpageSource,
            _ matches: Bool
        ) {
            var match = HTTPMatchRequest()
            configure(&match)
            self.name = name
            self.match = match
            self.request = HTTPRequestHead(
                method: method,
                scheme: scheme,
                authority: authority,
                path: path,
                headers: headers.map { HTTPHeaderField($0.0, $0.1) }
            )
            self.source = source
            self.matches = matches
        }

        var testDescription: String { "\(self.name) → \(self.matches ? "match" : "no match")" }
    }

    static let cases: [Case] = [
        // uri
        Case("exact path", { $0.uri = .exact("/ratings") }, path: "/ratings", true),
        Case("exact path ignores the query", { $0.uri = .exact("/ratings") }, path: "/ratings?id=1", true),
        Case("exact path ignores the fragment", { $0.uri = .exact("/ratings") }, path: "/ratings#top", true),
        Case("exact path is not a prefix", { $0.uri = .exact("/ratings") }, path: "/ratings/1", false),
        Case("exact path is case-sensitive", { $0.uri = .exact("/ratings") }, path: "/Ratings", false),
        Case(
            "exact path with ignoreUriCase",
            {
                $0.uri = .exact("/ratings")
                $0.ignoreUriCase = true
            },
            path: "/RATINGS",
            true
        ),
        Case("prefix", { $0.uri = .prefix("/api") }, path: "/api/v1", true),
        Case("prefix is a string prefix, not a segment", { $0.uri = .prefix("/api") }, path: "/apix", true),
        Case("prefix longer than the path", { $0.uri = .prefix("/api") }, path: "/ap", false),
        Case("prefix is case-sensitive", { $0.uri = .prefix("/api") }, path: "/API/v1", false),
        Case(
            "prefix with ignoreUriCase",
            {
                $0.uri = .prefix("/api")
                $0.ignoreUriCase = true
            },
            path: "/API/v1",
            true
        ),
        Case("regex is a full match", { $0.uri = .regex("/api/v[0-9]+") }, path: "/api/v12", true),
        Case("regex must match the whole path", { $0.uri = .regex("/api/v[0-9]+") }, path: "/api/v12/users", false),
        Case("regex ignores the query", { $0.uri = .regex("/api/v[0-9]+") }, path: "/api/v1?q=2", true),
        Case(
            "ignoreUriCase does not apply to regex",
            {
                $0.uri = .regex("/api/v[0-9]+")
                $0.ignoreUriCase = true
            },
            path: "/API/v1",
            false
        ),
        // method, authority, scheme
        Case("method exact", { $0.method = .exact("GET") }, true),
        Case("method exact mismatch", { $0.method = .exact("GET") }, method: "POST", false),
        Case("method regex", { $0.method = .regex("GET|HEAD") }, method: "HEAD", true),
        Case("method prefix", { $0.method = .prefix("P") }, method: "PUT", true),
        Case("authority exact", { $0.authority = .exact("reviews:9080") }, true),
        Case("authority prefix", { $0.authority = .prefix("reviews") }, authority: "reviews.default:9080", true),
        Case("authority exact mismatch", { $0.authority = .exact("reviews") }, authority: "reviews:9080", false),
        Case("scheme exact", { $0.scheme = .exact("https") }, scheme: "http", false),
        Case("scheme exact https", { $0.scheme = .exact("https") }, scheme: "https", true),
        // headers
        Case(
            "header exact (name in any case)",
            { $0.headers = ["end-user": .exact("jason")] },
            headers: [("End-User", "jason")],
            true
        ),
        Case(
            "header exact value is case-sensitive",
            { $0.headers = ["end-user": .exact("jason")] },
            headers: [("end-user", "Jason")],
            false
        ),
        Case("header exact, header missing", { $0.headers = ["end-user": .exact("jason")] }, false),
        Case(
            "header prefix",
            { $0.headers = ["user-agent": .prefix("Mozilla")] },
            headers: [("user-agent", "Mozilla/5.0")],
            true
        ),
        Case("header regex", { $0.headers = ["x-id": .regex("[0-9]{3}")] }, headers: [("x-id", "123")], true),
        Case(
            "header regex full match",
            { $0.headers = ["x-id": .regex("[0-9]{3}")] },
            headers: [("x-id", "1234")],
            false
        ),
        Case("header {} means present", { $0.headers = ["x-debug": .present] }, headers: [("x-debug", "")], true),
        Case("header {} absent", { $0.headers = ["x-debug": .present] }, false),
        Case(
            "header regex * means present",
            { $0.headers = ["x-debug": .regex("*")] },
            headers: [("x-debug", "1")],
            true
        ),
        Case(
            "repeated header lines are joined",
            { $0.headers = ["x-tag": .exact("a,b")] },
            headers: [("x-tag", "a"), ("x-tag", "b")],
            true
        ),
        Case(
            "all headers must match",
            { $0.headers = ["a": .exact("1"), "b": .exact("2")] },
            headers: [("a", "1"), ("b", "3")],
            false
        ),
        Case(
            "withoutHeaders: the header has the value",
            { $0.withoutHeaders = ["end-user": .exact("jason")] },
            headers: [("end-user", "jason")],
            false
        ),
        Case(
            "withoutHeaders: another value",
            { $0.withoutHeaders = ["end-user": .exact("jason")] },
            headers: [("end-user", "bob")],
            true
        ),
        Case(
            "withoutHeaders: header missing counts as empty",
            { $0.withoutHeaders = ["end-user": .exact("jason")] },
            true
        ),
        Case("withoutHeaders: missing header vs exact empty", { $0.withoutHeaders = ["end-user": .exact("")] }, false),
        Case(
            "withoutHeaders {}: present",
            { $0.withoutHeaders = ["x-debug": .present] },
            headers: [("x-debug", "1")],
            false
        ),
        Case("withoutHeaders {}: absent", { $0.withoutHeaders = ["x-debug": .present] }, true),
        // query parameters
        Case("query exact", { $0.queryParams = ["version": .exact("v2")] }, path: "/?version=v2", true),
        Case(
            "query uses the first occurrence",
            { $0.queryParams = ["version": .exact("v2")] },
            path: "/?version=v3&version=v2",
            false
        ),
        Case("query mismatch", { $0.queryParams = ["version": .exact("v2")] }, path: "/?version=v3", false),
        Case("query missing", { $0.queryParams = ["version": .exact("v2")] }, path: "/?other=v2", false),
        Case("query is percent-decoded", { $0.queryParams = ["q": .exact("a b")] }, path: "/search?q=a%20b", true),
        Case("query {} means present", { $0.queryParams = ["debug": .present] }, path: "/?debug", true),
        Case("query regex", { $0.queryParams = ["id": .regex("[a-f0-9]+")] }, path: "/?x=1&id=beef", true),
        Case("query prefix", { $0.queryParams = ["id": .prefix("be")] }, path: "/?id=beef", true),
        // port and source
        Case("port", { $0.port = 9080 }, true),
        Case("other port", { $0.port = 9081 }, false),
        Case("sourceLabels subset", { $0.sourceLabels = ["app": "productpage"] }, true),
        Case("sourceLabels mismatch", { $0.sourceLabels = ["app": "sleep"] }, false),
        Case("sourceNamespace", { $0.sourceNamespace = "default" }, true),
        Case("sourceNamespace mismatch", { $0.sourceNamespace = "test" }, false),
        Case("gateways with mesh", { $0.gateways = ["mesh"] }, true),
        Case("gateways without mesh", { $0.gateways = ["istio-system/ingress"] }, false),
        Case(
            "gateways override source labels",
            {
                $0.gateways = ["mesh"]
                $0.sourceLabels = ["app": "sleep"]
            },
            true
        ),
        // conjunction
        Case(
            "uri and method both hold",
            {
                $0.uri = .prefix("/api")
                $0.method = .exact("POST")
            },
            method: "POST",
            path: "/api/x",
            true
        ),
        Case(
            "uri holds, method does not",
            {
                $0.uri = .prefix("/api")
                $0.method = .exact("POST")
            },
            path: "/api/x",
            false
        ),
        Case("empty match matches everything", { _ in }, true),
    ]

    @Test("Match conditions", arguments: Self.cases)
    func evaluate(testCase: Case) throws {
        var (config, workloads) = Fixture.bookinfo()
        config.destinationRules = [Fixture.reviewsSubsets()]
        config.virtualServices = [
            Fixture.virtualService(
                "reviews",
                hosts: ["reviews"],
                http: [
                    Fixture.httpRoute(name: "candidate", match: [testCase.match], to: [("reviews", "v2", nil)]),
                    Fixture.httpRoute(name: "rest", to: [("reviews", "v1", nil)]),
                ]
            )
        ]
        let snapshot = MeshSnapshot(config: config, enrolled: workloads)
        var rng = SplitMix64(seed: 7)
        let plan = try #require(
            snapshot.routeHTTP(testCase.request, to: dst("10.96.0.13", 9080), from: testCase.source, using: &rng).plan
        )
        #expect((plan.rule?.index == 0) == testCase.matches, "rule \(plan.rule?.description ?? "none") chosen")
        #expect(plan.forward?.target.subset == (testCase.matches ? "v2" : "v1"))
    }

    @Test("A match entry whose regex does not compile never matches, and says so")
    func badRegex() throws {
        var (config, workloads) = Fixture.bookinfo()
        config.virtualServices = [
            Fixture.virtualService(
                "reviews",
                hosts: ["reviews"],
                http: [
                    Fixture.httpRoute(match: [Fixture.match(uri: .regex("(unclosed"))], to: [("ratings", nil, nil)]),
                    Fixture.httpRoute(to: [("reviews", nil, nil)]),
                ]
            )
        ]
        let snapshot = MeshSnapshot(config: config, enrolled: workloads)
        #expect(snapshot.diagnostics.map(\.code) == [.invalidRegex])
        #expect(
            snapshot.diagnostics.first?.description.hasPrefix(
                "VirtualService default/reviews: spec.http[0].match[0]: cannot compile a regex"
            ) == true
        )
        var rng = SplitMix64(seed: 1)
        let plan = try #require(
            snapshot.routeHTTP(
                HTTPRequestHead(authority: "reviews", path: "(unclosed"),
                to: dst("10.96.0.13", 9080),
                from: Fixture.productpageSource,
                using: &rng
            ).plan
        )
        #expect(plan.rule?.index == 1)
    }
}

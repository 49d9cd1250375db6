import Foundation
import Testing

/// `weft explain` through the real binary, against the shipped bookinfo example (Scripts/examples): exact key
/// lines, the JSON shape and the exit codes 0 (allowed and routed), 2 (denied or no route), 1 (bad input).
@Suite("weft explain (binary)")
struct ExplainCommandTests {
    static let examples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scripts/examples")
    static let config = Self.examples.appendingPathComponent("bookinfo.yaml").path
    static let registry = Self.examples.appendingPathComponent("bookinfo-registry.yaml").path

    /// Runs `weft explain -f bookinfo.yaml --registry bookinfo-registry.yaml ARGS`.
    static func explain(_ arguments: [String], registry: String = Self.registry) throws -> WeftProcess.Result {
        try WeftProcess.run(["explain", "-f", Self.config, "--registry", registry] + arguments)
    }

    /// The output lines that start with `label` (padded to the label column).
    static func lines(_ output: String, _ label: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { $0.hasPrefix(label + " ") }
    }

    static func json(_ result: WeftProcess.Result) throws -> [String: Any] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            "stdout must be one JSON object: \(result.stdout)"
        )
    }

    @Test("jason's requests go to reviews v2, step by step; exit 0")
    func jason() throws {
        let result = try Self.explain(["--from", "productpage-v1", "reviews:9080", "--header", "end-user=jason"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stderr.isEmpty, "the shipped example has no warnings: \(result.stderr)")
        let expected = [
            "from         default/productpage-v1 at 10.248.1.10 (spiffe://cluster.local/ns/default/sa/bookinfo-productpage)",
            "to           reviews:9080",
            "request      GET / (authority reviews:9080) end-user: jason",
            "classify     service reviews.default.svc.cluster.local:9080 (address 10.96.0.13:9080)",
            "protocol     HTTP (declared HTTP)",
            "route        VirtualService default/reviews http[0] \"jason-gets-v2\" match[0]",
            "destination  reviews.default.svc.cluster.local:9080 subset v2 (DestinationRule default/reviews)",
            "balance      LEAST_REQUEST over 1 endpoint",
            "endpoint     10.248.1.22:9080 (default/reviews-v2) via hbone, identity spiffe://cluster.local/ns/default/sa/bookinfo-reviews",
            "timeout      none",
            "retries      2 retries on connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes (status 503) (Istio default)",
            "fault        none",
            "mirror       none",
            "connect      timeout 10s",
            "limits       none (Istio defaults)",
            "outlier      off (no outlierDetection)",
            "mtls         STRICT (PeerAuthentication istio-system/default)",
            "authorize    allowed: no ALLOW policy applies to the workload [peer cluster.local/ns/default/sa/bookinfo-productpage, port 9080]",
            "result       allowed and routed",
        ]
        #expect(result.stdout == expected.joined(separator: "\n") + "\n")
    }

    @Test("Everyone else gets the canary: its rule, timeout and retries; 1000 samples split about 80/20")
    func canarySamples() throws {
        let result = try Self.explain(["--from", "productpage-v1", "reviews", "--samples", "1000"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(
            Self.lines(result.stdout, "route") == ["route        VirtualService default/reviews http[1] \"canary\""]
        )
        #expect(Self.lines(result.stdout, "timeout") == ["timeout      10s"])
        #expect(Self.lines(result.stdout, "retries") == ["retries      3 retries on 5xx,connect-failure, per try 2s"])
        #expect(Self.lines(result.stdout, "samples") == ["samples      1000 picks (seed 1)"])
        func share(_ name: String) throws -> Double {
            let row = try #require(
                result.stdout.split(separator: "\n").first {
                    $0.trimmingCharacters(in: .whitespaces).hasPrefix(name + " ")
                },
                "no row for \(name)"
            )
            let words = row.split(separator: " ")
            #expect(words.last?.hasSuffix("%") == true)
            return try #require(Double(words.last!.dropLast()))
        }
        #expect(abs(try share("subset v1") - 80) <= 4)
        #expect(abs(try share("subset v3") - 20) <= 4)
        #expect(try share("10.248.1.21:9080 (default/reviews-v1)") == (try share("subset v1")))
        #expect(try share("subset v1") + (try share("subset v3")) == 100)
        // The same seed prints the same picks.
        #expect(try Self.explain(["--from", "productpage-v1", "reviews", "--samples", "1000"]).stdout == result.stdout)
    }

    @Test("productpage may not call ratings: denied with the reason; exit 2")
    func deniedByAllowPolicy() throws {
        let result = try Self.explain(["--from", "productpage-v1", "ratings:9080"])
        #expect(result.status == 2)
        #expect(
            Self.lines(result.stdout, "authorize") == [
                "authorize    denied: ALLOW policies apply (default/ratings-from-reviews) but none matched [peer cluster.local/ns/default/sa/bookinfo-productpage, port 9080]"
            ]
        )
        #expect(
            Self.lines(result.stdout, "result") == [
                "result       denied: ALLOW policies apply (default/ratings-from-reviews) but none matched"
            ]
        )
        let allowed = try Self.explain(["--from", "reviews-v1", "ratings"])
        #expect(allowed.status == 0)
        #expect(
            Self.lines(allowed.stdout, "authorize") == [
                "authorize    allowed by AuthorizationPolicy default/ratings-from-reviews (rules[0]) [peer cluster.local/ns/default/sa/bookinfo-reviews, port 9080]"
            ]
        )
    }

    @Test("The DENY policy names itself in text and JSON; exit 2")
    func deniedByDenyPolicy() throws {
        let text = try Self.explain(["--from", "productpage-v1", "reviews", "--path", "/admin/stats"])
        #expect(text.status == 2)
        #expect(
            Self.lines(text.stdout, "result") == [
                "result       denied by AuthorizationPolicy default/deny-reviews-admin (rules[0])"
            ]
        )
        let json = try Self.explain(["--from", "productpage-v1", "reviews", "--path", "/admin/stats", "-o", "json"])
        #expect(json.status == 2)
        let object = try Self.json(json)
        let result = try #require(object["result"] as? [String: Any])
        #expect(result["status"] as? String == "denied")
        #expect(result["exitCode"] as? Int == 2)
        #expect(result["policy"] as? String == "AuthorizationPolicy default/deny-reviews-admin")
        let authorization = try #require(object["authorization"] as? [String: Any])
        #expect(authorization["allowed"] as? Bool == false)
        #expect(authorization["rule"] as? Int == 0)
    }

    @Test("-o json prints one document with every step as data")
    func jsonShape() throws {
        let result = try Self.explain([
            "--from", "productpage-v1", "reviews:9080", "--header", "end-user=jason", "-o", "json", "--samples", "10",
        ])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let object = try Self.json(result)
        #expect(
            Set(object.keys) == [
                "source", "destination", "request", "classification", "protocol", "route", "target", "balancer",
                "endpoint", "resilience", "mtls", "authorization", "result", "steps", "samples",
            ]
        )
        let route = try #require(object["route"] as? [String: Any])
        let rule = try #require(route["rule"] as? [String: Any])
        #expect(rule["virtualService"] as? String == "default/reviews")
        #expect(rule["index"] as? Int == 0)
        #expect(rule["name"] as? String == "jason-gets-v2")
        #expect(rule["match"] as? Int == 0)
        let target = try #require(object["target"] as? [String: Any])
        #expect(target["subset"] as? String == "v2")
        #expect(target["destinationRule"] as? String == "default/reviews")
        let endpoint = try #require(object["endpoint"] as? [String: Any])
        #expect(endpoint["address"] as? String == "10.248.1.22:9080")
        #expect(endpoint["workload"] as? String == "default/reviews-v2")
        #expect(endpoint["transport"] as? String == "hbone")
        let mtls = try #require(object["mtls"] as? [String: Any])
        #expect(mtls["mode"] as? String == "STRICT")
        let retries = try #require((object["resilience"] as? [String: Any])?["retries"] as? [String: Any])
        #expect(retries["attempts"] as? Int == 2)
        #expect(retries["statusCodes"] as? [Int] == [503])
        let result0 = try #require(object["result"] as? [String: Any])
        #expect(result0["status"] as? String == "allowed")
        #expect(result0["exitCode"] as? Int == 0)
        let steps = try #require(object["steps"] as? [[String: String]])
        #expect(
            steps.first == [
                "step": "classify", "text": "service reviews.default.svc.cluster.local:9080 (address 10.96.0.13:9080)",
            ]
        )
        #expect(steps.last == ["step": "result", "text": "allowed and routed"])
        let samples = try #require(object["samples"] as? [String: Any])
        #expect(samples["total"] as? Int == 10)
        let subsets = try #require(samples["subsets"] as? [[String: Any]])
        #expect(subsets.count == 1)
        #expect(subsets.first?["name"] as? String == "subset v2")
        #expect(subsets.first?["count"] as? Int == 10)
        #expect(subsets.first?["percent"] as? Double == 100)
    }

    @Test("A TCP route to a WorkloadEntry: L4 rule, connection-pool settings, no request steps")
    func tcpRoute() throws {
        let result = try Self.explain(["--from", "ratings-v1", "mongodb", "--path", "/ignored"])
        #expect(result.status == 0)
        #expect(result.stderr == "note: --method, --path and --header are ignored: the traffic is TCP\n")
        #expect(Self.lines(result.stdout, "protocol") == ["protocol     TCP (declared Mongo)"])
        #expect(Self.lines(result.stdout, "route") == ["route        VirtualService default/mongodb tcp[0] match[0]"])
        #expect(
            Self.lines(result.stdout, "endpoint") == [
                "endpoint     10.248.9.14:27017 (default/mongodb-vm) via hbone, identity spiffe://cluster.local/ns/default/sa/bookinfo-mongodb"
            ]
        )
        #expect(Self.lines(result.stdout, "limits") == ["limits       tcp.maxConnections 100"])
        #expect(Self.lines(result.stdout, "connect") == ["connect      timeout 3s"])
        #expect(Self.lines(result.stdout, "retries").isEmpty)
    }

    @Test("Unknown destinations: passthrough under ALLOW_ANY (exit 0), no route under REGISTRY_ONLY (exit 2)")
    func outboundPolicy() throws {
        let open = try Self.explain(["--from", "productpage-v1", "93.184.216.34:443"])
        #expect(open.status == 0)
        #expect(
            Self.lines(open.stdout, "route") == [
                "route        passthrough to 93.184.216.34:443 (outbound traffic policy ALLOW_ANY)"
            ]
        )
        let closed = try Self.explain([
            "--from", "productpage-v1", "--outbound-traffic-policy", "REGISTRY_ONLY", "93.184.216.34:443",
        ])
        #expect(closed.status == 2)
        #expect(
            Self.lines(closed.stdout, "result") == [
                "result       no route: 93.184.216.34:443 is not a known service or workload and the outbound traffic policy is REGISTRY_ONLY"
            ]
        )
    }

    @Test(
        "Bad input exits 1 with the reason on stderr",
        arguments: [
            (
                ["--from", "nobody", "reviews"],
                "weft explain: no workload named \"nobody\" (known: default/details-v1, default/mongodb-vm, default/productpage-v1, default/ratings-v1, default/reviews-v1, default/reviews-v2, default/reviews-v3)\n"
            ),
            (
                ["--from", "productpage-v1", "nosuch:80"],
                "weft explain: destination \"nosuch:80\": no service named \"nosuch\" from namespace default (services: details.default.svc.cluster.local, mongodb.default.svc.cluster.local, productpage.default.svc.cluster.local, ratings.default.svc.cluster.local, reviews.default.svc.cluster.local)\n"
            ),
            (
                ["--from", "productpage-v1", "10.0.0.1"],
                "weft explain: destination \"10.0.0.1\": an IP address needs a port (IP:PORT)\n"
            ),
            (
                ["--from", "productpage-v1", "reviews:8080"],
                "weft explain: destination \"reviews:8080\": service reviews.default.svc.cluster.local has no port 8080 (ports: 9080 (http, HTTP))\n"
            ),
            (
                ["--from", "productpage-v1", "reviews:0"],
                "weft explain: destination \"reviews:0\": \"0\" is not a port (1-65535)\n"
            ),
        ]
    )
    func badInput(arguments: [String], stderr: String) throws {
        let result = try Self.explain(arguments)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == stderr)
    }

    @Test("A name in several namespaces is ambiguous (exit 1, listing them); --namespace narrows")
    func ambiguousName() throws {
        let directory = try WeftProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let extra = directory.appendingPathComponent("more.yaml")
        try "workloads:\n  - {name: productpage-v1, namespace: test, ip: 10.248.2.10, labels: {app: productpage}}\n"
            .write(to: extra, atomically: true, encoding: .utf8)
        let arguments = ["explain", "-f", Self.config, "--registry", Self.registry, "--registry", extra.path]
        let ambiguous = try WeftProcess.run(arguments + ["--from", "productpage-v1", "reviews.default"])
        #expect(ambiguous.status == 1)
        #expect(
            ambiguous.stderr
                == "weft explain: workload name \"productpage-v1\" is ambiguous: default/productpage-v1, test/productpage-v1 (use --namespace)\n"
        )
        let narrowed = try WeftProcess.run(
            arguments + ["--from", "productpage-v1", "--namespace", "test", "reviews.default"]
        )
        #expect(narrowed.status == 0, "stderr: \(narrowed.stderr)")
        #expect(
            Self.lines(narrowed.stdout, "from").first?.hasPrefix("from         test/productpage-v1 at 10.248.2.10")
                == true
        )
    }

    @Test("--source-ip replaces the source address; an IP:PORT destination is classified like an original destination")
    func sourceIPAndAddress() throws {
        let result = try Self.explain(["--from", "reviews-v1", "10.96.0.12:9080", "--source-ip", "10.9.9.9"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(
            Self.lines(result.stdout, "from") == [
                "from         default/reviews-v1 at 10.9.9.9 (spiffe://cluster.local/ns/default/sa/bookinfo-reviews)"
            ]
        )
        #expect(
            Self.lines(result.stdout, "classify") == [
                "classify     service ratings.default.svc.cluster.local:9080 (address 10.96.0.12:9080)"
            ]
        )
    }

    @Test("An invalid config or registry exits 1 naming file, document and field")
    func invalidFiles() throws {
        let directory = try WeftProcess.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let registry = directory.appendingPathComponent("registry.yaml")
        try "workloads:\n  - {name: a, ip: 10.0.0}\n".write(to: registry, atomically: true, encoding: .utf8)
        let badRegistry = try Self.explain(["--from", "a", "reviews"], registry: registry.path)
        #expect(badRegistry.status == 1)
        #expect(
            badRegistry.stderr == """
                \(registry.path): document 1: workloads[0].ip: "10.0.0" is not an IP address
                weft explain: the registry is invalid (1 error)

                """
        )

        let config = directory.appendingPathComponent("mesh.yaml")
        try "apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec: {ports: [{port: 0}]}\n"
            .write(to: config, atomically: true, encoding: .utf8)
        let badConfig = try WeftProcess.run(["explain", "-f", config.path, "--from", "a", "x", "-o", "json"])
        #expect(badConfig.status == 1)
        #expect(
            badConfig.stderr.hasSuffix("weft explain: the configuration is invalid (1 error)\n"),
            "\(badConfig.stderr)"
        )
        let object = try Self.json(badConfig)
        #expect(object["exitCode"] as? Int == 1)
        #expect(object["error"] as? String == "the configuration is invalid (1 error)")
    }

    @Test("Without -f, explain needs the agent: it says so and exits 1; malformed options are usage errors (64)")
    func onlineAndUsage() throws {
        let online = try WeftProcess.run(["explain", "--from", "productpage-v1", "reviews"])
        #expect(online.status == 1)
        #expect(
            online.stderr
                == "weft explain: online explain needs the agent, which is not available in this build yet; explain offline with -f CONFIG [--registry REGISTRY.yaml]\n"
        )
        #expect(try Self.explain(["--from", "productpage-v1", "reviews", "--header", "no-equals"]).status == 64)
        #expect(try Self.explain(["--from", "productpage-v1", "reviews", "--samples", "0"]).status == 64)
        #expect(try Self.explain(["--from", "productpage-v1", "reviews", "--source-ip", "nope"]).status == 64)
    }
}

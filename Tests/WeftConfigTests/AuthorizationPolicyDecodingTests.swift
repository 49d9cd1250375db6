import Testing
import WeftCore

@testable import WeftConfig

@Suite("AuthorizationPolicy decoding")
struct AuthorizationPolicyDecodingTests {
    typealias Policy = AuthorizationPolicy

    /// Wraps a spec (indented YAML lines) in a policy header named `foo/p`.
    static func policy(_ spec: String, annotations: String = "") -> String {
        """
        apiVersion: security.istio.io/v1
        kind: AuthorizationPolicy
        metadata:
          name: p
          namespace: foo
        \(annotations)spec:
        \(spec)
        """
    }

    static let prefix = "ap.yaml: document 1: AuthorizationPolicy foo/p: "

    // MARK: - Istio's documented examples

    @Test("Istio's documented ALLOW, DENY, TCP, dry-run and L4 examples decode to the expected model")
    func corpusDecodes() throws {
        let result = try decodeCorpus("authorization-policy.yaml")
        #expect(result.diagnostics.errors.isEmpty, "valid Istio examples must not produce errors")
        let byName = Dictionary(
            uniqueKeysWithValues: result.config.authorizationPolicies.map {
                ("\($0.metadata.namespace)/\($0.metadata.name)", $0)
            }
        )
        #expect(byName.count == 11)

        // `spec: {}`: an ALLOW policy without rules, which allows nothing.
        let nothing = try #require(byName["default/allow-nothing"])
        #expect(nothing.action == .allow)
        #expect(nothing.rules == nil)
        #expect(nothing.selector == nil)

        var getOnly = Policy.Operation()
        getOnly.methods = ["GET"]
        let viewer = try #require(byName["default/productpage-viewer"])
        #expect(viewer.selector == LabelSelector(["app": "productpage"]))
        #expect(viewer.rules?.count == 1)
        #expect(viewer.rules?.first?.from == [])
        #expect(viewer.rules?.first?.to == [getOnly])

        let details = try #require(byName["default/details-viewer"])
        var productpage = Policy.Source()
        productpage.principals = ["cluster.local/ns/default/sa/bookinfo-productpage"]
        #expect(details.rules?.first?.from == [productpage])
        #expect(details.rules?.first?.to == [getOnly])

        let httpbin = try #require(byName["foo/httpbin"])
        #expect(httpbin.selector == LabelSelector(["app": "httpbin", "version": "v1"]))
        let rule = try #require(httpbin.rules?.first)
        #expect(rule.from.map(\.principals) == [["cluster.local/ns/default/sa/sleep"], []])
        #expect(rule.from.map(\.namespaces) == [[], ["test"]])
        #expect(rule.to.map(\.methods) == [["GET"], ["POST"]])
        #expect(rule.to.map(\.paths) == [["/info*"], ["/data"]])
        var issuer = Policy.Condition()
        issuer.key = "request.auth.claims[iss]"
        issuer.values = ["https://accounts.google.com"]
        #expect(rule.when == [issuer])

        let deny = try #require(byName["foo/httpbin-deny"])
        #expect(deny.action == .deny)
        #expect(deny.rules?.first?.from.first?.notNamespaces == ["foo"])

        let denyGet = try #require(byName["foo/deny-method-get"])
        #expect(denyGet.rules?.first?.when.first?.key == "request.headers[x-token]")
        #expect(denyGet.rules?.first?.when.first?.notValues == ["admin"])
        #expect(denyGet.rules?.first?.when.first?.values == [])

        // `rules: [{}]`: one rule that matches everything.
        #expect(byName["bar/allow-all"]?.rules == [Policy.Rule()])

        // Ports written as strings and as YAML integers.
        #expect(byName["foo/tcp-policy"]?.rules?.first?.to.first?.ports == [9000, 9001])

        let dryRun = try #require(byName["foo/deny-path-headers"])
        #expect(dryRun.dryRun)
        #expect(byName["foo/httpbin-deny"]?.dryRun == false)

        let ipAllow = try #require(byName["foo/ip-allow"])
        let ipSource = try #require(ipAllow.rules?.first?.from.first)
        #expect(ipSource.ipBlocks.map(\.description) == ["1.2.3.4/32", "5.6.7.1/24", "fd00:248::/32"])
        #expect(ipSource.notIpBlocks.map(\.description) == ["5.6.7.9/32"])
        #expect(ipAllow.rules?.first?.when.map(\.key) == ["destination.port", "source.namespace"])
        #expect(ipAllow.rules?.first?.when.map(\.notValues) == [[], ["untrusted*"]])

        let layer4 = try #require(byName["default/productpage-l4"])
        #expect(layer4.rules?.count == 2)
        #expect(layer4.rules?[1].from.first?.serviceAccounts == ["default/curl"])
        #expect(layer4.rules?[1].to.first?.notPorts == [15020])

        // What Weft cannot check is accepted, with the consequence spelled out.
        #expect(
            result.diagnostics.warnings.map(\.description) == [
                "warning: authorization-policy.yaml: document 4: AuthorizationPolicy foo/httpbin: spec.rules[0].when[0].key: request.auth.claims[iss] needs JWT authentication (RequestAuthentication), which Weft does not do: this ALLOW rule never matches",
                "warning: authorization-policy.yaml: document 6: AuthorizationPolicy foo/deny-method-get: spec.rules[0]: this DENY rule tests HTTP attributes (methods, request.headers[x-token]): connections Weft does not read as HTTP are denied by it whatever they carry (fails closed); list the HTTP ports in to.operation.ports to leave other ports alone",
            ]
        )
    }

    @Test("Decoded examples evaluate as the Istio tasks describe")
    func corpusEvaluates() throws {
        let evaluator = AuthorizationEvaluator(config: try decodeCorpus("authorization-policy.yaml").config)
        let productpage = try SpiffeID(parsing: "spiffe://cluster.local/ns/default/sa/bookinfo-productpage")
        let details = PolicyTarget(namespace: "default", labels: ["app": "details"])
        let connection = AuthorizationRequest(
            sourceIdentity: productpage,
            sourceIP: IPAddress("10.248.1.10")!,
            destinationIP: IPAddress("10.248.1.20")!,
            destinationPort: 9080
        )
        let get = HTTPRequestAttributes(method: "GET", path: "/details/0", host: "details:9080")
        let post = HTTPRequestAttributes(method: "POST", path: "/details/0", host: "details:9080")
        let viewer = ResourceID(kind: .authorizationPolicy, namespace: "default", name: "details-viewer")
        #expect(
            evaluator.evaluate(connection.with(http: get), for: details).decision
                == .allow(.allowedBy(policy: viewer, rule: 0))
        )
        #expect(!evaluator.evaluate(connection.with(http: post), for: details).decision.isAllowed)
        // Without request inspection the GET-only rule cannot match: ALLOW rules with HTTP fields fail closed.
        #expect(!evaluator.evaluate(connection, for: details).decision.isAllowed)
        #expect(evaluator.inspectsHTTPRequests(for: details))
    }

    @Test("A policy without spec, with `spec: {}` or with an explicit empty rule list allows nothing")
    func allowNothingForms() {
        let noSpec =
            "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p, namespace: foo}\n"
        for yaml in [noSpec, Self.policy("  {}"), Self.policy("  rules: []")] {
            let result = decode(yaml)
            #expect(result.diagnostics.all.isEmpty, "\(yaml) must be valid")
            #expect(result.config.authorizationPolicies.count == 1)
            #expect(result.config.authorizationPolicies.first?.rules?.isEmpty ?? true)
            #expect(result.config.authorizationPolicies.first?.action == .allow)
        }
    }

    // MARK: - Rejected variants

    @Test(
        "Broken policies are rejected with exact messages",
        arguments: [
            (
                "  targetRef: {kind: Service, name: httpbin}",
                [
                    "spec.targetRef: targetRef (waypoint policy) is not supported: Weft enforces policies at the destination agent; use selector"
                ]
            ),
            (
                "  targetRefs: [{kind: Service, name: httpbin}]",
                [
                    "spec.targetRefs: targetRef (waypoint policy) is not supported: Weft enforces policies at the destination agent; use selector"
                ]
            ),
            (
                "  action: AUDIT\n  rules: [{}]",
                ["spec.action: AUDIT is not supported: ztunnel rejects it too (Weft enforces ALLOW and DENY)"]
            ),
            (
                "  action: CUSTOM\n  provider: {name: ext-authz}\n  rules: [{}]",
                [
                    "spec.action: CUSTOM (external authorization) is not supported: ztunnel rejects it too (Weft enforces ALLOW and DENY)",
                    "spec.provider: provider (external authorization for the CUSTOM action) is not supported: ztunnel rejects it too",
                ]
            ),
            (
                "  action: deny\n  rules: [{}]",
                [
                    "spec.action: \"deny\" is not one of ALLOW, DENY, AUDIT, CUSTOM (values are case-sensitive: use DENY)"
                ]
            ),
            (
                "  action: DENY",
                [
                    "spec.rules: a DENY policy needs rules: without them it never matches (write `rules: [{}]` to deny every request)"
                ]
            ),
            (
                "  action: DENY\n  rules: []",
                [
                    "spec.rules: a DENY policy needs rules: without them it never matches (write `rules: [{}]` to deny every request)"
                ]
            ),
            (
                "  rules:\n  - null",
                ["spec.rules[0]: must not be null (write {} for a rule that matches everything)"]
            ),
            (
                "  rules:\n  - from: []\n    to: []\n    when: []",
                [
                    "spec.rules[0].from: must not be empty (leave it out to match any source)",
                    "spec.rules[0].to: must not be empty (leave it out to match any operation)",
                    "spec.rules[0].when: must not be empty (leave it out to add no condition)",
                ]
            ),
            (
                "  rules:\n  - from:\n    - {}\n    to:\n    - operation: {}",
                [
                    "spec.rules[0].from[0].source: is required",
                    "spec.rules[0].to[0].operation: must not be empty (leave out `to` to match any operation)",
                ]
            ),
            (
                "  rules:\n  - from:\n    - source: {}",
                ["spec.rules[0].from[0].source: must not be empty (leave out `from` to match any source)"]
            ),
            (
                "  rules:\n  - from:\n    - source: {principal: [a]}",
                [
                    "spec.rules[0].from[0].source: must not be empty (leave out `from` to match any source)",
                    "spec.rules[0].from[0].source.principal: unknown field",
                ]
            ),
            (
                "  rules:\n  - from:\n    - source: {principals: [\"\", a], namespaces: [\"\"]}",
                [
                    "spec.rules[0].from[0].source.principals[0]: must not be empty",
                    "spec.rules[0].from[0].source.namespaces[0]: must not be empty",
                ]
            ),
            (
                "  rules:\n  - from:\n    - source: {ipBlocks: [10.0.0.0/33, \"fd00::/129\", 10.0.0, \"\"]}",
                [
                    "spec.rules[0].from[0].source.ipBlocks[3]: must not be empty",
                    "spec.rules[0].from[0].source.ipBlocks[0]: prefix length in \"10.0.0.0/33\" exceeds 32",
                    "spec.rules[0].from[0].source.ipBlocks[1]: prefix length in \"fd00::/129\" exceeds 128",
                    "spec.rules[0].from[0].source.ipBlocks[2]: \"10.0.0\" is not an IP address or CIDR block",
                ]
            ),
            (
                "  rules:\n  - from:\n    - source: {serviceAccounts: [sleep, a/b/c, /x], notServiceAccounts: [default/ok]}",
                [
                    "spec.rules[0].from[0].source.serviceAccounts[0]: must be NAMESPACE/SERVICEACCOUNT (got \"sleep\")",
                    "spec.rules[0].from[0].source.serviceAccounts[1]: must be NAMESPACE/SERVICEACCOUNT (got \"a/b/c\")",
                    "spec.rules[0].from[0].source.serviceAccounts[2]: must be NAMESPACE/SERVICEACCOUNT (got \"/x\")",
                ]
            ),
            (
                "  rules:\n  - from:\n    - source: {serviceAccounts: [default/sleep], namespaces: [default]}",
                [
                    "spec.rules[0].from[0].source: serviceAccounts cannot be combined with principals or namespaces (Istio rejects it)"
                ]
            ),
            (
                "  rules:\n  - from:\n    - source: {trustDomains: [cluster.local]}",
                [
                    "spec.rules[0].from[0].source.trustDomains: trustDomains is not supported yet: match the trust domain in principals (\"cluster.local/*\")",
                    "spec.rules[0].from[0].source: must not be empty (leave out `from` to match any source)",
                ]
            ),
            (
                "  rules:\n  - to:\n    - operation: {ports: [http, \"70000\", -1, \"\", \"65535\", \"0\"]}",
                [
                    "spec.rules[0].to[0].operation.ports[3]: must not be empty",
                    "spec.rules[0].to[0].operation.ports[0]: must be a port number between 0 and 65535 (got \"http\")",
                    "spec.rules[0].to[0].operation.ports[1]: must be a port number between 0 and 65535 (got \"70000\")",
                    "spec.rules[0].to[0].operation.ports[2]: must be a port number between 0 and 65535 (got \"-1\")",
                ]
            ),
            (
                "  rules:\n  - to:\n    - operation: {paths: [\"/a/{*}/b\", \"/ok*\"], notPaths: [\"/x/{**}\"]}",
                [
                    "spec.rules[0].to[0].operation.paths[0]: path templates ({*}, {**}) are not supported yet: use a prefix such as \"/api/*\" (got \"/a/{*}/b\")",
                    "spec.rules[0].to[0].operation.notPaths[0]: path templates ({*}, {**}) are not supported yet: use a prefix such as \"/api/*\" (got \"/x/{**}\")",
                ]
            ),
            (
                "  rules:\n  - when:\n    - key: source.ip\n    - values: [a]\n    - key: \"\"\n      values: [a]",
                [
                    "spec.rules[0].when[0]: needs values or notValues for source.ip",
                    "spec.rules[0].when[1].key: is required",
                    "spec.rules[0].when[2].key: must not be empty",
                ]
            ),
            (
                "  rules:\n  - when:\n    - {key: source.user, values: [a]}\n    - {key: destination.namespace, values: [a]}\n    - {key: \"destination.labels[app]\", values: [a]}\n    - {key: destination.user, values: [a]}\n    - {key: request.headers, values: [a]}\n    - {key: \"request.auth.claims[]\", values: [a]}",
                [
                    "spec.rules[0].when[0].key: unknown attribute \"source.user\" (known: source.ip, source.namespace, source.principal, remote.ip, destination.ip, destination.port, request.headers[NAME], request.auth.principal, request.auth.audiences, request.auth.presenter, request.auth.claims[NAME], connection.sni, experimental.envoy.filters.*)",
                    "spec.rules[0].when[1].key: attribute \"destination.namespace\" is replaced by the policy's metadata.namespace",
                    "spec.rules[0].when[2].key: attribute \"destination.labels[app]\" is replaced by the workload selector",
                    "spec.rules[0].when[3].key: attribute \"destination.user\" was only supported in v1alpha1",
                    "spec.rules[0].when[4].key: \"request.headers\" must have the form request.headers[NAME]",
                    "spec.rules[0].when[5].key: \"request.auth.claims[]\" must have the form request.auth.claims[NAME]",
                ]
            ),
            (
                "  rules:\n  - when:\n    - {key: source.ip, values: [10.0.0.0/8, bad], notValues: [\"10.1.0.0/40\"]}\n    - {key: destination.port, notValues: [\"80\", http]}",
                [
                    "spec.rules[0].when[0].values[1]: \"bad\" is not an IP address or CIDR block",
                    "spec.rules[0].when[0].notValues[0]: prefix length in \"10.1.0.0/40\" exceeds 32",
                    "spec.rules[0].when[1].notValues[1]: must be a port number between 0 and 65535 (got \"http\")",
                ]
            ),
        ]
    )
    func rejected(spec: String, expected: [String]) {
        let texts = errorTexts(Self.policy(spec), file: "ap.yaml")
        #expect(texts == expected.map { Self.prefix + $0 })
        #expect(decode(Self.policy(spec)).config.authorizationPolicies.isEmpty, "an invalid policy must be dropped")
    }

    @Test("A dry-run annotation that is not a boolean is an error naming the annotation")
    func badDryRun() {
        let yaml = Self.policy("  rules: [{}]", annotations: "  annotations: {istio.io/dry-run: \"yes\"}\n")
        #expect(
            errorTexts(yaml, file: "ap.yaml") == [
                Self.prefix + "metadata.annotations.istio.io/dry-run: must be \"true\" or \"false\" (got \"yes\")"
            ]
        )
    }

    // MARK: - Accepted with a warning

    @Test(
        "Fields Weft cannot check are accepted with a warning that says how the rule behaves",
        arguments: [
            (
                "  rules:\n  - from:\n    - source: {requestPrincipals: [\"*\"]}",
                [
                    "spec.rules[0].from[0].source.requestPrincipals: requestPrincipals needs JWT authentication (RequestAuthentication), which Weft does not do: this ALLOW rule never matches"
                ]
            ),
            (
                "  action: DENY\n  rules:\n  - from:\n    - source: {notRequestPrincipals: [\"*\"]}\n    to:\n    - operation: {ports: [\"8080\"]}",
                [
                    "spec.rules[0].from[0].source.notRequestPrincipals: notRequestPrincipals needs JWT authentication (RequestAuthentication), which Weft does not do: this DENY rule ignores it and matches more requests (fails closed)"
                ]
            ),
            (
                "  rules:\n  - from:\n    - source: {remoteIpBlocks: [1.2.3.4]}",
                [
                    "spec.rules[0].from[0].source.remoteIpBlocks: remoteIpBlocks needs the original client address from X-Forwarded-For or the PROXY protocol, which Weft does not track: this ALLOW rule never matches"
                ]
            ),
            (
                "  action: DENY\n  rules:\n  - when:\n    - {key: connection.sni, values: [a.example.com]}\n    - {key: remote.ip, notValues: [10.0.0.1]}",
                [
                    "spec.rules[0].when[0].key: connection.sni needs the client's TLS server name, which Weft does not see (HBONE carries no SNI): this DENY rule ignores it and matches more requests (fails closed)",
                    "spec.rules[0].when[1].key: remote.ip needs the original client address from X-Forwarded-For or the PROXY protocol, which Weft does not track: this DENY rule ignores it and matches more requests (fails closed)",
                ]
            ),
            (
                "  selector: {}\n  rules:\n  - from:\n    - source: {principals: [\"spiffe://cluster.local/ns/a/sa/b\"]}",
                [
                    "spec.selector: selector has no matchLabels: the policy applies to every workload in its namespace",
                    "spec.rules[0].from[0].source.principals: principals are written without spiffe:// (\"cluster.local/ns/NAMESPACE/sa/ACCOUNT\"): a value with it never matches",
                ]
            ),
        ]
    )
    func warnings(spec: String, expected: [String]) {
        let yaml = Self.policy(spec)
        #expect(errorTexts(yaml, file: "ap.yaml") == [])
        #expect(warningTexts(yaml, file: "ap.yaml") == expected.map { "warning: " + Self.prefix + $0 })
        #expect(decode(yaml).config.authorizationPolicies.count == 1, "a policy with only warnings is kept")
    }

    @Test("requestPrincipals, remoteIpBlocks and request.auth keys are still decoded into the model")
    func unavailableFieldsAreDecoded() throws {
        let yaml = Self.policy(
            """
              rules:
              - from:
                - source:
                    requestPrincipals: ["issuer/subject"]
                    notRemoteIpBlocks: ["10.0.0.0/8"]
                when:
                - key: request.auth.audiences
                  values: ["weft"]
            """
        )
        let policy = try #require(decode(yaml).config.authorizationPolicies.first)
        let rule = try #require(policy.rules?.first)
        #expect(rule.from.first?.requestPrincipals == ["issuer/subject"])
        #expect(rule.from.first?.notRemoteIpBlocks.map(\.description) == ["10.0.0.0/8"])
        #expect(rule.when.first?.key == "request.auth.audiences")
        #expect(rule.when.first?.values == ["weft"])
    }
}

import Testing
import WeftCore

/// Which policies apply where (root namespace, namespace, selector), dry-run reporting, and the questions the
/// proxy asks about a workload.
@Suite("Authorization policy scope and dry-run")
struct AuthorizationScopingTests {
    typealias F = Fixtures

    static let meshAllowNothing = F.policy("istio-system/allow-nothing", rules: nil)
    static let fooAllowAll = F.policy("foo/allow-all", rules: [F.rule()])
    static let meshDenyBar = F.policy(
        "istio-system/deny-bar-to-v1",
        .deny,
        selector: ["version": "v1"],
        rules: [F.rule(from: [F.source { $0.namespaces = ["bar"] }])]
    )

    @Test("A root-namespace policy without selector applies to every namespace")
    func meshWide() {
        let evaluator = AuthorizationEvaluator(config: F.config([Self.meshAllowNothing, Self.fooAllowAll]))
        // foo has its own allow-all, so the mesh-wide allow-nothing does not bite there…
        #expect(
            evaluator.evaluate(F.request(from: F.sleep), for: F.httpbin).decision
                == .allow(.allowedBy(policy: F.apID("foo/allow-all"), rule: 0))
        )
        // …but in bar nothing allows.
        #expect(
            evaluator.evaluate(F.request(from: F.sleep), for: PolicyTarget(namespace: "bar")).decision
                == .deny(.noAllowMatched(allowPolicies: [F.apID("istio-system/allow-nothing")]))
        )
        #expect(
            evaluator.applicablePolicies(for: F.httpbin) == [
                F.apID("istio-system/allow-nothing"), F.apID("foo/allow-all"),
            ]
        )
    }

    @Test("A root-namespace policy with a selector applies to matching workloads in every namespace")
    func meshSelector() {
        let evaluator = AuthorizationEvaluator(config: F.config([Self.meshDenyBar]))
        #expect(
            evaluator.evaluate(F.request(from: F.curl), for: F.httpbin).decision
                == .deny(.explicitDeny(policy: F.apID("istio-system/deny-bar-to-v1"), rule: 0))
        )
        let v2 = PolicyTarget(namespace: "foo", labels: ["app": "httpbin", "version": "v2"])
        #expect(evaluator.evaluate(F.request(from: F.curl), for: v2).decision == .allow(.noAllowPolicies))
    }

    @Test("The root namespace is a parameter")
    func customRoot() {
        let policy = F.policy("mesh-config/allow-nothing", rules: nil)
        let evaluator = AuthorizationEvaluator(config: F.config([policy]), rootNamespace: "mesh-config")
        #expect(evaluator.rootNamespace == "mesh-config")
        #expect(!evaluator.evaluate(F.request(from: F.sleep), for: F.httpbin).decision.isAllowed)
        // With the default root, that policy only covers its own namespace.
        #expect(
            AuthorizationEvaluator(config: F.config([policy])).evaluate(F.request(from: F.sleep), for: F.httpbin)
                .decision.isAllowed
        )
    }

    @Test("A namespace policy does not reach other namespaces; a selector policy only matching workloads")
    func namespaceAndSelector() {
        let selected = F.policy("foo/only-reviews", selector: ["app": "reviews"], rules: nil)
        let evaluator = AuthorizationEvaluator(config: F.config([selected, F.policy("bar/allow-nothing", rules: nil)]))
        #expect(evaluator.evaluate(F.request(from: F.sleep), for: F.httpbin).decision == .allow(.noAllowPolicies))
        let reviews = PolicyTarget(namespace: "foo", labels: ["app": "reviews"])
        #expect(
            evaluator.evaluate(F.request(from: F.sleep), for: reviews).decision
                == .deny(.noAllowMatched(allowPolicies: [F.apID("foo/only-reviews")]))
        )
    }

    @Test("Evaluation order names mesh, namespace, then workload policies, by name within each")
    func order() {
        let policies = [
            F.policy("foo/z-workload", .deny, selector: ["app": "httpbin"], rules: [F.rule()]),
            F.policy("foo/b-namespace", .deny, rules: [F.rule()]),
            F.policy("foo/a-namespace", .deny, rules: [F.rule()]),
            F.policy("istio-system/z-mesh", .deny, rules: [F.rule()]),
        ]
        let evaluator = AuthorizationEvaluator(config: F.config(policies))
        #expect(
            evaluator.applicablePolicies(for: F.httpbin) == [
                F.apID("istio-system/z-mesh"), F.apID("foo/a-namespace"), F.apID("foo/b-namespace"),
                F.apID("foo/z-workload"),
            ]
        )
        #expect(
            evaluator.evaluate(F.request(from: F.sleep), for: F.httpbin).decision
                == .deny(.explicitDeny(policy: F.apID("istio-system/z-mesh"), rule: 0))
        )
    }

    @Test("Dry-run policies are reported, never enforced")
    func dryRun() {
        let shadowDeny = F.policy("foo/deny-path-headers", .deny, dryRun: true, rules: [F.rule()])
        let shadowAllow = F.policy("foo/shadow-allow-nothing", dryRun: true, rules: nil)
        let evaluator = AuthorizationEvaluator(config: F.config([shadowDeny, shadowAllow]))
        let result = evaluator.evaluate(F.request(from: F.sleep), for: F.httpbin)
        // A dry-run ALLOW does not switch the workload to deny-by-default, and a dry-run DENY denies nothing.
        #expect(result.decision == .allow(.noAllowPolicies))
        #expect(
            result.dryRunMatches == [.init(policy: F.apID("foo/deny-path-headers"), action: .deny, rule: 0)]
        )
        #expect(
            result.dryRunMatches.map(\.description) == [
                "dry-run DENY AuthorizationPolicy foo/deny-path-headers (rules[0]) matched"
            ]
        )
    }

    @Test("The proxy learns which workloads need HTTP inspection")
    func inspection() {
        let evaluator = AuthorizationEvaluator(
            config: F.config([AuthorizationTruthTableTests.httpAllow, Self.fooAllowAll])
        )
        #expect(evaluator.inspectsHTTPRequests(for: F.httpbin))
        #expect(!evaluator.inspectsHTTPRequests(for: PolicyTarget(namespace: "foo", labels: ["app": "reviews"])))
    }

    @Test(
        "Decisions explain themselves",
        arguments: [
            (AuthorizationDecision.allow(.noAllowPolicies), "allowed: no ALLOW policy applies to the workload"),
            (
                .allow(.allowedBy(policy: F.apID("foo/viewer"), rule: 2)),
                "allowed by AuthorizationPolicy foo/viewer (rules[2])"
            ),
            (
                .deny(.explicitDeny(policy: F.apID("foo/deny"), rule: 0)),
                "denied by AuthorizationPolicy foo/deny (rules[0])"
            ),
            (
                .deny(.noAllowMatched(allowPolicies: [F.apID("istio-system/a"), F.apID("foo/b")])),
                "denied: ALLOW policies apply (istio-system/a, foo/b) but none matched"
            ),
            (
                .deny(.strictMTLSRequiresIdentity(peerAuthentication: F.paID("istio-system/default"))),
                "denied: PeerAuthentication istio-system/default requires mutual TLS (STRICT) and the connection has no peer identity"
            ),
        ]
    )
    func descriptions(decision: AuthorizationDecision, text: String) {
        #expect(decision.description == text)
    }

    @Test("The evaluator is a value: equal configs give equal evaluators, a changed policy a different one")
    func hashable() {
        let one = AuthorizationEvaluator(config: F.config([Self.fooAllowAll]))
        let same = AuthorizationEvaluator(config: F.config([Self.fooAllowAll]))
        let other = AuthorizationEvaluator(config: F.config([Self.meshAllowNothing]))
        #expect(one == same)
        #expect(one.hashValue == same.hashValue)
        #expect(one != other)
    }
}

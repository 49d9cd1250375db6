import Testing
import WeftCore

/// One row: these PeerAuthentications, this workload port, this effective mode and deciding resource.
struct MTLSCase: Sendable, CustomTestStringConvertible {
    let name: String
    let policies: [PeerAuthentication]
    let target: PolicyTarget
    let port: Int
    let expected: EffectiveMTLS

    var testDescription: String { self.name }
}

@Suite("PeerAuthentication resolution")
struct PeerAuthenticationResolutionTests {
    typealias F = Fixtures

    static let meshStrict = F.peerAuthentication("istio-system/default", .strict)
    static let meshPermissive = F.peerAuthentication("istio-system/default", .permissive)
    static let legacyPermissive = F.peerAuthentication("legacy/default", .permissive)
    /// Istio's "port-level exception" example: finance STRICT except port 8080.
    static let finance = F.peerAuthentication(
        "foo/finance",
        .strict,
        selector: ["app": "finance"],
        ports: [8080: .disable]
    )
    static let financeTarget = PolicyTarget(namespace: "foo", labels: ["app": "finance", "version": "v1"])
    static let legacyTarget = PolicyTarget(namespace: "legacy", labels: ["app": "old"])

    static let cases: [MTLSCase] = [
        .init(
            name: "no PeerAuthentication: PERMISSIVE by default",
            policies: [],
            target: F.httpbin,
            port: 8000,
            expected: .permissiveDefault
        ),
        .init(
            name: "mesh STRICT applies everywhere",
            policies: [meshStrict],
            target: F.httpbin,
            port: 8000,
            expected: .init(mode: .strict, decidedBy: F.paID("istio-system/default"), level: .mesh)
        ),
        .init(
            name: "mesh STRICT + namespace PERMISSIVE: the namespace wins",
            policies: [meshStrict, legacyPermissive],
            target: legacyTarget,
            port: 8000,
            expected: .init(mode: .permissive, decidedBy: F.paID("legacy/default"), level: .namespace)
        ),
        .init(
            name: "mesh STRICT + namespace PERMISSIVE: other namespaces stay STRICT",
            policies: [meshStrict, legacyPermissive],
            target: F.httpbin,
            port: 8000,
            expected: .init(mode: .strict, decidedBy: F.paID("istio-system/default"), level: .mesh)
        ),
        .init(
            name: "namespace UNSET inherits the mesh",
            policies: [meshStrict, F.peerAuthentication("foo/default", .unset)],
            target: F.httpbin,
            port: 8000,
            expected: .init(mode: .strict, decidedBy: F.paID("istio-system/default"), level: .mesh)
        ),
        .init(
            name:
                "workload STRICT with a port exception: the exception port is PERMISSIVE (DISABLE acts as PERMISSIVE)",
            policies: [meshPermissive, finance],
            target: financeTarget,
            port: 8080,
            expected: .init(mode: .permissive, decidedBy: F.paID("foo/finance"), level: .port(8080))
        ),
        .init(
            name: "workload STRICT with a port exception: other ports are STRICT",
            policies: [meshPermissive, finance],
            target: financeTarget,
            port: 9000,
            expected: .init(mode: .strict, decidedBy: F.paID("foo/finance"), level: .workload)
        ),
        .init(
            name: "a workload policy does not apply to workloads its selector misses",
            policies: [meshPermissive, finance],
            target: F.httpbin,
            port: 8080,
            expected: .init(mode: .permissive, decidedBy: F.paID("istio-system/default"), level: .mesh)
        ),
        .init(
            name: "workload UNSET with a STRICT port inherits the namespace on other ports",
            policies: [
                meshStrict, F.peerAuthentication("foo/default", .permissive),
                F.peerAuthentication("foo/db", .unset, selector: ["app": "finance"], ports: [5432: .strict]),
            ],
            target: financeTarget,
            port: 80,
            expected: .init(mode: .permissive, decidedBy: F.paID("foo/default"), level: .namespace)
        ),
        .init(
            name: "workload UNSET with a STRICT port: that port is STRICT",
            policies: [
                meshStrict, F.peerAuthentication("foo/default", .permissive),
                F.peerAuthentication("foo/db", .unset, selector: ["app": "finance"], ports: [5432: .strict]),
            ],
            target: financeTarget,
            port: 5432,
            expected: .init(mode: .strict, decidedBy: F.paID("foo/db"), level: .port(5432))
        ),
        .init(
            name: "a port entry set to UNSET inherits the workload mode",
            policies: [F.peerAuthentication("foo/w", .strict, selector: ["app": "finance"], ports: [80: .unset])],
            target: financeTarget,
            port: 80,
            expected: .init(mode: .strict, decidedBy: F.paID("foo/w"), level: .workload)
        ),
        .init(
            name: "workload DISABLE acts as PERMISSIVE",
            policies: [meshStrict, F.peerAuthentication("foo/off", .disable, selector: ["app": "finance"])],
            target: financeTarget,
            port: 80,
            expected: .init(mode: .permissive, decidedBy: F.paID("foo/off"), level: .workload)
        ),
        .init(
            name: "two workload policies select the workload: the first by name wins",
            policies: [
                F.peerAuthentication("foo/b-strict", .strict, selector: ["app": "finance"]),
                F.peerAuthentication("foo/a-permissive", .permissive, selector: ["version": "v1"]),
            ],
            target: financeTarget,
            port: 80,
            expected: .init(mode: .permissive, decidedBy: F.paID("foo/a-permissive"), level: .workload)
        ),
        .init(
            name: "two namespace policies: the first by name wins",
            policies: [
                F.peerAuthentication("foo/default", .permissive), F.peerAuthentication("foo/aaa", .strict),
            ],
            target: F.httpbin,
            port: 80,
            expected: .init(mode: .strict, decidedBy: F.paID("foo/aaa"), level: .namespace)
        ),
        .init(
            name: "a selector without labels counts as the namespace policy",
            policies: [F.peerAuthentication("foo/empty-selector", .strict, selector: [:])],
            target: F.httpbin,
            port: 80,
            expected: .init(mode: .strict, decidedBy: F.paID("foo/empty-selector"), level: .namespace)
        ),
        .init(
            name: "a root-namespace policy with a selector is ignored, as in Istio ambient",
            policies: [F.peerAuthentication("istio-system/by-label", .strict, selector: ["app": "httpbin"])],
            target: F.httpbin,
            port: 80,
            expected: .permissiveDefault
        ),
    ]

    @Test("Effective mode: port → workload → namespace → mesh → PERMISSIVE", arguments: Self.cases)
    func resolution(_ row: MTLSCase) {
        let evaluator = AuthorizationEvaluator(config: F.config([], peerAuthentications: row.policies))
        #expect(evaluator.effectiveMTLS(for: row.target, port: row.port) == row.expected, "\(row.name)")
    }

    @Test("STRICT refuses plaintext and names the PeerAuthentication that decided")
    func strictDeniesPlaintext() {
        let evaluator = AuthorizationEvaluator(config: F.config([], peerAuthentications: [Self.meshStrict]))
        #expect(
            evaluator.evaluate(F.request(from: nil), for: F.httpbin).decision
                == .deny(.strictMTLSRequiresIdentity(peerAuthentication: F.paID("istio-system/default")))
        )
        #expect(evaluator.evaluate(F.request(from: F.sleep), for: F.httpbin).decision == .allow(.noAllowPolicies))
    }

    @Test("A PERMISSIVE port exception lets plaintext reach that port only")
    func portException() {
        let evaluator = AuthorizationEvaluator(
            config: F.config([], peerAuthentications: [Self.meshStrict, Self.finance])
        )
        #expect(evaluator.evaluate(F.request(from: nil, port: 8080), for: Self.financeTarget).decision.isAllowed)
        #expect(
            evaluator.evaluate(F.request(from: nil, port: 9000), for: Self.financeTarget).decision
                == .deny(.strictMTLSRequiresIdentity(peerAuthentication: F.paID("foo/finance")))
        )
    }

    @Test("STRICT is checked before policies, and policies still apply to mTLS callers")
    func strictThenPolicies() {
        let config = F.config(
            [AuthorizationTruthTableTests.denyAll],
            peerAuthentications: [Self.meshStrict]
        )
        let evaluator = AuthorizationEvaluator(config: config)
        #expect(
            evaluator.evaluate(F.request(from: nil), for: F.httpbin).decision
                == .deny(.strictMTLSRequiresIdentity(peerAuthentication: F.paID("istio-system/default")))
        )
        #expect(
            evaluator.evaluate(F.request(from: F.sleep), for: F.httpbin).decision
                == .deny(.explicitDeny(policy: F.apID("foo/deny-all"), rule: 0))
        )
    }

    @Test("Effective modes describe themselves")
    func descriptions() {
        #expect(EffectiveMTLS.permissiveDefault.description == "PERMISSIVE (default)")
        #expect(
            EffectiveMTLS(mode: .permissive, decidedBy: F.paID("foo/finance"), level: .port(8080)).description
                == "PERMISSIVE (port 8080 of PeerAuthentication foo/finance)"
        )
        #expect(
            EffectiveMTLS(mode: .strict, decidedBy: F.paID("istio-system/default"), level: .mesh).description
                == "STRICT (PeerAuthentication istio-system/default)"
        )
    }
}

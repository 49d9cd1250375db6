import Testing
import WeftCore

@testable import WeftConfig

@Suite("PeerAuthentication decoding")
struct PeerAuthenticationDecodingTests {
    @Test("Istio's documented mesh, namespace and port-exception examples decode to the expected model")
    func corpusDecodes() throws {
        let result = try decodeCorpus("peer-authentication.yaml")
        #expect(result.diagnostics.errors.isEmpty, "valid Istio examples must not produce errors")
        let byName = Dictionary(
            uniqueKeysWithValues: result.config.peerAuthentications.map {
                ("\($0.metadata.namespace)/\($0.metadata.name)", $0)
            }
        )
        #expect(byName["istio-system/default"]?.mode == .strict)
        #expect(byName["istio-system/default"]?.selector == nil)
        #expect(byName["legacy/default"]?.mode == .permissive)
        let finance = try #require(byName["foo/finance"])
        #expect(finance.selector == LabelSelector(["app": "finance"]))
        #expect(finance.mode == .strict)
        #expect(finance.portLevelMtls == [8080: .disable])
        // DISABLE is accepted but acts as PERMISSIVE: the operator is told so.
        #expect(
            result.diagnostics.warnings.map(\.description) == [
                "warning: peer-authentication.yaml: document 3: PeerAuthentication foo/finance: spec.portLevelMtls.8080.mode: DISABLE acts as PERMISSIVE"
            ]
        )
    }

    @Test("Every problem of a broken variant is reported in one pass, with file, document, resource and field")
    func brokenVariant() {
        let yaml = """
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata:
              name: finance
              namespace: foo
            spec:
              mtls:
                mode: strict
              portLevelMtls:
                "70000":
                  mode: STRICT
              mtlss: {}
            """
        #expect(
            errorTexts(yaml, file: "pa.yaml") == [
                "pa.yaml: document 1: PeerAuthentication foo/finance: spec.mtls.mode: \"strict\" is not one of UNSET, DISABLE, PERMISSIVE, STRICT (values are case-sensitive: use STRICT)",
                "pa.yaml: document 1: PeerAuthentication foo/finance: spec.portLevelMtls.70000: port must be between 1 and 65535 (got \"70000\")",
                "pa.yaml: document 1: PeerAuthentication foo/finance: spec.portLevelMtls: requires a non-empty selector (Istio applies port-level mTLS per workload)",
                "pa.yaml: document 1: PeerAuthentication foo/finance: spec.mtlss: unknown field",
            ]
        )
    }

    @Test("A resource with errors is left out of the config; valid neighbours stay")
    func invalidResourceIsDropped() {
        let yaml = """
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: good, namespace: a}
            spec: {mtls: {mode: STRICT}}
            ---
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: bad, namespace: a}
            spec: {mtls: {mode: LOOSE}}
            """
        let result = decode(yaml)
        #expect(result.config.peerAuthentications.map(\.metadata.name) == ["good"])
        #expect(result.validConfig == nil, "a config with any error must not be served")
    }
}

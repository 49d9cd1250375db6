import Testing
import WeftCore

@testable import WeftConfig

@Suite("Documents, headers and metadata")
struct DocumentDecoderTests {
    @Test("Multi-document files with empty documents and comments decode every resource")
    func multiDocument() {
        let yaml = """
            # leading comment
            ---
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: one}
            spec: {}
            ---
            ---
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: two, namespace: other}
            spec: {mtls: {mode: PERMISSIVE}}
            """
        let result = decode(yaml)
        #expect(result.diagnostics.all.isEmpty)
        #expect(result.config.peerAuthentications.map(\.metadata.namespace) == ["default", "other"])
    }

    @Test(
        "Header problems name the document",
        arguments: [
            (
                "kind: PeerAuthentication\nmetadata: {name: a}\n",
                "t.yaml: document 1: not a resource: apiVersion and kind are required"
            ),
            (
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
                "t.yaml: document 1: kind: unsupported kind \"ConfigMap\" (Weft reads Service, ServiceEntry, WorkloadEntry, VirtualService, DestinationRule, PeerAuthentication, AuthorizationPolicy)"
            ),
            (
                "apiVersion: networking.istio.io/v2\nkind: VirtualService\nmetadata: {name: a}\n",
                "t.yaml: document 1: apiVersion: VirtualService is not served as \"networking.istio.io/v2\" (use networking.istio.io/v1 or networking.istio.io/v1beta1 or networking.istio.io/v1alpha3)"
            ),
            (
                "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nspec: {}\n",
                "t.yaml: document 1: metadata: is required"
            ),
            (
                "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: Bad_Name}\nspec: {}\n",
                "t.yaml: document 1: metadata.name: \"Bad_Name\" is not a valid resource name (lower-case letters, digits, '-' and '.')"
            ),
            (
                "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: a}\n",
                "t.yaml: document 1: PeerAuthentication default/a: spec: is required"
            ),
            ("a: [1, 2\n", "t.yaml: not valid YAML"),
            ("- 1\n- 2\n", "t.yaml: document 1: must be a map (got a list)"),
        ]
    )
    func headerProblems(yaml: String, expected: String) {
        let texts = errorTexts(yaml, file: "t.yaml")
        #expect(texts.count == 1, "exactly one error expected, got \(texts)")
        #expect(texts.first?.hasPrefix(expected) == true, "got \(texts)")
    }

    @Test("The same resource twice is a duplicate naming where it was first defined")
    func duplicates() {
        let document = "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: a}\nspec: {}\n"
        let result = DocumentDecoder.decode([
            ConfigSource(name: "one.yaml", text: document), ConfigSource(name: "two.yaml", text: document),
        ])
        #expect(
            result.diagnostics.errors.map(\.description) == [
                "two.yaml: document 1: PeerAuthentication default/a: defined more than once (first in one.yaml, document 1)"
            ]
        )
    }

    @Test("Exported manifests with status and server-side metadata are accepted")
    func kubectlOutput() {
        let yaml = """
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata:
              name: a
              namespace: b
              uid: 8d3c
              resourceVersion: "123"
              generation: 2
              creationTimestamp: "2026-01-01T00:00:00Z"
              annotations: {note: x}
              labels: {team: payments}
            spec: {mtls: {mode: STRICT}}
            status: {}
            """
        #expect(decode(yaml).diagnostics.all.isEmpty)
    }

    @Test("Bad label keys and values are errors naming the label")
    func labels() {
        let yaml = """
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata: {name: a, labels: {"-bad": ok, good: "not ok!"}}
            spec: {}
            """
        #expect(
            errorTexts(yaml) == [
                "test.yaml: document 1: PeerAuthentication default/a: metadata.labels.-bad: invalid label key \"-bad\" (1–63 characters of a-z, A-Z, 0-9, '-', '_', '.', alphanumeric at both ends)",
                "test.yaml: document 1: PeerAuthentication default/a: metadata.labels.good: invalid label value \"not ok!\" (up to 63 characters of a-z, A-Z, 0-9, '-', '_', '.', alphanumeric at both ends)",
            ]
        )
    }
}

import Testing
import WeftConfig
import WeftCore

@testable import WeftStore

@Suite("Cutting YAML sources into one text per resource")
struct ResourceDocumentsTests {
    @Test("each document keeps its own text, comments included, and learns its id")
    func cutsDocuments() {
        let text = "# mesh-wide\n" + peerAuthentication("a") + "---\n# second\n" + peerAuthentication("b") + "\n\n"
        let documents = ResourceDocuments.split(ConfigSource(name: "pa.yaml", text: text))
        #expect(documents.map(\.id) == [paID("a"), paID("b")])
        #expect(documents.map(\.isValid) == [true, true])
        #expect(documents[0].text == "# mesh-wide\n" + peerAuthentication("a"))
        #expect(documents[1].text == "# second\n" + peerAuthentication("b"))
    }

    @Test(
        "empty and comment-only documents are dropped; markers with trailing comments or `...` still cut",
        arguments: [
            "---\n" + peerAuthentication("a") + "---\n---\n# only a comment\n---   # next\n" + peerAuthentication("b"),
            peerAuthentication("a") + "...\n---\n" + peerAuthentication("b") + "---\n",
        ]
    )
    func dropsEmptyDocuments(text: String) {
        let documents = ResourceDocuments.split(ConfigSource(name: "pa.yaml", text: text))
        #expect(documents.map(\.id) == [paID("a"), paID("b")])
        #expect(documents.map(\.text) == [peerAuthentication("a"), peerAuthentication("b")])
    }

    @Test("a `---` inside a block scalar is not at column 0, so it does not cut; a directive moves with its document")
    func markersOnlyAtColumnZero() {
        let text = """
            apiVersion: security.istio.io/v1
            kind: PeerAuthentication
            metadata:
              name: a
              annotations:
                note: |
                  ---
                  not a marker
            spec: {}
            ...
            %YAML 1.1
            ---
            """ + "\n" + peerAuthentication("b")
        // The decoder reads the same two resources from the whole text.
        let whole = DocumentDecoder.decode([ConfigSource(name: "pa.yaml", text: text)])
        #expect(whole.diagnostics.all.isEmpty)
        #expect(whole.config.resourceIDs == [paID("a"), paID("b")])
        let cut = ResourceDocuments.cut(text).filter { !$0.isEmpty }
        #expect(cut.count == 2)
        #expect(cut[0].contains("  ---\n      not a marker"))
        #expect(cut[1] == "%YAML 1.1\n---\n" + peerAuthentication("b"))
        let documents = ResourceDocuments.split(ConfigSource(name: "pa.yaml", text: text))
        #expect(documents.map(\.id) == [paID("a"), paID("b")])
    }

    @Test("a document whose spec is invalid still names its resource, and is marked invalid")
    func invalidDocumentKeepsID() {
        let documents = ResourceDocuments.split(
            ConfigSource(name: "pa.yaml", text: peerAuthentication("a", mode: "LOOSE"))
        )
        #expect(
            documents == [ResourceDocument(id: paID("a"), text: peerAuthentication("a", mode: "LOOSE"), isValid: false)]
        )
    }
}

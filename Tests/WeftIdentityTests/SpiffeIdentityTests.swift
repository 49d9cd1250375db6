import Testing
import WeftIdentity

@Suite("SPIFFE workload identities")
struct SpiffeIdentityTests {
    @Test(
        "Workload SPIFFE IDs parse into their parts and print back unchanged",
        arguments: [
            ("spiffe://cluster.local/ns/default/sa/foo", "cluster.local", "default", "foo"),
            ("spiffe://example.org/ns/bookinfo/sa/bookinfo-reviews", "example.org", "bookinfo", "bookinfo-reviews"),
            ("spiffe://td_1-x/ns/N.s/sa/S_a", "td_1-x", "N.s", "S_a"),
        ]
    )
    func parses(text: String, trustDomain: String, namespace: String, serviceAccount: String) throws {
        let parsed = try SpiffeIdentity(parsing: text)
        #expect(parsed.trustDomain == trustDomain)
        #expect(parsed.namespace == namespace)
        #expect(parsed.serviceAccount == serviceAccount)
        #expect(parsed.description == text)
    }

    @Test(
        "Texts that are not workload SPIFFE IDs are refused with the reason",
        arguments: [
            ("https://cluster.local/ns/a/sa/b", SpiffeIdentityError.Reason.notSpiffe),
            ("spiffe://cluster.local/ns/a", .badPath),
            ("spiffe://cluster.local/ns/a/sa/b/extra", .badPath),
            ("spiffe://cluster.local/namespace/a/sa/b", .badPath),
            ("spiffe://Cluster.Local/ns/a/sa/b", .badTrustDomain),
            ("spiffe:///ns/a/sa/b", .badTrustDomain),
            ("spiffe://cluster.local/ns//sa/b", .badNamespace),
            ("spiffe://cluster.local/ns/a/sa/b%20c", .badServiceAccount),
        ]
    )
    func refuses(text: String, reason: SpiffeIdentityError.Reason) {
        #expect(throws: SpiffeIdentityError(text: text, reason: reason)) { try SpiffeIdentity(parsing: text) }
    }

    @Test("The error text names the input and the expected form")
    func errorText() {
        let error = SpiffeIdentityError(text: "spiffe://cluster.local/x", reason: .badPath)
        #expect(
            error.description
                == "\"spiffe://cluster.local/x\" is not a workload SPIFFE ID (expected spiffe://<trust-domain>/ns/<ns>/sa/<sa>)"
        )
    }
}

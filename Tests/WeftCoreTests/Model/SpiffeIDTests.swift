import PropertyBased
import Testing
import WeftCore

@Suite("SPIFFE IDs")
struct SpiffeIDTests {
    @Test("An Istio SPIFFE ID parses into its parts and prints back")
    func parses() throws {
        let id = try SpiffeID(parsing: "spiffe://cluster.local/ns/default/sa/bookinfo-productpage")
        #expect(id.trustDomain == "cluster.local")
        #expect(id.namespace == "default")
        #expect(id.serviceAccount == "bookinfo-productpage")
        #expect(id.principal == "cluster.local/ns/default/sa/bookinfo-productpage")
        #expect(id.description == "spiffe://cluster.local/ns/default/sa/bookinfo-productpage")
        #expect(try SpiffeID(principal: id.principal) == id)
        #expect(
            try SpiffeID(trustDomain: "cluster.local", namespace: "default", serviceAccount: "bookinfo-productpage")
                == id
        )
    }

    @Test(
        "Malformed IDs are rejected with a reason",
        arguments: [
            (
                "cluster.local/ns/a/sa/b",
                "\"cluster.local/ns/a/sa/b\" is not a SPIFFE ID (it must start with spiffe://)"
            ),
            (
                "SPIFFE://cluster.local/ns/a/sa/b",
                "\"SPIFFE://cluster.local/ns/a/sa/b\" is not a SPIFFE ID (it must start with spiffe://)"
            ),
            (
                "spiffe://Cluster.Local/ns/a/sa/b",
                "\"spiffe://Cluster.Local/ns/a/sa/b\" has an invalid trust domain (lower-case letters, digits, '.', '-' and '_')"
            ),
            (
                "spiffe:///ns/a/sa/b",
                "\"spiffe:///ns/a/sa/b\" has an invalid trust domain (lower-case letters, digits, '.', '-' and '_')"
            ),
            (
                "spiffe://cluster.local/ns/a",
                "\"spiffe://cluster.local/ns/a\" is not a workload identity (expected spiffe://TRUST-DOMAIN/ns/NAMESPACE/sa/ACCOUNT)"
            ),
            (
                "spiffe://cluster.local/sa/b/ns/a",
                "\"spiffe://cluster.local/sa/b/ns/a\" is not a workload identity (expected spiffe://TRUST-DOMAIN/ns/NAMESPACE/sa/ACCOUNT)"
            ),
            (
                "spiffe://cluster.local/ns/a/sa/b/extra",
                "\"spiffe://cluster.local/ns/a/sa/b/extra\" is not a workload identity (expected spiffe://TRUST-DOMAIN/ns/NAMESPACE/sa/ACCOUNT)"
            ),
            (
                "spiffe://cluster.local/ns//sa/b",
                "\"spiffe://cluster.local/ns//sa/b\" has an invalid path segment \"\" (letters, digits, '.', '-' and '_')"
            ),
            (
                "spiffe://cluster.local/ns/a/sa/..",
                "\"spiffe://cluster.local/ns/a/sa/..\" has an invalid path segment \"..\" (letters, digits, '.', '-' and '_')"
            ),
            (
                "spiffe://cluster.local/ns/a b/sa/c",
                "\"spiffe://cluster.local/ns/a b/sa/c\" has an invalid path segment \"a b\" (letters, digits, '.', '-' and '_')"
            ),
        ]
    )
    func malformed(text: String, reason: String) {
        #expect(throws: SpiffeID.ParseError.self) { try SpiffeID(parsing: text) }
        do {
            _ = try SpiffeID(parsing: text)
        } catch {
            #expect(error.description == reason)
        }
    }

    static let label = Gen.lowercaseLetter.string(of: 1...12)
    static let segment = Gen<Character?>.element(of: Array("abcXYZ019.-_") as [Character]).map { $0! }.string(
        of: 1...16
    )

    @Test("Any valid identity round-trips through its URI and its principal form")
    func roundTrip() async {
        await propertyCheck(input: Self.label, Self.segment, Self.segment) { domain, namespace, account in
            guard namespace != "." && namespace != ".." && account != "." && account != ".." else { return }
            let trustDomain = domain + ".local"
            let id = try! SpiffeID(trustDomain: trustDomain, namespace: namespace, serviceAccount: account)
            #expect((try? SpiffeID(parsing: id.description)) == id)
            #expect((try? SpiffeID(principal: id.principal)) == id)
            #expect(id.description == "spiffe://\(trustDomain)/ns/\(namespace)/sa/\(account)")
        }
    }
}

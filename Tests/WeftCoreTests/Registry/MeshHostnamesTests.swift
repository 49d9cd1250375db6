import Testing
import WeftCore

@Suite("Hostname resolution and matching")
struct MeshHostnamesTests {
    @Test(
        "VirtualService and DestinationRule hosts expand only dotless names (Istio's ResolveShortnameToFQDN)",
        arguments: [
            ("reviews", "default", "reviews.default.svc.cluster.local"),
            ("reviews", "prod", "reviews.prod.svc.cluster.local"),
            ("reviews.default", "prod", "reviews.default"),
            ("reviews.default.svc.cluster.local", "prod", "reviews.default.svc.cluster.local"),
            ("*", "prod", "*"),
            ("*.example.com", "prod", "*.example.com"),
            ("10.0.0.1", "prod", "10.0.0.1"),
            ("fd00::1", "prod", "fd00::1"),
        ]
    )
    func resolve(host: String, namespace: String, expected: String) {
        #expect(MeshHostnames.resolve(host, namespace: namespace, clusterDomain: "cluster.local") == expected)
    }

    @Test(
        "Names typed by a client are tried along the DNS search path",
        arguments: [
            ("reviews", ["reviews.test.svc.cluster.local", "reviews"]),
            ("reviews.default", ["reviews.default.svc.cluster.local", "reviews.default"]),
            ("reviews.default.svc", ["reviews.default.svc.cluster.local", "reviews.default.svc"]),
            ("reviews.default.svc.cluster.local", ["reviews.default.svc.cluster.local"]),
            ("api.example.com", ["api.example.com"]),
            ("api.example.com.", ["api.example.com"]),
        ]
    )
    func search(name: String, expected: [String]) {
        #expect(
            MeshHostnames.searchCandidates(for: name, clientNamespace: "test", clusterDomain: "cluster.local")
                == expected
        )
    }

    @Test(
        "Wildcard hosts cover deeper names but not the bare suffix",
        arguments: [
            ("*", "anything.at.all", true), ("*.example.com", "a.example.com", true),
            ("*.example.com", "a.b.example.com", true), ("*.example.com", "example.com", false),
            ("*.example.com", "aexample.com", false), ("a.example.com", "a.example.com", true),
            ("a.example.com", "b.example.com", false),
        ]
    )
    func matches(pattern: String, host: String, expected: Bool) {
        #expect(MeshHostnames.matches(pattern: pattern, host: host) == expected)
    }

    @Test("Exact hosts are more specific than wildcards, longer wildcards than shorter")
    func specificity() {
        let patterns = ["*", "*.com", "*.example.com", "api.example.com"]
        #expect(
            patterns.sorted { MeshHostnames.specificity(of: $0) > MeshHostnames.specificity(of: $1) }
                == patterns.reversed()
        )
    }

    @Test(
        "exportTo: empty and * are public, . is the own namespace, ~ is no one",
        arguments: [
            ([], "test", true), (["*"], "test", true), (["."], "default", true), (["."], "test", false),
            (["~"], "default", false), ([".", "test"], "test", true), (["prod"], "default", false),
        ] as [([String], String, Bool)]
    )
    func exportScope(exportTo: [String], client: String, visible: Bool) {
        #expect(ExportScope(exportTo: exportTo, namespace: "default").isVisible(from: client) == visible)
    }
}

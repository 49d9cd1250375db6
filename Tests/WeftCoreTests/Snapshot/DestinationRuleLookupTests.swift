import Testing
import WeftCore

@Suite("The DestinationRule that applies follows Istio's lookup order")
struct DestinationRuleLookupTests {
    func snapshot(_ rules: [DestinationRule], services: [KubernetesService]? = nil) -> MeshSnapshot {
        var (config, workloads) = Fixture.bookinfo()
        if let services { config.services = services }
        config.destinationRules = rules
        return MeshSnapshot(config: config, enrolled: workloads)
    }

    func id(_ namespace: String, _ name: String) -> ResourceID {
        ResourceID(kind: .destinationRule, namespace: namespace, name: name)
    }

    func source(_ namespace: String, labels: [String: String] = [:]) -> TrafficSource {
        TrafficSource(namespace: namespace, labels: labels)
    }

    @Test(
        "Client namespace first, then the service's namespace, then the root namespace",
        arguments: [
            ("test", "test/client"), ("default", "default/service"), ("prod", "default/service"),
            ("istio-system", "istio-system/root"),
        ]
    )
    func order(client: String, expected: String) {
        let snapshot = self.snapshot([
            Fixture.destinationRule("root", namespace: "istio-system", host: Fixture.reviewsHost),
            Fixture.destinationRule("service", namespace: "default", host: "reviews"),
            Fixture.destinationRule("client", namespace: "test", host: Fixture.reviewsHost),
        ])
        #expect(
            snapshot.destinationRule(for: Fixture.reviewsHost, from: self.source(client))?.description
                == "DestinationRule \(expected)"
        )
    }

    @Test("A root-namespace rule applies when neither the client's nor the service's namespace has one")
    func rootFallback() {
        let snapshot = self.snapshot([
            Fixture.destinationRule("mesh-wide", namespace: "istio-system", host: "*.svc.cluster.local")
        ])
        #expect(
            snapshot.destinationRule(for: Fixture.reviewsHost, from: self.source("test"))
                == self.id("istio-system", "mesh-wide")
        )
    }

    @Test("exportTo \".\" hides a rule from other namespaces; a named namespace sees it")
    func exportTo() {
        let snapshot = self.snapshot([
            Fixture.destinationRule("private", namespace: "default", host: "reviews", exportTo: ["."]),
            Fixture.destinationRule("root", namespace: "istio-system", host: Fixture.reviewsHost),
            Fixture.destinationRule("shared", namespace: "default", host: "ratings", exportTo: [".", "test"]),
        ])
        #expect(
            snapshot.destinationRule(for: Fixture.reviewsHost, from: self.source("default"))
                == self.id("default", "private")
        )
        #expect(
            snapshot.destinationRule(for: Fixture.reviewsHost, from: self.source("test"))
                == self.id("istio-system", "root")
        )
        #expect(
            snapshot.destinationRule(for: Fixture.ratingsHost, from: self.source("test"))
                == self.id("default", "shared")
        )
        #expect(snapshot.destinationRule(for: Fixture.ratingsHost, from: self.source("prod")) == nil)
    }

    @Test("Within one namespace the most specific host wins")
    func specificity() {
        let snapshot = self.snapshot([
            Fixture.destinationRule("wild", namespace: "default", host: "*.default.svc.cluster.local"),
            Fixture.destinationRule("exact", namespace: "default", host: "reviews"),
        ])
        #expect(
            snapshot.destinationRule(for: Fixture.reviewsHost, from: self.source("default"))
                == self.id("default", "exact")
        )
        #expect(
            snapshot.destinationRule(for: Fixture.ratingsHost, from: self.source("default"))
                == self.id("default", "wild")
        )
    }

    @Test("A workload-selector rule applies only to matching clients of its own namespace")
    func workloadSelector() {
        var selected = Fixture.destinationRule("canary-clients", namespace: "test", host: Fixture.reviewsHost)
        selected.workloadSelector = LabelSelector(["app": "sleep"])
        let snapshot = self.snapshot([
            selected, Fixture.destinationRule("plain", namespace: "test", host: Fixture.reviewsHost),
        ])
        #expect(
            snapshot.destinationRule(for: Fixture.reviewsHost, from: self.source("test", labels: ["app": "sleep"]))
                == self.id("test", "canary-clients")
        )
        #expect(
            snapshot.destinationRule(for: Fixture.reviewsHost, from: self.source("test", labels: ["app": "curl"]))
                == self.id("test", "plain")
        )
    }

    @Test("Rules of one namespace for one host merge: first top-level policy wins, subsets add by name")
    func merge() throws {
        var first = Fixture.destinationRule("a", host: "reviews", subsets: [("v1", ["version": "v1"])])
        first.trafficPolicy = TrafficPolicy()
        first.trafficPolicy?.loadBalancer = Fixture.loadBalancer(.roundRobin)
        var second = Fixture.destinationRule(
            "b",
            host: "reviews",
            subsets: [("v1", ["version": "v2"]), ("v3", ["version": "v3"])]
        )
        second.trafficPolicy = TrafficPolicy()
        second.trafficPolicy?.loadBalancer = Fixture.loadBalancer(.random)
        let snapshot = self.snapshot([first, second])
        let source = self.source("default")
        let v1 = try snapshot.target(hostname: Fixture.reviewsHost, port: 9080, subset: "v1", from: source).get()
        let v3 = try snapshot.target(hostname: Fixture.reviewsHost, port: 9080, subset: "v3", from: source).get()
        #expect(v1.endpoints.map(\.workload?.name) == ["reviews-v1"])
        #expect(v3.endpoints.map(\.workload?.name) == ["reviews-v3"])
        #expect(v1.trafficPolicy.loadBalancer.policy == .simple(.roundRobin))
        #expect(v1.destinationRule == self.id("default", "a"))
        #expect(
            snapshot.diagnostics.map(\.description) == [
                "DestinationRule default/b: subset v1 of reviews.default.svc.cluster.local is already defined by DestinationRule default/a; the first definition wins"
            ]
        )
    }

    @Test("Subsets select endpoints by label; an unknown subset has no route and says which rule was looked at")
    func subsets() throws {
        let snapshot = self.snapshot([Fixture.reviewsSubsets()])
        let source = self.source("default")
        let v2 = try snapshot.target(hostname: Fixture.reviewsHost, port: 9080, subset: "v2", from: source).get()
        #expect(v2.endpoints.map(\.description) == ["10.248.0.22:9080 (default/reviews-v2)"])
        #expect(v2.description == "reviews.default.svc.cluster.local:9080 subset v2")
        let whole = try snapshot.target(hostname: Fixture.reviewsHost, port: 9080, from: source).get()
        #expect(whole.endpoints.count == 3)
        let missing = snapshot.target(hostname: Fixture.reviewsHost, port: 9080, subset: "v9", from: source)
        #expect(
            missing
                == .failure(
                    .unknownSubset(
                        host: Fixture.reviewsHost,
                        subset: "v9",
                        destinationRule: self.id("default", "reviews"),
                        rule: nil
                    )
                )
        )
        #expect(
            snapshot.target(hostname: Fixture.reviewsHost, port: 9999, from: source)
                == .failure(.unknownDestinationPort(host: Fixture.reviewsHost, port: 9999, rule: nil))
        )
    }
}

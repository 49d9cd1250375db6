import Testing
import WeftCore

@Suite("The VirtualService that routes a host depends on host, visibility and gateways")
struct VirtualServiceSelectionTests {
    func snapshot(_ virtualServices: [VirtualService]) -> MeshSnapshot {
        var (config, workloads) = Fixture.bookinfo()
        config.virtualServices = virtualServices
        return MeshSnapshot(config: config, enrolled: workloads)
    }

    func vs(
        _ name: String,
        namespace: String = "default",
        hosts: [String],
        exportTo: [String] = [],
        gateways: [String] = []
    )
        -> VirtualService
    {
        Fixture.virtualService(
            name,
            namespace: namespace,
            hosts: hosts,
            http: [Fixture.httpRoute(to: [("reviews", nil, nil)])],
            exportTo: exportTo,
            gateways: gateways
        )
    }

    func chosen(_ snapshot: MeshSnapshot, _ namespace: String, host: String = Fixture.reviewsHost) -> String? {
        snapshot.virtualService(routing: host, from: namespace)?.description
    }

    @Test("Short hosts resolve in the VirtualService's namespace")
    func shortHosts() {
        let snapshot = self.snapshot([
            self.vs("reviews", hosts: ["reviews"]), self.vs("elsewhere", namespace: "test", hosts: ["ratings"]),
        ])
        #expect(self.chosen(snapshot, "default") == "VirtualService default/reviews")
        // `ratings` in namespace test means ratings.test.svc.cluster.local, not the bookinfo service.
        #expect(self.chosen(snapshot, "default", host: Fixture.ratingsHost) == nil)
    }

    @Test("exportTo \".\" applies only to clients of the VirtualService's namespace")
    func privateExport() {
        let snapshot = self.snapshot([self.vs("private", hosts: ["reviews"], exportTo: ["."])])
        #expect(self.chosen(snapshot, "default") == "VirtualService default/private")
        #expect(self.chosen(snapshot, "test") == nil)
    }

    @Test("A namespace-private VirtualService beats a public one for its own clients only")
    func privateBeatsPublic() {
        let snapshot = self.snapshot([
            self.vs("public", namespace: "istio-system", hosts: [Fixture.reviewsHost]),
            self.vs("local", namespace: "test", hosts: [Fixture.reviewsHost], exportTo: ["."]),
        ])
        #expect(self.chosen(snapshot, "test") == "VirtualService test/local")
        #expect(self.chosen(snapshot, "default") == "VirtualService istio-system/public")
    }

    @Test("An exact host beats a wildcard; among equals the first declared wins")
    func specificityThenOrder() {
        let snapshot = self.snapshot([
            self.vs("wild", hosts: ["*.default.svc.cluster.local"]),
            self.vs("first", hosts: ["reviews"]),
            self.vs("second", hosts: [Fixture.reviewsHost]),
        ])
        #expect(self.chosen(snapshot, "default") == "VirtualService default/first")
        #expect(self.chosen(snapshot, "default", host: Fixture.ratingsHost) == "VirtualService default/wild")
    }

    @Test(
        "gateways without mesh keep a VirtualService off mesh traffic",
        arguments: [
            ([], true), (["mesh"], true), (["istio-system/ingress"], false), (["istio-system/ingress", "mesh"], true),
        ]
            as [([String], Bool)]
    )
    func gateways(gateways: [String], applies: Bool) {
        let snapshot = self.snapshot([self.vs("gw", hosts: ["reviews"], gateways: gateways)])
        #expect((self.chosen(snapshot, "default") != nil) == applies)
    }

    @Test("A route to an unknown host compiles with a diagnostic")
    func danglingHost() {
        let snapshot = self.snapshot([
            Fixture.virtualService("typo", hosts: ["reviews"], http: [Fixture.httpRoute(to: [("reveiws", nil, nil)])])
        ])
        #expect(
            snapshot.diagnostics.map(\.description) == [
                "VirtualService default/typo: spec.http[0].route[0].destination: host reveiws.default.svc.cluster.local is not a known service"
            ]
        )
    }

    @Test("A route to a subset no DestinationRule defines compiles with a diagnostic")
    func danglingSubset() {
        let snapshot = self.snapshot([
            Fixture.virtualService(
                "reviews",
                hosts: ["reviews"],
                http: [Fixture.httpRoute(to: [("reviews", "v2", nil)])]
            )
        ])
        #expect(
            snapshot.diagnostics.map(\.description) == [
                "VirtualService default/reviews: subset v2 of reviews.default.svc.cluster.local is not defined by any DestinationRule"
            ]
        )
    }
}

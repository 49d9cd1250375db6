import PropertyBased
import Testing
import WeftCore

@Suite("Snapshot diffs name exactly what changed")
struct SnapshotDiffTests {
    func snapshot(
        _ config: MeshConfig,
        _ workloads: WorkloadRegistry,
        settings: MeshSettings = MeshSettings()
    ) -> MeshSnapshot {
        MeshSnapshot(config: config, enrolled: workloads, settings: settings)
    }

    @Test("Two snapshots of the same inputs are equal, hash alike and differ in nothing")
    func equal() {
        let (config, workloads) = Fixture.bookinfo()
        let a = self.snapshot(config, workloads)
        let b = self.snapshot(config, workloads)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a.changes(from: b).isEmpty)
    }

    @Test("A new workload changes its workload entry and the endpoints of the services that select it")
    func newWorkload() {
        var (config, workloads) = Fixture.bookinfo()
        config.services.append(Fixture.service("reviews-canary", selector: ["app": "reviews", "version": "v4"]))
        let old = self.snapshot(config, workloads)
        workloads.workloads.append(
            Fixture.workload("reviews-v4", labels: ["app": "reviews", "version": "v4"], ip: "10.248.0.24")
        )
        let diff = self.snapshot(config, workloads).changes(from: old)
        #expect(diff.services == ChangeSet(changed: ["reviews-canary.default.svc.cluster.local", Fixture.reviewsHost]))
        #expect(diff.workloads == ChangeSet(added: [WorkloadKey(namespace: "default", name: "reviews-v4")]))
        #expect(diff.routes.isEmpty && diff.destinationPolicies.isEmpty && !diff.settingsChanged)
    }

    @Test("Editing a VirtualService changes the routes of its hosts only")
    func routeChange() {
        var (config, workloads) = Fixture.bookinfo()
        config.virtualServices = [
            Fixture.virtualService(
                "reviews",
                hosts: ["reviews"],
                http: [Fixture.httpRoute(to: [("reviews", nil, nil)])]
            )
        ]
        let old = self.snapshot(config, workloads)
        config.virtualServices[0].http[0].timeout = .seconds(2)
        config.virtualServices.append(
            Fixture.virtualService(
                "ratings",
                hosts: ["ratings"],
                http: [Fixture.httpRoute(to: [("ratings", nil, nil)])]
            )
        )
        let diff = self.snapshot(config, workloads).changes(from: old)
        #expect(diff.routes == ChangeSet(added: [Fixture.ratingsHost], changed: [Fixture.reviewsHost]))
        #expect(diff.services.isEmpty && diff.destinationPolicies.isEmpty)
    }

    @Test("A DestinationRule change names the hosts it covers; policies and settings are tracked")
    func policyAndSecurityChanges() {
        var (config, workloads) = Fixture.bookinfo()
        let old = self.snapshot(config, workloads)
        config.destinationRules = [Fixture.reviewsSubsets()]
        var policy = AuthorizationPolicy()
        policy.metadata = ObjectMeta(name: "deny-all", namespace: "default")
        config.authorizationPolicies = [policy]
        var settings = MeshSettings()
        settings.outboundTrafficPolicy = .registryOnly
        let diff = self.snapshot(config, workloads, settings: settings).changes(from: old)
        #expect(diff.destinationPolicies == ChangeSet(added: [Fixture.reviewsHost]))
        #expect(
            diff.authorizationPolicies
                == ChangeSet(added: [ResourceID(kind: .authorizationPolicy, namespace: "default", name: "deny-all")])
        )
        #expect(diff.settingsChanged)
        #expect(diff.services.isEmpty)
    }

    @Test("Changing one of N services' ports names exactly that service")
    func namesExactlyTheChangedService() async {
        await propertyCheck(count: 30, input: Gen.int(in: 2...12), Gen.int(in: 0...11), Gen.int(in: 1...65535)) {
            count,
            pick,
            newPort in
            let changed = pick % count
            var config = MeshConfig()
            config.services = (0..<count).map { Fixture.service("svc\($0)", ports: [(8000 + $0, "http")]) }
            let old = MeshSnapshot(config: config)
            guard config.services[changed].ports[0].number != newPort else { return }
            config.services[changed].ports[0].number = newPort
            let diff = MeshSnapshot(config: config).changes(from: old)
            #expect(diff.services == ChangeSet(changed: ["svc\(changed).default.svc.cluster.local"]))
            #expect(diff.routes.isEmpty && diff.workloads.isEmpty && !diff.settingsChanged)
        }
    }
}

import Testing
import WeftCore

@Suite("The registry derives services, VIPs and endpoints from config and enrolled workloads")
struct ServiceRegistryTests {
    func registry(
        _ config: MeshConfig,
        _ workloads: [Workload] = [],
        settings: MeshSettings = MeshSettings()
    )
        -> ServiceRegistry
    {
        ServiceRegistry(config: config, enrolled: WorkloadRegistry(workloads), settings: settings)
    }

    @Test("A Service selects the workloads of its namespace whose labels include the selector")
    func selectorEndpoints() {
        var config = MeshConfig()
        config.services = [Fixture.service("reviews", ports: [(9080, "http")], targetPorts: [9080: 8080])]
        let registry = self.registry(
            config,
            [
                Fixture.workload("reviews-v1", labels: ["app": "reviews", "version": "v1"], ip: "10.248.0.21"),
                Fixture.workload("reviews-v2", labels: ["app": "reviews", "version": "v2"], ip: "10.248.0.22"),
                Fixture.workload("other-ns", namespace: "test", labels: ["app": "reviews"], ip: "10.248.0.30"),
                Fixture.workload("ratings", labels: ["app": "ratings"], ip: "10.248.0.31"),
            ]
        )
        let endpoints = registry.endpoints(hostname: Fixture.reviewsHost)
        #expect(
            endpoints.map(\.description) == [
                "10.248.0.21:8080 (default/reviews-v1)", "10.248.0.22:8080 (default/reviews-v2)",
            ]
        )
        #expect(endpoints.allSatisfy { $0.servicePort == 9080 && $0.transport == .hbone })
        #expect(endpoints[0].spiffeURI == "spiffe://cluster.local/ns/default/sa/default")
    }

    @Test("Workload identities use the mesh's trust domain")
    func trustDomain() {
        var settings = MeshSettings()
        settings.trustDomain = "corp.example"
        var config = MeshConfig()
        config.services = [Fixture.service("reviews")]
        let registry = self.registry(
            config,
            [Fixture.workload("r", labels: ["app": "reviews"], ip: "10.248.0.21", serviceAccount: "bookinfo-reviews")],
            settings: settings
        )
        #expect(registry.workloads[0].spiffeURI == "spiffe://corp.example/ns/default/sa/bookinfo-reviews")
        #expect(
            registry.endpoints(hostname: Fixture.reviewsHost)[0].spiffeURI
                == "spiffe://corp.example/ns/default/sa/bookinfo-reviews"
        )
    }

    @Test(
        "A WorkloadEntry is reached over HBONE when labelled ambient (spec or metadata), else in plaintext",
        arguments: [
            ([WorkloadEntry.dataplaneModeLabel: "ambient"], [:], EndpointTransport.hbone),
            ([:], [WorkloadEntry.dataplaneModeLabel: "ambient"], .hbone),
            ([:], [:], .plaintext),
            ([WorkloadEntry.dataplaneModeLabel: "none"], [:], .plaintext),
        ] as [([String: String], [String: String], EndpointTransport)]
    )
    func workloadEntryTransport(specLabels: [String: String], metaLabels: [String: String], expected: EndpointTransport)
    {
        var entry = WorkloadEntry()
        entry.metadata = ObjectMeta(name: "vm-1", namespace: "default")
        entry.metadata.labels = metaLabels.merging(["app": "legacy"]) { a, _ in a }
        entry.spec.address = "10.248.5.1"
        entry.spec.labels = specLabels
        entry.spec.serviceAccount = "legacy"
        entry.spec.ports = ["http": 8000]
        var config = MeshConfig()
        config.workloadEntries = [entry]
        config.services = [Fixture.service("legacy", ports: [(80, "http"), (81, "tcp-admin")])]
        let registry = self.registry(config)
        let endpoints = registry.endpoints(hostname: "legacy.default.svc.cluster.local")
        // The entry's named port overrides the target port of the service port with that name only.
        #expect(endpoints.map(\.description) == ["10.248.5.1:8000 (default/vm-1)", "10.248.5.1:81 (default/vm-1)"])
        #expect(endpoints.allSatisfy { $0.transport == expected })
        #expect(endpoints[0].spiffeURI == (expected == .hbone ? "spiffe://cluster.local/ns/default/sa/legacy" : nil))
        #expect(registry.workloads[0].capture == .external)
        #expect(
            registry.workloads[0].origin
                == .workloadEntry(ResourceID(kind: .workloadEntry, namespace: "default", name: "vm-1"))
        )
    }

    @Test("A Service without clusterIP gets a VIP from the pool; a headless one gets none")
    func allocation() {
        var config = MeshConfig()
        var headless = Fixture.service("db")
        headless.headless = true
        config.services = [Fixture.service("reviews"), Fixture.service("ratings", clusterIP: "10.96.0.12"), headless]
        let registry = self.registry(config)
        let reviews = registry.service(hostname: Fixture.reviewsHost)
        #expect(reviews?.addresses == [VIPAllocator().preferredAddress(for: Fixture.reviewsHost)])
        #expect(reviews?.isAddressAllocated == true)
        #expect(registry.service(hostname: Fixture.ratingsHost)?.addresses == [ip("10.96.0.12")])
        #expect(registry.service(hostname: Fixture.ratingsHost)?.isAddressAllocated == false)
        #expect(registry.service(hostname: "db.default.svc.cluster.local")?.addresses == [])
    }

    func serviceEntry(
        _ name: String,
        hosts: [String],
        addresses: [String] = [],
        resolution: ServiceEntry.Resolution,
        endpoints: [String] = [],
        ambient: Bool = false
    ) throws -> ServiceEntry {
        var entry = ServiceEntry()
        entry.metadata = ObjectMeta(name: name, namespace: "egress")
        entry.hosts = hosts
        entry.addresses = try addresses.map { try CIDR(parsing: $0) }
        var port = ServicePort(number: 443, name: "https")
        port.protocolName = "TLS"
        entry.ports = [port]
        entry.resolution = resolution
        entry.endpoints = endpoints.map { address in
            var spec = WorkloadEntrySpec()
            spec.address = address
            spec.ports = ["https": 8443]
            if ambient { spec.labels = [WorkloadEntry.dataplaneModeLabel: "ambient"] }
            return spec
        }
        return entry
    }

    @Test("ServiceEntry: one service per host; single-host addresses are VIPs, wider blocks are ranges")
    func serviceEntryAddresses() throws {
        var config = MeshConfig()
        config.serviceEntries = [
            try self.serviceEntry(
                "ext",
                hosts: ["a.example.com", "b.example.com"],
                addresses: ["192.0.2.10", "198.51.100.0/24"],
                resolution: .static,
                endpoints: ["192.0.2.20"]
            )
        ]
        let registry = self.registry(config)
        #expect(registry.services.map(\.hostname) == ["a.example.com", "b.example.com"])
        let service = try #require(registry.service(hostname: "a.example.com"))
        #expect(service.addresses == [ip("192.0.2.10")])
        #expect(service.addressBlocks.map(\.description) == ["198.51.100.0/24"])
        #expect(service.ports == [MeshServicePort(number: 443, name: "https", protocol: .tls)])
        #expect(service.location == .meshExternal)
        #expect(registry.endpoints(hostname: "a.example.com").map(\.description) == ["192.0.2.20:8443"])
        #expect(registry.endpoints(hostname: "a.example.com")[0].transport == .plaintext)
    }

    @Test("ServiceEntry resolution: STATIC lists IPs, DNS resolves names or the host itself, NONE has no endpoints")
    func serviceEntryResolution() throws {
        var config = MeshConfig()
        config.serviceEntries = [
            try self.serviceEntry("dns-host", hosts: ["api.example.com"], resolution: .dns),
            try self.serviceEntry("dns-eps", hosts: ["b.example.com"], resolution: .dns, endpoints: ["b1.example.net"]),
            try self.serviceEntry("none", hosts: ["c.example.com"], resolution: .none),
            try self.serviceEntry(
                "static",
                hosts: ["d.example.com"],
                resolution: .static,
                endpoints: ["10.248.9.1", "not-an-ip"],
                ambient: true
            ),
        ]
        let registry = self.registry(config)
        #expect(registry.endpoints(hostname: "api.example.com").map(\.address) == [.dns("api.example.com")])
        #expect(registry.endpoints(hostname: "api.example.com").map(\.port) == [443])
        #expect(registry.endpoints(hostname: "b.example.com").map(\.address) == [.dns("b1.example.net")])
        #expect(registry.endpoints(hostname: "c.example.com") == [])
        #expect(registry.service(hostname: "c.example.com")?.resolution == .passthrough)
        #expect(registry.service(hostname: "c.example.com")?.addresses == [])
        let staticEndpoints = registry.endpoints(hostname: "d.example.com")
        #expect(staticEndpoints.map(\.description) == ["10.248.9.1:8443"])
        #expect(staticEndpoints[0].transport == .hbone)
        #expect(staticEndpoints[0].spiffeURI == "spiffe://cluster.local/ns/egress/sa/default")
        // Without declared addresses DNS and STATIC hosts get a VIP, NONE does not.
        #expect(registry.service(hostname: "api.example.com")?.isAddressAllocated == true)
        #expect(registry.service(hostname: "d.example.com")?.isAddressAllocated == true)
    }

    @Test("A ServiceEntry with a workloadSelector selects workloads and WorkloadEntries of its namespace")
    func serviceEntrySelector() throws {
        var entry = try self.serviceEntry("mesh-db", hosts: ["db.internal"], resolution: .static)
        entry.location = .meshInternal
        entry.workloadSelector = LabelSelector(["app": "db"])
        var config = MeshConfig()
        config.serviceEntries = [entry]
        let registry = self.registry(
            config,
            [
                Fixture.workload("db-0", namespace: "egress", labels: ["app": "db"], ip: "10.248.7.1"),
                Fixture.workload("db-x", namespace: "default", labels: ["app": "db"], ip: "10.248.7.2"),
            ]
        )
        #expect(registry.endpoints(hostname: "db.internal").map(\.description) == ["10.248.7.1:443 (egress/db-0)"])
    }

    @Test("When two resources declare one host, the first wins and a diagnostic names the other")
    func duplicateHost() throws {
        var config = MeshConfig()
        config.services = [Fixture.service("reviews", clusterIP: "10.96.0.13")]
        config.serviceEntries = [
            try self.serviceEntry("shadow", hosts: [Fixture.reviewsHost], resolution: .static)
        ]
        let registry = self.registry(config)
        #expect(registry.services.count == 1)
        #expect(
            registry.services[0].origin
                == .kubernetesService(ResourceID(kind: .service, namespace: "default", name: "reviews"))
        )
        #expect(
            registry.diagnostics.map(\.description) == [
                "ServiceEntry egress/shadow: host reviews.default.svc.cluster.local is already declared by Service default/reviews; the first declaration wins"
            ]
        )
    }

    @Test("Workloads are indexed by key and address; an enrolled workload wins over a WorkloadEntry of its name")
    func workloadIndex() {
        var entry = WorkloadEntry()
        entry.metadata = ObjectMeta(name: "reviews-v1", namespace: "default")
        entry.spec.address = "10.248.9.9"
        var config = MeshConfig()
        config.workloadEntries = [entry]
        let registry = self.registry(config, [Fixture.workload("reviews-v1", labels: [:], ip: "10.248.0.21")])
        #expect(registry.workloads.count == 1)
        #expect(
            registry.workload(address: ip("10.248.0.21"))?.key == WorkloadKey(namespace: "default", name: "reviews-v1")
        )
        #expect(registry.workload(address: ip("10.248.9.9")) == nil)
        #expect(registry.diagnostics.map(\.code) == [.duplicate])
    }

    @Test("A Kubernetes service answers to its short names; a ServiceEntry host only to itself")
    func aliases() throws {
        var config = MeshConfig()
        config.services = [Fixture.service("reviews")]
        config.serviceEntries = [try self.serviceEntry("ext", hosts: ["api.example.com"], resolution: .dns)]
        let registry = self.registry(config)
        let reviews = try #require(registry.service(hostname: Fixture.reviewsHost))
        #expect(
            reviews.aliases(from: "default", clusterDomain: "cluster.local") == [
                "reviews", "reviews.default", "reviews.default.svc", Fixture.reviewsHost,
            ]
        )
        #expect(
            reviews.aliases(from: "test", clusterDomain: "cluster.local") == [
                "reviews.default", "reviews.default.svc", Fixture.reviewsHost,
            ]
        )
        #expect(
            registry.service(hostname: "api.example.com")?.aliases(from: "egress", clusterDomain: "x") == [
                "api.example.com"
            ]
        )
    }

    @Test("A Service's networking.istio.io/exportTo annotation limits who sees it")
    func exportAnnotation() {
        var service = Fixture.service("private")
        service.metadata.annotations["networking.istio.io/exportTo"] = "., istio-system"
        var config = MeshConfig()
        config.services = [service]
        let scope = self.registry(config).services[0].exportScope
        #expect(scope == ExportScope(isPublic: false, namespaces: ["default", "istio-system"]))
        #expect(scope.isVisible(from: "default") && !scope.isVisible(from: "test"))
    }
}

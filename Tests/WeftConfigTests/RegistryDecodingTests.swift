import Testing
import WeftConfig
import WeftCore

@Suite("Registry YAML (weft explain --registry)")
struct RegistryDecodingTests {
    func decodeRegistry(_ yaml: String, file: String = "registry.yaml") -> RegistryResult {
        RegistryDecoder.decode([ConfigSource(name: file, text: yaml)])
    }

    func errors(_ yaml: String) -> [String] {
        self.decodeRegistry(yaml).diagnostics.errors.map(\.description)
    }

    @Test("Every field is read; namespace defaults to default, serviceAccount to the workload name")
    func fields() throws {
        let result = self.decodeRegistry(
            """
            workloads:
              - name: reviews-v1
                namespace: bookinfo
                serviceAccount: bookinfo-reviews
                labels: {app: reviews, version: v1}
                ip: 10.248.1.21
                node: node-a
                locality: us-east/zone-a/rack-1
                health: unhealthy
              - name: ratings-v1
                ips: [10.248.1.12, "fd00:248::12"]
            """
        )
        #expect(result.diagnostics.all.isEmpty, "\(result.diagnostics.all)")
        #expect(
            result.registry.workloads == [
                Workload(
                    name: "reviews-v1",
                    namespace: "bookinfo",
                    serviceAccount: "bookinfo-reviews",
                    labels: ["app": "reviews", "version": "v1"],
                    addresses: [IPAddress("10.248.1.21")!],
                    node: "node-a",
                    locality: WorkloadLocality(region: "us-east", zone: "zone-a", subzone: "rack-1"),
                    health: .unhealthy
                ),
                Workload(
                    name: "ratings-v1",
                    namespace: "default",
                    serviceAccount: "ratings-v1",
                    addresses: [IPAddress("10.248.1.12")!, IPAddress("fd00:248::12")!]
                ),
            ]
        )
    }

    @Test(
        "Errors name the file, the document and the field path",
        arguments: [
            (
                "workloads:\n  - name: a\n    ip: 10.0.0\n",
                "registry.yaml: document 1: workloads[0].ip: \"10.0.0\" is not an IP address"
            ),
            (
                "workloads:\n  - ip: 10.0.0.1\n",
                "registry.yaml: document 1: workloads[0].name: is required"
            ),
            (
                "workloads:\n  - name: a\n",
                "registry.yaml: document 1: workloads[0]: one of ip, ips is required (the workload's address)"
            ),
            (
                "workloads:\n  - name: a\n    ip: 10.0.0.1\n    ips: [10.0.0.2]\n",
                "registry.yaml: document 1: workloads[0]: only one of ip, ips may be set (got ip and ips)"
            ),
            (
                "workloads:\n  - name: a\n    ips: [10.0.0.1, nope]\n",
                "registry.yaml: document 1: workloads[0].ips[1]: \"nope\" is not an IP address"
            ),
            (
                "workloads:\n  - name: a\n    ip: 10.0.0.1\n    labels: {app: x}\n    lables: {app: y}\n",
                "registry.yaml: document 1: workloads[0].lables: unknown field"
            ),
            (
                "workloads:\n  - name: A_b\n    ip: 10.0.0.1\n",
                "registry.yaml: document 1: workloads[0].name: \"A_b\" is not a valid workload name (lower-case letters, digits, '-' and '.')"
            ),
            (
                "workloads:\n  - name: a\n    ip: 10.0.0.1\n    health: sick\n",
                "registry.yaml: document 1: workloads[0].health: \"sick\" is not one of healthy, unhealthy"
            ),
            (
                "workload:\n  - name: a\n",
                "registry.yaml: document 1: workload: unknown field"
            ),
            (
                "workloads: {name: a}\n",
                "registry.yaml: document 1: workloads: must be a list (got a map)"
            ),
        ]
    )
    func errorTexts(yaml: String, expected: String) {
        #expect(self.errors(yaml) == [expected])
    }

    @Test("A workload declared twice, or an address used twice, is an error naming the first declaration")
    func duplicates() {
        let errors = self.errors(
            """
            workloads:
              - {name: a, ip: 10.0.0.1}
              - {name: b, ip: 10.0.0.1}
            ---
            workloads:
              - {name: a, ip: 10.0.0.3}
            """
        )
        #expect(
            errors == [
                "registry.yaml: document 1: workloads[1].ip: address 10.0.0.1 already belongs to workload default/a",
                "registry.yaml: document 2: workloads[0].name: workload default/a is declared twice (first at registry.yaml: document 1: workloads[0])",
            ]
        )
        #expect(
            self.decodeRegistry("workloads:\n  - {name: a, ip: 10.0.0.1}\n  - {name: b, ip: 10.0.0.1}\n").registry
                .workloads.map(\.name) == ["a"]
        )
    }

    @Test("Unreadable YAML is one error for the file; an empty file is an empty registry")
    func unreadable() {
        #expect(self.errors("workloads: [").count == 1)
        #expect(self.errors("workloads: [")[0].hasPrefix("registry.yaml: not valid YAML: "))
        let empty = self.decodeRegistry("")
        #expect(empty.diagnostics.all.isEmpty)
        #expect(empty.registry.workloads.isEmpty)
    }

    @Test("Registry workloads and WorkloadEntry resources together make the snapshot's workloads")
    func withWorkloadEntries() throws {
        let config = decode(
            """
            apiVersion: networking.istio.io/v1
            kind: WorkloadEntry
            metadata: {name: mongodb-vm, namespace: default}
            spec:
              address: 10.248.9.14
              labels: {app: mongodb, istio.io/dataplane-mode: ambient}
            """
        )
        let registry = self.decodeRegistry("workloads:\n  - {name: reviews-v1, ip: 10.248.1.21}\n")
        let snapshot = MeshSnapshot(config: try #require(config.validConfig), enrolled: registry.registry)
        #expect(snapshot.workloads.map(\.key.description) == ["default/mongodb-vm", "default/reviews-v1"])
        #expect(
            snapshot.workloads(named: "mongodb-vm").first?.origin
                == .workloadEntry(
                    ResourceID(kind: .workloadEntry, namespace: "default", name: "mongodb-vm")
                )
        )
    }
}

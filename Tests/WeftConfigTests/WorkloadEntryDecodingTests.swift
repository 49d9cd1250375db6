import Testing
import WeftCore

@testable import WeftConfig

/// A WorkloadEntry `bookinfo/vm1` whose spec is `spec`, written as at the top level of `spec:`.
private func workload(_ spec: String) -> String {
    let indented = spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
    return
        "apiVersion: networking.istio.io/v1\nkind: WorkloadEntry\nmetadata: {name: vm1, namespace: bookinfo}\nspec:\n"
        + indented.joined(separator: "\n")
}

/// What every diagnostic about that workload starts with.
private let prefix = "we.yaml: document 1: WorkloadEntry bookinfo/vm1: "

@Suite("WorkloadEntry decoding")
struct WorkloadEntryDecodingTests {
    @Test("VM workloads decode; the ambient label on spec or metadata puts them in the mesh")
    func corpusDecodes() throws {
        let result = try decodeCorpus("workload-entry.yaml")
        #expect(result.diagnostics.errors.map(\.description) == [])
        let entries = Dictionary(uniqueKeysWithValues: result.config.workloadEntries.map { ($0.metadata.name, $0) })
        #expect(entries.count == 3)

        let details = try #require(entries["details-svc"])
        var expected = WorkloadEntrySpec()
        expected.address = "2.2.2.2"
        expected.serviceAccount = "details-legacy"
        expected.labels = ["app": "details-legacy", "instance-id": "vm1", "istio.io/dataplane-mode": "ambient"]
        expected.ports = ["http": 8080]
        expected.locality = "us-west/zone1"
        expected.weight = 2
        #expect(details.spec == expected)
        #expect(details.isAmbient)

        // A host name is a valid address; the label on metadata counts too.
        let vm2 = try #require(entries["details-vm2"])
        #expect(vm2.spec.address == "vm2.details.example.com")
        #expect(vm2.spec.labels == ["app": "details-legacy", "instance-id": "vm2"])
        #expect(vm2.isAmbient)

        // Without the label the workload is served, but the operator is told it is plaintext.
        let legacy = try #require(entries["legacy-db"])
        #expect(!legacy.isAmbient)
        #expect(
            result.diagnostics.warnings.map(\.description) == [
                "warning: workload-entry.yaml: document 3: WorkloadEntry bookinfo/legacy-db: spec.labels: no istio.io/dataplane-mode: ambient label (here or in metadata.labels): Weft reaches this workload in plaintext, not over HBONE"
            ]
        )
    }

    @Test("A broken VM entry reports every problem in one pass")
    func brokenEntry() {
        let yaml = workload(
            """
            address: unix:///var/run/app.sock
            ports:
              http: 80800
              Http_Web: 80
            labels:
              istio.io/dataplane-mode: ambient
              "bad key!": x
            weight: -1
            serviceAcount: details
            """
        )
        #expect(
            errorTexts(yaml, file: "we.yaml") == [
                prefix + "spec.address: unix domain socket addresses are not supported",
                prefix + "spec.ports.http: must be between 1 and 65535 (got 80800)",
                prefix + "spec.ports.Http_Web: \"Http_Web\" is not a valid port name (a DNS label)",
                prefix
                    + "spec.labels.bad key!: invalid label key \"bad key!\" (1–63 characters of a-z, A-Z, 0-9, '-', '_', '.', alphanumeric at both ends)",
                prefix + "spec.weight: must be between 0 and 4294967295 (got -1)",
                prefix + "spec.serviceAcount: unknown field",
            ]
        )
    }

    @Test(
        "Address rules",
        arguments: [
            (
                "labels: {app: vm}",
                "spec.address: is required (Weft reaches workloads by address; it has no network gateways)"
            ),
            ("address: \"\"", "spec.address: must not be empty"),
            ("address: vm_1.example.com", "spec.address: \"vm_1.example.com\" is not an IP address or a host name"),
            ("address: [10.0.0.1]", "spec.address: must be a string (got a list)"),
        ]
    )
    func addressRules(spec: String, error: String) {
        #expect(errorTexts(workload(spec), file: "we.yaml") == [prefix + error])
    }

    @Test("An IPv6 address is accepted")
    func ipv6Address() {
        let result = decode(workload("address: \"fd00:248::7\"\nlabels: {istio.io/dataplane-mode: ambient}"))
        #expect(result.diagnostics.all.isEmpty)
        #expect(result.config.workloadEntries.first?.spec.address == "fd00:248::7")
    }

    @Test("Any other dataplane mode is not the mesh", arguments: ["none", "Ambient", ""])
    func otherModes(mode: String) {
        let result = decode(
            workload("address: 10.0.0.1\nlabels: {istio.io/dataplane-mode: \"\(mode)\"}"),
            file: "we.yaml"
        )
        #expect(result.diagnostics.errors.isEmpty)
        #expect(result.config.workloadEntries.first?.isAmbient == false)
        #expect(result.diagnostics.warnings.count == 1)
    }
}

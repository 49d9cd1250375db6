import Foundation
import Testing
import WeftCore

@testable import WeftStore

@Suite("Workload registry")
struct WorkloadRecordTests {
    static let productpage = WorkloadRecord(
        name: "productpage",
        namespace: "bookinfo",
        serviceAccount: "bookinfo-productpage",
        labels: ["app": "productpage", "version": "v1"],
        addresses: [IPAddress("10.248.1.2")!, IPAddress("fd00:248::2")!],
        node: "node-a",
        capture: .netns(path: "/var/run/netns/productpage"),
        ports: [9080]
    )

    @Test(
        "every capture mode round-trips through JSON, with addresses as text",
        arguments: [
            WorkloadCapture.netns(path: "/var/run/netns/x"), .pid(4242), .cgroup(path: "system.slice/foo.service"),
        ]
    )
    func codableRoundTrip(capture: WorkloadCapture) throws {
        var record = Self.productpage
        record.capture = capture
        record.dnsCapture = false
        let data = try JSONEncoder().encode(record)
        #expect(try JSONDecoder().decode(WorkloadRecord.self, from: data) == record)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"fd00:248::2\""))
        #expect(text.contains("\"mode\":\"\(capture.mode)\""))
    }

    @Test("put, get, list and delete workloads, with revisions shared with the resources")
    func registry() async throws {
        try await withTemporaryDirectory { directory in
            let store = try LocalStore(stateDirectory: directory)
            _ = try await store.put(source("pa.yaml", peerAuthentication("a")))
            let stored = try await store.putWorkload(Self.productpage, precondition: .mustNotExist)
            #expect(stored == StoredWorkload(record: Self.productpage, revision: 2))
            #expect(await store.workload(Self.productpage.key) == stored)

            var ratings = Self.productpage
            ratings.name = "ratings"
            ratings.namespace = "default"
            ratings.capture = .cgroup(path: "system.slice/ratings.service")
            _ = try await store.putWorkload(ratings, precondition: .any)
            #expect(
                try await store.workloads().map(\.key.description) == [
                    "workload bookinfo/productpage", "workload default/ratings",
                ]
            )

            // Enrolling again with the same record is idempotent: no new revision.
            #expect(try await store.putWorkload(Self.productpage, precondition: .any).revision == 2)

            let again = await storeError { try await store.putWorkload(Self.productpage, precondition: .mustNotExist) }
            #expect(again?.description == "workload bookinfo/productpage: already exists (revision 2)")

            #expect(try await store.deleteWorkload(Self.productpage.key, precondition: .revision(2)) == 4)
            let gone = await storeError { try await store.deleteWorkload(Self.productpage.key, precondition: .any) }
            #expect(gone?.description == "workload bookinfo/productpage: not enrolled")
            #expect(await store.workload(Self.productpage.key) == nil)
        }
    }

    @Test(
        "records the agent could not re-attach are refused with the reason",
        arguments: [
            ("name", "name \"Product Page\" must be 1-64 characters of a-z, 0-9, '-', '_' or '.'"),
            ("namespace", "namespace \"Book_Info\" is not a valid namespace (a DNS label: a-z, 0-9, '-')"),
            ("serviceAccount", "service account \"a/b\" is not valid in a SPIFFE ID (letters, digits, '.', '-', '_')"),
            (
                "label",
                "invalid label value \"not ok\" (up to 63 characters of a-z, A-Z, 0-9, '-', '_', '.', alphanumeric at both ends)"
            ),
            ("node", "node must not be empty"),
            ("port", "port 0 is not a port a workload can serve"),
        ]
    )
    func invalidRecords(field: String, message: String) async throws {
        try await withTemporaryDirectory { directory in
            let store = try LocalStore(stateDirectory: directory)
            var record = Self.productpage
            switch field {
            case "name": record.name = "Product Page"
            case "namespace": record.namespace = "Book_Info"
            case "serviceAccount": record.serviceAccount = "a/b"
            case "label": record.labels["app"] = "not ok"
            case "node": record.node = ""
            default: record.ports = [0]
            }
            let error = await storeError { try await store.putWorkload(record, precondition: .any) }
            #expect(error?.code == .invalid)
            #expect(error?.description == "\(record.key): \(message)")
            #expect(await store.revision() == 0)
        }
    }

    @Test("the identity is the SPIFFE ID of namespace and service account")
    func identity() throws {
        #expect(
            try Self.productpage.identity(trustDomain: "cluster.local").description
                == "spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage"
        )
    }
}

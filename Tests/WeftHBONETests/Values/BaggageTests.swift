import PropertyBased
import Testing

@testable import WeftHBONE

@Suite("W3C baggage")
struct BaggageTests {
    @Test("Members, whitespace and properties parse as W3C baggage describes")
    func parsesMembers() {
        let baggage = Baggage(parsing: " key1 = value1 ;prop1; p2 = v2 ,key2=value2,key3=")
        #expect(
            baggage.members == [
                .init(key: "key1", value: "value1", properties: ["prop1", "p2 = v2"]),
                .init(key: "key2", value: "value2"),
                .init(key: "key3", value: ""),
            ]
        )
        #expect(baggage["key2"] == "value2")
        #expect(baggage["missing"] == nil)
    }

    @Test("A repeated key: the last member wins, as in ztunnel")
    func lastWins() {
        #expect(Baggage(parsing: "a=1,a=2")["a"] == "2")
    }

    @Test(
        "Malformed members are skipped and the rest is kept",
        arguments: [
            ("=v,ok=1", ["ok"]),
            ("novalue,ok=1", ["ok"]),
            ("k(ey)=v,ok=1", ["ok"]),
            ("k=va lue,ok=1", ["ok"]),
            ("k=a\"b,ok=1", ["ok"]),
            ("k=a\\b,ok=1", ["ok"]),
            ("k=v;bad prop,ok=1", ["ok"]),
            (",,, ,ok=1,", ["ok"]),
            ("ключ=v,ok=1", ["ok"]),
            ("", []),
            ("===", []),
        ]
    )
    func skipsMalformed(text: String, keys: [String]) {
        #expect(Baggage(parsing: text).members.map(\.key) == keys)
    }

    @Test("Several header lines are read as one list")
    func multipleHeaders() {
        let baggage = Baggage(parsing: ["a=1,b=2", "c=3"])
        #expect(baggage.members.map(\.key) == ["a", "b", "c"])
    }

    @Test("At most 180 members are kept from a hostile header")
    func memberLimit() {
        let text = (0..<1000).map { "k\($0)=v" }.joined(separator: ",")
        #expect(Baggage(parsing: text).members.count == 180)
    }

    @Test(
        "Percent-encoding: values are decoded, bad escapes are kept as written",
        arguments: [
            ("k=%E2%9C%93", "✓"),
            ("k=a%2Cb%3Bc", "a,b;c"),
            ("k=100%25", "100%"),
            ("k=%zz", "%zz"),
            ("k=%4", "%4"),
            ("k=%", "%"),
            ("k=%ff", "\u{FFFD}"),
        ]
    )
    func decodes(text: String, value: String) {
        #expect(Baggage(parsing: text)["k"] == value)
    }

    @Test("Values that need it are percent-encoded when printed")
    func encodes() {
        let baggage = Baggage(members: [
            .init(key: "k", value: "a b,c;d\"e\\f%g✓"), .init(key: "x", value: "plain-1.2"),
        ])
        #expect(baggage.headerValue == "k=a%20b%2Cc%3Bd%22e%5Cf%25g%E2%9C%93,x=plain-1.2")
    }

    @Test("Any value survives printing and parsing")
    func roundTrip() async {
        let values = Gen.character(in: "\u{0}"..."\u{2FF}").string(of: 0...24)
        await propertyCheck(input: values, values) { first, second in
            let baggage = Baggage(members: [.init(key: "first", value: first), .init(key: "second", value: second)])
            #expect(Baggage(parsing: baggage.headerValue) == baggage)
        }
    }

    @Test("Parsing arbitrary bytes never fails")
    func arbitraryInput() async {
        await propertyCheck(input: Gen.latin1.string(of: 0...64)) { text in
            let baggage = Baggage(parsing: text)
            // Whatever was kept prints as valid baggage that parses to the same members.
            #expect(Baggage(parsing: baggage.headerValue).members.map(\.key) == baggage.members.map(\.key))
        }
    }
}

@Suite("Peer metadata in baggage")
struct PeerMetadataTests {
    @Test("ztunnel's request baggage is read into its fields")
    func readsZtunnelBaggage() {
        let metadata = PeerMetadata(
            Baggage(
                parsing:
                    "k8s.cluster.name=K1,k8s.namespace.name=NS1,k8s.deployment.name=N1,service.name=N2,service.version=V1,cloud.region=R,cloud.availability_zone=Z"
            )
        )
        #expect(
            metadata
                == PeerMetadata(
                    clusterName: "K1",
                    namespace: "NS1",
                    workloadName: "N1",
                    workloadKind: .deployment,
                    serviceName: "N2",
                    serviceVersion: "V1",
                    region: "R",
                    zone: "Z"
                )
        )
    }

    @Test("Empty values mean unknown, and unknown keys are ignored")
    func emptyAndUnknown() {
        let metadata = PeerMetadata(Baggage(parsing: "k8s.cluster.name=,k8s.namespace.name=,other=1,k8s.name=x"))
        #expect(metadata == PeerMetadata())
        #expect(metadata.isEmpty)
    }

    @Test("Every workload kind is read and written as k8s.<kind>.name", arguments: PeerMetadata.WorkloadKind.allCases)
    func workloadKinds(kind: PeerMetadata.WorkloadKind) {
        let metadata = PeerMetadata(Baggage(parsing: "k8s.\(kind.rawValue).name=w"))
        #expect(metadata.workloadName == "w")
        #expect(metadata.workloadKind == kind)
        #expect(metadata.baggage.headerValue == "k8s.\(kind.rawValue).name=w")
    }

    @Test("Printed in ztunnel's order, leaving unknown fields out")
    func prints() {
        let metadata = PeerMetadata(
            clusterName: "Kubernetes",
            namespace: "default",
            workloadName: "productpage-v1",
            workloadKind: .pod,
            serviceName: "productpage",
            serviceVersion: "v1"
        )
        #expect(
            metadata.baggage.headerValue
                == "k8s.cluster.name=Kubernetes,k8s.namespace.name=default,k8s.pod.name=productpage-v1,"
                + "service.name=productpage,service.version=v1"
        )
    }

    @Test("Any metadata round-trips through the header")
    func roundTrip() async {
        let field = Gen.letterOrNumber.string(of: 0...8).map { $0.isEmpty ? nil : $0 }
        await propertyCheck(input: field, field, field, field, field, field, field) { c, n, w, s, v, r, z in
            let metadata = PeerMetadata(
                clusterName: c,
                namespace: n,
                workloadName: w,
                workloadKind: .job,
                serviceName: s,
                serviceVersion: v,
                region: r,
                zone: z
            )
            var parsed = PeerMetadata(Baggage(parsing: metadata.baggage.headerValue))
            if w == nil { parsed.workloadKind = .job }
            #expect(parsed == metadata)
        }
    }
}

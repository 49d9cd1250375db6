import Testing
import WeftCore

@testable import WeftDNS

@Suite("DNS proxy resolution")
struct DNSResolverTests {
    static let table = DNSNameTable([
        .init(
            hostname: "reviews.default.svc.cluster.local",
            namespace: "default",
            addresses: [.v4(0xf0f0_000a), .v6(0x2001_0002 << 96 | 0x10)]
        ),
        .init(hostname: "ratings.default.svc.cluster.local.", namespace: "default", addresses: [.v4(0xf0f0_000b)]),
        .init(hostname: "details.prod.svc.cluster.local", namespace: "prod", addresses: [.v4(0xf0f0_000c)]),
        .init(
            hostname: "v6only.default.svc.cluster.local",
            namespace: "default",
            addresses: [.v6(0x2001_0002 << 96 | 0x20)]
        ),
        .init(hostname: "empty.default.svc.cluster.local", namespace: "default", addresses: []),
        .init(hostname: "api.example.com", namespace: "prod", addresses: [.v4(0xf0f0_0102)]),
        .init(hostname: "API.example.com", namespace: "default", addresses: [.v4(0xf0f0_0101)]),
        .init(hostname: "*.wild.example.org", namespace: "default", addresses: [.v4(0xf0f0_0202)]),
    ])
    static let resolver = DNSResolver(names: table)

    /// Resolves `text` from `namespace` and returns the answer lines, or the action's kind when it is not an answer.
    func resolve(_ text: String, _ type: DNSRecordType = .a, from namespace: String = "default") throws -> [String] {
        let resolution = Self.resolver.resolve(try queryBytes(text, type), namespace: namespace, transport: .udp)
        guard case .answer(let bytes) = resolution.action else { return [resolution.action.kind] }
        let response = try decoded(bytes)
        #expect(response.header.isAuthoritative)
        #expect(response.responseCode == .noError)
        return response.answers.isEmpty ? ["NODATA"] : describe(response.answers)
    }

    @Test(
        "Mesh names resolve to their VIPs: FQDN and the short forms relative to the workload's namespace",
        arguments: [
            (
                "reviews.default.svc.cluster.local", "default",
                "reviews.default.svc.cluster.local. A 240.240.0.10 ttl=30"
            ),
            (
                "reviews.default.svc.cluster.local.", "default",
                "reviews.default.svc.cluster.local. A 240.240.0.10 ttl=30"
            ),
            ("reviews", "default", "reviews. A 240.240.0.10 ttl=30"),
            ("reviews.default", "default", "reviews.default. A 240.240.0.10 ttl=30"),
            ("reviews.default.svc", "default", "reviews.default.svc. A 240.240.0.10 ttl=30"),
            ("reviews.default", "prod", "reviews.default. A 240.240.0.10 ttl=30"),
            ("reviews.default.svc.cluster.local", "prod", "reviews.default.svc.cluster.local. A 240.240.0.10 ttl=30"),
            ("details", "prod", "details. A 240.240.0.12 ttl=30"),
            ("details.prod", "default", "details.prod. A 240.240.0.12 ttl=30"),
            ("ratings", "default", "ratings. A 240.240.0.11 ttl=30"),
        ]
    )
    func meshNames(text: String, namespace: String, expected: String) throws {
        #expect(try self.resolve(text, from: namespace) == [expected])
    }

    @Test(
        "Short names resolve only inside the workload's own namespace",
        arguments: [
            ("reviews", "prod"), ("details", "default"), ("reviews.prod", "prod"), ("details.default.svc", "default"),
        ]
    )
    func shortNamesStayInNamespace(text: String, namespace: String) throws {
        #expect(try self.resolve(text, from: namespace) == ["forward"])
    }

    @Test("Names compare case-insensitively and the answer keeps the asker's spelling")
    func caseInsensitive() throws {
        #expect(
            try self.resolve("REVIEWS.Default.SVC.cluster.LOCAL") == [
                "REVIEWS.Default.SVC.cluster.LOCAL. A 240.240.0.10 ttl=30"
            ]
        )
        #expect(try self.resolve("Reviews") == ["Reviews. A 240.240.0.10 ttl=30"])
    }

    @Test("AAAA gets the IPv6 VIPs; a name without an address of the asked family gets NODATA")
    func families() throws {
        #expect(try self.resolve("reviews", .aaaa) == ["reviews. AAAA 2001:2::10 ttl=30"])
        #expect(try self.resolve("ratings", .aaaa) == ["NODATA"])
        #expect(try self.resolve("v6only.default.svc.cluster.local", .a) == ["NODATA"])
        #expect(try self.resolve("v6only", .aaaa) == ["v6only. AAAA 2001:2::20 ttl=30"])
    }

    @Test(
        "Names the mesh does not know are forwarded",
        arguments: [
            "www.google.com", "empty.default.svc.cluster.local", "empty", "reviews.other.svc.cluster.local",
            "svc.cluster.local",
            "cluster.local", ".", "wild.example.org", "reviews.default.svc.cluster",
        ]
    )
    func unknownNames(text: String) throws {
        #expect(try self.resolve(text) == ["forward"])
    }

    @Test(
        "A name the client's search path extended is answered with a CNAME to the mesh name, in one round trip",
        arguments: [
            (
                "reviews.default.svc.cluster.local.default.svc.cluster.local", "default",
                "reviews.default.svc.cluster.local.default.svc.cluster.local. CNAME reviews.default.svc.cluster.local. ttl=30",
                "reviews.default.svc.cluster.local. A 240.240.0.10 ttl=30"
            ),
            (
                "reviews.default.default.svc.cluster.local", "default",
                "reviews.default.default.svc.cluster.local. CNAME reviews.default. ttl=30",
                "reviews.default. A 240.240.0.10 ttl=30"
            ),
            (
                "details.prod.svc.cluster.local.default.svc.cluster.local", "default",
                "details.prod.svc.cluster.local.default.svc.cluster.local. CNAME details.prod.svc.cluster.local. ttl=30",
                "details.prod.svc.cluster.local. A 240.240.0.12 ttl=30"
            ),
            (
                "details.prod.svc.cluster.local.svc.cluster.local", "default",
                "details.prod.svc.cluster.local.svc.cluster.local. CNAME details.prod.svc.cluster.local. ttl=30",
                "details.prod.svc.cluster.local. A 240.240.0.12 ttl=30"
            ),
            (
                "api.example.com.prod.svc.cluster.local", "prod",
                "api.example.com.prod.svc.cluster.local. CNAME api.example.com. ttl=30",
                "api.example.com. A 240.240.1.2 ttl=30"
            ),
        ]
    )
    func searchPaths(text: String, namespace: String, cname: String, address: String) throws {
        #expect(try self.resolve(text, from: namespace) == [cname, address])
    }

    @Test("A search-extended name whose family is missing gets NODATA without a CNAME, as ztunnel")
    func searchPathNodata() throws {
        #expect(try self.resolve("ratings.default.default.svc.cluster.local", .aaaa) == ["NODATA"])
    }

    @Test("Wildcard hosts match any deeper name, owner as asked, no CNAME even through a search path")
    func wildcards() throws {
        #expect(try self.resolve("x.wild.example.org") == ["x.wild.example.org. A 240.240.2.2 ttl=30"])
        #expect(try self.resolve("a.b.wild.example.org") == ["a.b.wild.example.org. A 240.240.2.2 ttl=30"])
        #expect(
            try self.resolve("x.wild.example.org.default.svc.cluster.local")
                == ["x.wild.example.org.default.svc.cluster.local. A 240.240.2.2 ttl=30"]
        )
    }

    @Test(
        "A host declared in several namespaces answers the asker's namespace first, else the first namespace",
        arguments: [("prod", "240.240.1.2"), ("default", "240.240.1.1"), ("zzz", "240.240.1.1")]
    )
    func namespacePreference(namespace: String, address: String) throws {
        #expect(try self.resolve("api.example.com", from: namespace) == ["api.example.com. A \(address) ttl=30"])
    }

    @Test(
        "Other types and classes for mesh names are forwarded; zone transfers are refused",
        arguments: [
            (DNSRecordType.txt, DNSClass.internet, "forward"), (.any, .internet, "forward"),
            (.srv, .internet, "forward"),
            (.a, .chaos, "forward"), (.axfr, .internet, "refused"), (.ixfr, .internet, "refused"),
        ]
    )
    func otherTypes(type: DNSRecordType, questionClass: DNSClass, kind: String) throws {
        let bytes = try queryBytes("reviews", type, questionClass: questionClass)
        let resolution = Self.resolver.resolve(bytes, namespace: "default", transport: .udp)
        #expect(resolution.action.kind == kind)
        #expect(resolution.question == DNSQuestion(name: try name("reviews"), type: type, questionClass: questionClass))
        if kind == "refused" {
            let response = try decoded(try #require(resolution.action.response))
            #expect(response.responseCode == .refused)
            #expect(response.questions == resolution.question.map { [$0] })
        }
    }

    @Test("A forwarded query carries its bytes unchanged, its parsed form and transport")
    func forwardRequest() throws {
        let bytes = try queryBytes("www.google.com", .aaaa, id: 77, edns: DNSEDNS(udpPayloadSize: 1232))
        let resolution = Self.resolver.resolve(bytes, namespace: "default", transport: .tcp)
        #expect(
            resolution.action
                == .forward(DNSForwardRequest(bytes: bytes, query: try DNSMessage(decoding: bytes), transport: .tcp))
        )
    }

    @Test("The answer's header: id, QR, AA, RA, RD and CD echoed, opcode QUERY")
    func answerHeader() throws {
        var query = try queryMessage("reviews", id: 0xbeef)
        query.header.checkingDisabled = true
        let resolution = Self.resolver.resolve(query.encoded(), namespace: "default", transport: .udp)
        let response = try decoded(try #require(resolution.action.response))
        #expect(
            response.header
                == DNSHeader(
                    id: 0xbeef,
                    isResponse: true,
                    isAuthoritative: true,
                    recursionDesired: true,
                    recursionAvailable: true,
                    checkingDisabled: true
                )
        )
        #expect(response.questions == query.questions)
        #expect(response.edns == nil)
    }

    @Test("An OPT record in the query gets one in the answer: the client's size (at least 512), version 0, DO echoed")
    func ednsEcho() throws {
        let query = try queryBytes(
            "reviews",
            edns: DNSEDNS(udpPayloadSize: 4096, dnssecOK: true, options: [.init(code: 10, data: [1])])
        )
        let response = try decoded(
            try #require(Self.resolver.resolve(query, namespace: "default", transport: .udp).action.response)
        )
        #expect(response.edns == DNSEDNS(udpPayloadSize: 4096, dnssecOK: true))
        let small = try queryBytes("reviews", edns: DNSEDNS(udpPayloadSize: 100))
        let smallResponse = try decoded(
            try #require(Self.resolver.resolve(small, namespace: "default", transport: .udp).action.response)
        )
        #expect(smallResponse.edns?.udpPayloadSize == 512)
    }

    @Test("An EDNS version other than 0 gets BADVERS with an OPT record of version 0")
    func badVersion() throws {
        let query = try queryBytes("reviews", edns: DNSEDNS(udpPayloadSize: 1232, version: 1))
        let resolution = Self.resolver.resolve(query, namespace: "default", transport: .udp)
        #expect(resolution.action.kind == "badVersion")
        let response = try decoded(try #require(resolution.action.response))
        #expect(response.responseCode == .badVersion)
        #expect(response.edns?.version == 0)
        #expect(response.answers.isEmpty)
    }

    @Test("An opcode other than QUERY gets NOTIMP with the opcode and question echoed")
    func notImplemented() throws {
        var query = try queryMessage("reviews", id: 5)
        query.header.opcode = .notify
        let resolution = Self.resolver.resolve(query.encoded(), namespace: "default", transport: .udp)
        #expect(resolution.action.kind == "notImp")
        let response = try decoded(try #require(resolution.action.response))
        #expect(response.header.opcode == .notify)
        #expect(response.header.id == 5)
        #expect(response.responseCode == .notImplemented)
        #expect(response.questions == query.questions)
    }

    @Test(
        "Malformed queries get FORMERR with the id echoed when readable",
        arguments: [
            ([], 0), ([0x12], 0), ([0x12, 0x34], 0x1234), (Array(DNSCodecTests.exampleQuery.prefix(11)), 0xabcd),
            (DNSCodecTests.exampleQuery + [0xff], 0xabcd), (DNSCodecTests.withCount(4, 0), 0xabcd),
            (DNSCodecTests.withCount(4, 2), 0xabcd), (DNSCodecTests.replacing(2, with: 0x81), 0xabcd),
            (Array(DNSCodecTests.withCount(4, 0).prefix(12)), 0xabcd),
        ] as [([UInt8], UInt16)]
    )
    func formatErrors(bytes: [UInt8], id: UInt16) throws {
        let resolution = Self.resolver.resolve(bytes, namespace: "default", transport: .udp)
        #expect(resolution.action.kind == "formErr")
        let response = try decoded(try #require(resolution.action.response))
        #expect(response.header.id == id)
        #expect(response.header.isResponse)
        #expect(response.responseCode == .formatError)
    }

    @Test("A query with two questions gets FORMERR")
    func twoQuestions() throws {
        var query = try queryMessage("reviews")
        query.questions.append(DNSQuestion(name: try name("ratings"), type: .a))
        let resolution = Self.resolver.resolve(query.encoded(), namespace: "default", transport: .udp)
        #expect(resolution.action.kind == "formErr")
        #expect(try decoded(try #require(resolution.action.response)).questions == [query.questions[0]])
    }

    @Test("FORMERR echoes the question when it is readable even though the rest is not")
    func formErrEchoesQuestion() throws {
        let resolution = Self.resolver.resolve(
            DNSCodecTests.exampleQuery + [0xff],
            namespace: "default",
            transport: .udp
        )
        let response = try decoded(try #require(resolution.action.response))
        #expect(response.questions == [DNSQuestion(name: try name("example.com"), type: .a)])
        #expect(resolution.question == response.questions.first)
    }

    @Test("A different cluster domain and TTL apply to short names and answers")
    func customDomain() throws {
        let table = DNSNameTable([
            .init(hostname: "reviews.default.svc.mesh.internal", namespace: "default", addresses: [.v4(1)])
        ])
        let resolver = DNSResolver(
            names: table,
            configuration: DNSResolverConfiguration(clusterDomain: try name("mesh.internal"), ttl: 5)
        )
        let bytes = try #require(
            resolver.resolve(try queryBytes("reviews"), namespace: "default", transport: .udp).action.response
        )
        #expect(describe(try decoded(bytes).answers) == ["reviews. A 0.0.0.1 ttl=5"])
        let plain = resolver.resolve(
            try queryBytes("reviews.default.svc.cluster.local"),
            namespace: "default",
            transport: .udp
        )
        #expect(plain.action.kind == "forward")
    }

    @Test("A namespace that is not a DNS label disables single-label names but not the others")
    func oddNamespace() throws {
        #expect(try self.resolve("reviews", from: "a.b") == ["forward"])
        #expect(try self.resolve("reviews", from: "") == ["forward"])
        #expect(try self.resolve("reviews.default", from: "a.b") == ["reviews.default. A 240.240.0.10 ttl=30"])
    }

    @Test("The table skips invalid hostnames and merges duplicates")
    func tableBuilding() throws {
        let table = DNSNameTable([
            .init(hostname: "a..b", namespace: "x", addresses: [.v4(1)]),
            .init(hostname: "*", namespace: "x", addresses: [.v4(1)]),
            .init(hostname: "ok.example", namespace: "x", addresses: [.v4(1), .v4(2)]),
            .init(hostname: "OK.example.", namespace: "x", addresses: [.v4(2), .v4(3)]),
        ])
        #expect(table.rejected.map(\.hostname) == ["a..b", "*"])
        #expect(table.count == 1)
        #expect(table.exactMatch(try name("ok.EXAMPLE"), namespace: "y") == [.v4(1), .v4(2), .v4(3)])
    }

    @Test("Aliases follow ztunnel's order: as asked, expanded, then each search domain stripped and expanded")
    func aliasOrder() throws {
        let aliases = Self.resolver.aliases(
            for: try name("reviews.default.default.svc.cluster.local"),
            namespace: "default"
        )
        #expect(
            aliases.map { "\($0.name) \($0.strippedLabelCount.map(String.init) ?? "-")" } == [
                "reviews.default.default.svc.cluster.local. -", "reviews.default. 2",
                "reviews.default.svc.cluster.local. 2",
                "reviews.default.default. 3", "reviews.default.default.svc. 4",
            ]
        )
    }
}

import Testing
import WeftCore

@testable import WeftConfig

/// A ServiceEntry `default/external` whose spec is `spec`, written as at the top level of `spec:`.
private func entry(_ spec: String) -> String {
    let indented = spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
    return "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: external}\nspec:\n"
        + indented.joined(separator: "\n")
}

/// What every diagnostic about that entry starts with.
private let prefix = "se.yaml: document 1: ServiceEntry default/external: "

private func port(_ number: Int, _ name: String, _ protocolName: String?, targetPort: Int? = nil) -> ServicePort {
    var port = ServicePort(number: number, name: name)
    port.protocolName = protocolName
    port.targetPort = targetPort
    return port
}

private func endpoint(_ address: String, ports: [String: Int] = [:]) -> WorkloadEntrySpec {
    var spec = WorkloadEntrySpec()
    spec.address = address
    spec.ports = ports
    return spec
}

@Suite("ServiceEntry decoding")
struct ServiceEntryDecodingTests {
    @Test("Istio's documented ServiceEntries decode to the expected model")
    func corpusDecodes() throws {
        let result = try decodeCorpus("service-entry.yaml")
        #expect(result.diagnostics.all.map(\.description) == [])
        let entries = Dictionary(uniqueKeysWithValues: result.config.serviceEntries.map { ($0.metadata.name, $0) })
        #expect(entries.count == 5)

        // An external HTTP API resolved by DNS; `protocol: http` is stored upper-cased.
        let httpbin = try #require(entries["httpbin-ext"])
        #expect(httpbin.hosts == ["httpbin.org"])
        #expect(httpbin.ports == [port(80, "http", "HTTP")])
        #expect(httpbin.resolution == .dns)
        #expect(httpbin.location == .meshExternal)
        #expect(httpbin.addresses.isEmpty && httpbin.endpoints.isEmpty)

        // Several hosts on one TLS port: SNI tells them apart.
        let https = try #require(entries["external-svc-https"])
        #expect(https.hosts == ["api.example.com", "api.dropboxapi.com"])
        #expect(https.ports == [port(443, "https", "TLS")])

        // STATIC endpoints behind a VIP block.
        let mongo = try #require(entries["external-svc-mongocluster"])
        #expect(mongo.addresses == [try CIDR(parsing: "192.192.192.192/24")])
        #expect(mongo.ports == [port(27018, "mongodb", "MONGO")])
        #expect(mongo.location == .meshInternal)
        #expect(mongo.resolution == .static)
        #expect(mongo.endpoints == [endpoint("2.2.2.2"), endpoint("3.3.3.3")])

        // DNS endpoints may be host names and remap the declared port.
        let dns = try #require(entries["external-svc-dns"])
        #expect(
            dns.endpoints == [
                endpoint("us.foo.bar.com", ports: ["http": 8080]), endpoint("uk.foo.bar.com", ports: ["http": 9080]),
            ]
        )

        // VM workloads selected by label, visible in their own namespace only.
        let details = try #require(entries["details-svc"])
        #expect(details.metadata.namespace == "bookinfo")
        #expect(details.ports == [port(80, "http", "HTTP", targetPort: 8080)])
        #expect(details.workloadSelector == LabelSelector(["app": "details-legacy"]))
        #expect(details.exportTo == ["."])
        #expect(details.resolution == .static)
    }

    @Test("A broken external API entry reports every problem in one pass")
    func brokenExternalAPI() {
        let yaml = entry(
            """
            hosts:
            - "*"
            ports:
            - number: 443
              name: https
              protocol: TLSv1
            - number: 443
              name: https
            - name: metrics
            resolution: DNS
            location: mesh_external
            """
        )
        #expect(
            errorTexts(yaml, file: "se.yaml") == [
                prefix + "spec.hosts[0]: \"*\" is not allowed: a ServiceEntry adds named hosts to the registry",
                prefix
                    + "spec.ports[0].protocol: \"TLSv1\" is not a protocol Istio knows (HTTP, HTTPS, HTTP2, GRPC, GRPC-WEB, HTTP_PROXY, TLS, TCP, UDP, MONGO, MYSQL, REDIS)",
                prefix + "spec.ports[1].number: port 443 is already declared by spec.ports[0]",
                prefix + "spec.ports[1].name: port name \"https\" is already used by spec.ports[0]",
                prefix + "spec.ports[2].number: is required",
                prefix
                    + "spec.location: \"mesh_external\" is not one of MESH_EXTERNAL, MESH_INTERNAL (values are case-sensitive: use MESH_EXTERNAL)",
            ]
        )
    }

    @Test("A broken STATIC entry: bad block, endpoints with selector, host-name and unix endpoints, unknown port")
    func brokenStatic() {
        let yaml = entry(
            """
            hosts: [mymongodb.somedomain]
            addresses: [192.192.192.192/33, 10.0.0.1]
            ports:
            - number: 27018
              name: mongodb
              protocol: MONGO
            resolution: STATIC
            workloadSelector:
              labels: {app: mongo}
            endpoints:
            - address: mongo-1.somedomain
            - address: 3.3.3.3
              ports:
                mongo: 27019
            - address: unix:///var/run/mongo.sock
            """
        )
        #expect(
            errorTexts(yaml, file: "se.yaml") == [
                prefix + "spec.addresses[0]: prefix length in \"192.192.192.192/33\" exceeds 32",
                prefix
                    + "spec: only one of endpoints, workloadSelector may be set (got endpoints and workloadSelector)",
                prefix
                    + "spec.endpoints[0].address: \"mongo-1.somedomain\" is not an IP address (resolution STATIC needs IP addresses; use DNS for host names)",
                prefix
                    + "spec.endpoints[1].ports.mongo: the ServiceEntry declares no port named \"mongo\" in spec.ports",
                prefix + "spec.endpoints[2].address: unix domain socket addresses are not supported",
            ]
        )
    }

    @Test(
        "Resolution rules: CIDR blocks, endpoints, wildcard hosts, host-aware ports",
        arguments: [
            (
                "hosts: [db.example.com]\naddresses: [10.0.0.0/24]\nports: [{number: 5432, name: tcp-pg, protocol: TCP}]\nresolution: DNS",
                "spec.addresses[0]: CIDR block \"10.0.0.0/24\" needs resolution NONE or STATIC (resolution is DNS)"
            ),
            (
                "hosts: [db.example.com]\nports: [{number: 5432, name: tcp-pg}]\nendpoints: [{address: 10.0.0.5}]",
                "spec.endpoints: must be empty when resolution is NONE (traffic goes to the address the client dialled)"
            ),
            (
                "hosts: [\"*.example.com\"]\nports: [{number: 443, name: tls, protocol: TLS}]\nresolution: DNS",
                "spec.hosts[0]: wildcard host \"*.example.com\" cannot be resolved with resolution DNS: list endpoints or use NONE"
            ),
            (
                "hosts: [api.example.com]\nports: [{number: 443, name: tls, protocol: TLS}]\nresolution: DNS_ROUND_ROBIN\nendpoints: [{address: a.example.com}, {address: b.example.com}]",
                "spec.endpoints: resolution DNS_ROUND_ROBIN allows at most one endpoint"
            ),
            (
                "hosts: [a.example.com, b.example.com]\nports: [{number: 3306, name: mysql, protocol: TCP}]\nresolution: DNS",
                "spec.ports[0]: port 3306 (TCP) cannot tell 2 hosts apart: use an HTTP or TLS protocol, one host, or resolution NONE"
            ),
            ("ports: [{number: 80, name: http}]", "spec.hosts: is required"),
            ("hosts: []", "spec.hosts: must list at least one host"),
            (
                "hosts: [api.example.com]\nports: [{number: 80, name: http_web}]",
                "spec.ports[0].name: \"http_web\" is not a valid port name (a DNS label: letters, digits and '-')"
            ),
            (
                "hosts: [api.example.com]\nports: [{number: 80, name: http, targetPort: 70000}]",
                "spec.ports[0].targetPort: must be between 0 and 65535 (got 70000)"
            ),
            ("hosts: [api.example.com]\nports: [{number: 80}]", "spec.ports[0].name: is required"),
            (
                "hosts: [api.example.com]\nresolution: dns",
                "spec.resolution: \"dns\" is not one of NONE, STATIC, DNS, DNS_ROUND_ROBIN (values are case-sensitive: use DNS)"
            ),
            (
                "hosts: [api.example.com]\naddresses: [api.example.com]",
                "spec.addresses[0]: \"api.example.com\" is not an IP address or CIDR block"
            ),
            (
                "hosts: [10.0.0.1]",
                "spec.hosts[0]: \"10.0.0.1\" is not a valid host name (the top-level domain \"1\" is all digits)"
            ),
            (
                "hosts: [api.example.com]\nexportTo: [\"~\", prod]",
                "spec.exportTo: \"~\" cannot be combined with other entries"
            ),
            (
                "hosts: [api.example.com]\nresolution: DNS\nendpoints: [{address: api_1.example.com}]",
                "spec.endpoints[0].address: \"api_1.example.com\" is not an IP address or a host name"
            ),
            (
                "hosts: [api.example.com]\nresolution: STATIC\nendpoints: [{address: 10.0.0.1, weight: -1}]",
                "spec.endpoints[0].weight: must be between 0 and 4294967295 (got -1)"
            ),
            (
                "hosts: [api.example.com]\nresolution: STATIC\nendpoints: [{ports: {}}]",
                "spec.endpoints[0].address: is required (Weft reaches workloads by address; it has no network gateways)"
            ),
        ]
    )
    func resolutionRules(spec: String, error: String) {
        #expect(errorTexts(entry(spec), file: "se.yaml") == [prefix + error])
    }

    @Test("Settings without effect under resolution NONE are accepted with warnings")
    func noneResolutionWarnings() throws {
        let yaml = entry(
            """
            hosts: [legacy.internal]
            addresses: [10.20.0.0/16]
            ports:
            - {number: 8080, name: http, protocol: HTTP, targetPort: 80}
            workloadSelector:
              labels: {app: legacy}
            exportTo: ["~"]
            subjectAltNames: ["spiffe://cluster.local/ns/legacy/sa/legacy"]
            """
        )
        let result = decode(yaml, file: "se.yaml")
        #expect(result.diagnostics.errors.isEmpty)
        let entry = try #require(result.config.serviceEntries.first)
        #expect(entry.resolution == .none, "NONE is Istio's default")
        #expect(entry.location == .meshExternal, "MESH_EXTERNAL is Istio's default")
        #expect(entry.addresses == [try CIDR(parsing: "10.20.0.0/16")])
        #expect(entry.exportTo == ["~"])
        #expect(entry.subjectAltNames == ["spiffe://cluster.local/ns/legacy/sa/legacy"])
        #expect(
            result.diagnostics.warnings.map(\.description) == [
                "warning: " + prefix + "spec.workloadSelector: has no effect when resolution is NONE",
                "warning: " + prefix
                    + "spec.ports[0].targetPort: has no effect when resolution is NONE (traffic goes to the port the client dialled)",
            ]
        )
    }

    @Test("A workloadSelector without labels selects every workload: Istio warns")
    func emptyWorkloadSelector() {
        let yaml = entry(
            "hosts: [details.bookinfo.com]\nports: [{number: 80, name: http, protocol: HTTP}]\nresolution: STATIC\nworkloadSelector: {}"
        )
        let result = decode(yaml, file: "se.yaml")
        #expect(result.diagnostics.errors.isEmpty)
        #expect(result.config.serviceEntries.first?.workloadSelector == LabelSelector())
        #expect(
            result.diagnostics.warnings.map(\.description) == [
                "warning: " + prefix
                    + "spec.workloadSelector: has no labels, so it selects every workload in the namespace"
            ]
        )
    }

    @Test(
        "Protocol names are case-insensitive and stored upper-cased",
        arguments: ["grpc-web", "Http2", "mongo", "udp"]
    )
    func protocolCase(name: String) {
        let result = decode(entry("hosts: [api.example.com]\nports: [{number: 9000, name: p, protocol: \(name)}]"))
        #expect(result.diagnostics.all.isEmpty)
        #expect(result.config.serviceEntries.first?.ports.first?.protocolName == name.uppercased())
    }
}

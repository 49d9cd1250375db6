import Testing
import WeftCore

@testable import WeftConfig

/// A Service `shop/web` whose spec is `spec`, written as at the top level of `spec:`.
private func service(_ spec: String) -> String {
    let indented = spec.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
    return "apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n"
        + indented.joined(separator: "\n")
}

/// What every diagnostic about that service starts with.
private let prefix = "svc.yaml: document 1: Service shop/web: "

@Suite("Kubernetes Service decoding")
struct KubernetesServiceDecodingTests {
    @Test("Bookinfo's and exported Services decode to the expected model")
    func corpusDecodes() throws {
        let result = try decodeCorpus("service.yaml")
        #expect(result.diagnostics.all.map(\.description) == [])
        let services = Dictionary(uniqueKeysWithValues: result.config.services.map { ($0.metadata.name, $0) })
        #expect(services.count == 4)

        let reviews = try #require(services["reviews"])
        #expect(reviews.metadata.labels == ["app": "reviews", "service": "reviews"])
        #expect(reviews.selector == ["app": "reviews"])
        #expect(reviews.ports == [ServicePort(number: 9080, name: "http")])
        #expect(reviews.clusterIP == nil, "no clusterIP: Weft allocates one")
        #expect(!reviews.headless)

        // A fixed VIP, a numeric and a named target port, and an appProtocol.
        let payments = try #require(services["payments"])
        #expect(payments.clusterIP == IPAddress("240.240.0.10"))
        #expect(payments.selector == ["app": "payments", "tier": "backend"])
        var api = ServicePort(number: 80, name: "http-api")
        api.targetPort = 8080
        var grpc = ServicePort(number: 9090, name: "grpc")
        grpc.targetPortName = "grpc-port"
        grpc.appProtocol = "grpc"
        #expect(payments.ports == [api, grpc])

        // `kubectl get -o yaml` output: API-server fields are ignored, the VIP is kept.
        let ratings = try #require(services["ratings"])
        #expect(ratings.clusterIP == IPAddress("10.96.12.34"))
        var http = ServicePort(number: 9080, name: "http")
        http.targetPort = 9080
        #expect(ratings.ports == [http])

        let mongodb = try #require(services["mongodb"])
        #expect(mongodb.headless)
        #expect(mongodb.clusterIP == nil)
        #expect(mongodb.ports.isEmpty)
    }

    @Test("A broken Service reports every problem in one pass")
    func brokenService() {
        let yaml = service(
            """
            type: NodePort
            clusterIP: 10.96.0.300
            selector: {app: web}
            ports:
            - port: 80
              targetPort: http_web
              nodePort: 30080
            - name: metrics
              port: 80
              protocol: UDP
            - name: Metrics
              port: 0
            """
        )
        let result = decode(yaml, file: "svc.yaml")
        #expect(
            result.diagnostics.errors.map(\.description) == [
                prefix + "spec.type: type NodePort is not supported: Weft serves ClusterIP services only",
                prefix
                    + "spec.clusterIP: \"10.96.0.300\" is not an IP address, \"None\" (headless) or \"\" (Weft allocates one)",
                prefix + "spec.ports[0].name: is required (a Service with several ports must name each one)",
                prefix
                    + "spec.ports[0].targetPort: \"http_web\" is not a port number or a port name (up to 15 of a-z, 0-9 and '-', with a letter)",
                prefix + "spec.ports[1].protocol: UDP is not supported: the mesh carries TCP only",
                prefix + "spec.ports[1].port: port 80 is already declared by spec.ports[0]",
                prefix + "spec.ports[2].name: \"Metrics\" is not a valid port name (a DNS label: a-z, 0-9, '-')",
                prefix + "spec.ports[2].port: must be between 1 and 65535 (got 0)",
            ]
        )
        #expect(
            result.diagnostics.warnings.map(\.description) == [
                "warning: " + prefix
                    + "spec.ports[0].nodePort: ignored: Weft has no node ports (it serves ClusterIP services only)"
            ]
        )
    }

    @Test(
        "Service rules, one broken field at a time",
        arguments: [
            (
                "selector: {app: web}",
                "spec.ports: is required (only a headless service (clusterIP: None) may have none)"
            ),
            (
                "type: clusterip\nselector: {app: web}\nports: [{port: 80}]",
                "spec.type: \"clusterip\" is not one of ClusterIP, NodePort, LoadBalancer, ExternalName"
            ),
            (
                "type: ExternalName\nexternalName: db.example.com",
                "spec.type: type ExternalName is not supported: Weft serves ClusterIP services only"
            ),
            (
                "selector: {app: web}\nports: [{port: 80, protocol: SCTP}]",
                "spec.ports[0].protocol: SCTP is not supported: the mesh carries TCP only"
            ),
            (
                "selector: {app: web}\nports: [{port: 80, protocol: tcp}]",
                "spec.ports[0].protocol: \"tcp\" is not one of TCP, UDP, SCTP (values are case-sensitive: use TCP)"
            ),
            (
                "selector: {app: web}\nports: [{name: http, port: 80}, {name: http, port: 81}]",
                "spec.ports[1].name: port name \"http\" is already used by spec.ports[0]"
            ),
            (
                "selector: {app: web}\nports: [{port: 80, targetPort: 70000}]",
                "spec.ports[0].targetPort: must be between 1 and 65535 (got 70000)"
            ),
            (
                "selector: {app: web}\nports: [{port: 80, targetPort: \"8080\"}]",
                "spec.ports[0].targetPort: \"8080\" is not a port number or a port name (up to 15 of a-z, 0-9 and '-', with a letter)"
            ),
            ("selector: {app: web}\nports: [{name: http}]", "spec.ports[0].port: is required"),
            (
                "selector: {app: web}\nclusterIP: 10.96.0.10\nclusterIPs: [10.96.0.11]\nports: [{port: 80}]",
                "spec.clusterIPs[0]: must equal clusterIP (\"10.96.0.10\")"
            ),
            (
                "selector: {app: web}\nports: [{port: 80, targetPorts: 8080}]",
                "spec.ports[0].targetPorts: unknown field"
            ),
            (
                "selector: {app: web}\nsessionAffinity: Sticky\nports: [{port: 80}]",
                "spec.sessionAffinity: \"Sticky\" is not one of None, ClientIP"
            ),
            (
                "selector: {\"app/\": web}\nports: [{port: 80}]",
                "spec.selector.app/: invalid label key \"app/\" (1–63 characters of a-z, A-Z, 0-9, '-', '_', '.', alphanumeric at both ends)"
            ),
        ]
    )
    func oneBrokenField(spec: String, error: String) {
        #expect(errorTexts(service(spec), file: "svc.yaml") == [prefix + error])
    }

    @Test("Kubernetes fields Weft cannot honour are accepted with warnings")
    func acceptedWithWarnings() throws {
        let yaml = service(
            """
            ports: [{name: http, port: 80, targetPort: 8080}]
            clusterIPs: [10.96.0.10, "fd00:10:96::a"]
            sessionAffinity: ClientIP
            sessionAffinityConfig: {clientIP: {timeoutSeconds: 10800}}
            externalIPs: [203.0.113.10]
            """
        )
        let result = decode(yaml, file: "svc.yaml")
        #expect(result.diagnostics.errors.isEmpty)
        let web = try #require(result.config.services.first)
        #expect(web.clusterIP == IPAddress("10.96.0.10"), "without clusterIP the first of clusterIPs is the VIP")
        #expect(web.selector.isEmpty)
        #expect(
            result.diagnostics.warnings.map(\.description) == [
                "warning: " + prefix
                    + "spec.selector: absent: this service has no endpoints (Weft reads no Endpoints or EndpointSlices)",
                "warning: " + prefix
                    + "spec.clusterIPs: only the first address is used: Weft gives a service one virtual IP",
                "warning: " + prefix
                    + "spec.sessionAffinity: ClientIP affinity is ignored: use a DestinationRule with consistentHash.useSourceIp for it",
                "warning: " + prefix + "spec.externalIPs: ignored: Weft routes only the cluster IP of a service",
            ]
        )
    }

    @Test("clusterIP forms: an address, None (headless) or empty (allocate)")
    func clusterIPForms() throws {
        let forms: [(String, IPAddress?, Bool)] = [
            ("\"fd00:248::10\"", IPAddress("fd00:248::10"), false), ("None", nil, true), ("\"\"", nil, false),
        ]
        for (text, address, headless) in forms {
            let result = decode(service("clusterIP: \(text)\nselector: {app: web}\nports: [{port: 80}]"))
            #expect(result.diagnostics.all.isEmpty)
            let web = try #require(result.config.services.first)
            #expect(web.clusterIP == address)
            #expect(web.headless == headless)
        }
    }

    @Test(
        "targetPort names follow Kubernetes' IANA service-name rule",
        arguments: [
            ("http", true), ("grpc-port", true), ("a1", true), ("123", false), ("-http", false), ("http--x", false),
            ("sixteen-chars-ab", false), ("Http", false),
        ]
    )
    func serviceNames(name: String, valid: Bool) {
        #expect(KubernetesServicePortDecoding.isServiceName(name) == valid)
    }
}

import Testing
import WeftCore

@Suite("Service port protocols follow Istio's rules")
struct ServiceProtocolTests {
    struct KubernetesCase: Sendable, CustomTestStringConvertible {
        let name: String
        let number: Int
        let transport: String?
        let appProtocol: String?
        let expected: ServiceProtocol

        init(
            _ name: String,
            port number: Int = 8080,
            transport: String? = nil,
            app: String? = nil,
            _ expected: ServiceProtocol
        ) {
            self.name = name
            self.number = number
            self.transport = transport
            self.appProtocol = app
            self.expected = expected
        }

        var testDescription: String { "\(self.name)/\(self.number) app=\(self.appProtocol ?? "-") → \(self.expected)" }
    }

    @Test(
        "Kubernetes ports: UDP, then appProtocol, then the name prefix before the first dash",
        arguments: [
            KubernetesCase("http", .http),
            KubernetesCase("http-web", .http),
            KubernetesCase("HTTP-Web", .http),
            KubernetesCase("http2", .http2),
            KubernetesCase("http2-api", .http2),
            KubernetesCase("http2foo", .unsupported),
            KubernetesCase("grpc", .grpc),
            KubernetesCase("grpc-web", .grpcWeb),
            KubernetesCase("grpc-web-ui", .grpcWeb),
            KubernetesCase("grpc-status", .grpc),
            KubernetesCase("tcp-db", .tcp),
            KubernetesCase("tls", .tls),
            KubernetesCase("https-admin", .https),
            KubernetesCase("mongo", .mongo),
            KubernetesCase("redis-cache", .redis),
            KubernetesCase("mysql", .mysql),
            KubernetesCase("http_proxy", .httpProxy),
            KubernetesCase("web", .unsupported),
            KubernetesCase("", .unsupported),
            KubernetesCase("", port: 3306, .tcp),
            KubernetesCase("", port: 27017, .tcp),
            KubernetesCase("", port: 25, .tcp),
            KubernetesCase("web", port: 53, .tcp),
            KubernetesCase("web", app: "http", .http),
            KubernetesCase("http", app: "tcp", .tcp),
            KubernetesCase("tcp", app: "grpc", .grpc),
            KubernetesCase("x", app: "kubernetes.io/h2c", .http2),
            KubernetesCase("x", app: "kubernetes.io/ws", .http),
            KubernetesCase("x", app: "kubernetes.io/wss", .https),
            KubernetesCase("http", app: "custom.io/thing", .unsupported),
            KubernetesCase("http", transport: "UDP", .udp),
            KubernetesCase("http", transport: "TCP", .http),
        ]
    )
    func kubernetes(testCase: KubernetesCase) {
        let actual = ServiceProtocol.forKubernetesPort(
            number: testCase.number,
            name: testCase.name,
            transport: testCase.transport,
            appProtocol: testCase.appProtocol
        )
        #expect(actual == testCase.expected)
    }

    @Test(
        "ServiceEntry ports: the declared protocol without case, else the name",
        arguments: [
            ("HTTP", "x", ServiceProtocol.http), ("grpc", "x", .grpc), ("Mongo", "x", .mongo),
            ("TLS", "https", .tls), ("bogus", "http", .unsupported), (nil, "http-api", .http),
            (nil, "web", .unsupported),
        ] as [(String?, String, ServiceProtocol)]
    )
    func serviceEntry(declared: String?, name: String, expected: ServiceProtocol) {
        #expect(ServiceProtocol.forServiceEntryPort(number: 443, name: name, declared: declared) == expected)
    }

    @Test("Only HTTP-family protocols get L7 routing; unsupported ones are detected")
    func families() {
        #expect(ServiceProtocol.allCases.filter(\.isHTTP) == [.http, .http2, .httpProxy, .grpc, .grpcWeb])
        #expect(ServiceProtocol.allCases.filter(\.isTCP) == [.https, .tls, .tcp, .mongo, .redis, .mysql])
        #expect(ServiceProtocol.allCases.filter(\.needsDetection) == [.unsupported])
    }
}

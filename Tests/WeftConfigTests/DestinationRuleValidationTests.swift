import Testing
import WeftCore

@testable import WeftConfig

@Suite("DestinationRule validation rules")
struct DestinationRuleValidationTests {
    @Test(
        "TLS modes: ISTIO_MUTUAL and DISABLE warn, origination is not supported yet",
        arguments: [
            (
                "tls: {mode: SIMPLE, sni: api.example.com}",
                [
                    destinationRulePrefix
                        + "spec.trafficPolicy.tls.mode: TLS origination (SIMPLE, MUTUAL) is not supported yet"
                ],
                [String]()
            ),
            (
                "tls:\n  mode: MUTUAL\n  clientCertificate: /etc/certs/myclientcert.pem\n  privateKey: /etc/certs/client_private_key.pem\n  caCertificates: /etc/certs/rootcacerts.pem",
                [
                    destinationRulePrefix
                        + "spec.trafficPolicy.tls.mode: TLS origination (SIMPLE, MUTUAL) is not supported yet"
                ],
                []
            ),
            (
                "tls: {mode: DISABLE}",
                [],
                [
                    "warning: " + destinationRulePrefix
                        + "spec.trafficPolicy.tls.mode: Weft connects to this destination in plaintext when it is outside the mesh (enrolled workloads are always reached over HBONE)"
                ]
            ),
            (
                "tls: {}",
                [],
                [
                    "warning: " + destinationRulePrefix
                        + "spec.trafficPolicy.tls: no mode means DISABLE: Weft connects to this destination in plaintext when it is outside the mesh (enrolled workloads are always reached over HBONE)"
                ]
            ),
            (
                "tls: {mode: ISTIO_MUTUAL, sni: reviews.example.com}",
                [
                    destinationRulePrefix
                        + "spec.trafficPolicy.tls.sni: only applies to TLS origination (SIMPLE, MUTUAL), which is not supported yet"
                ],
                [
                    "warning: " + destinationRulePrefix
                        + "spec.trafficPolicy.tls.mode: ISTIO_MUTUAL is what Weft's HBONE tunnels always do between enrolled workloads: this changes nothing"
                ]
            ),
            (
                "tls: {mode: istio_mutual}",
                [
                    destinationRulePrefix
                        + "spec.trafficPolicy.tls.mode: \"istio_mutual\" is not one of DISABLE, SIMPLE, MUTUAL, ISTIO_MUTUAL (values are case-sensitive: use ISTIO_MUTUAL)"
                ],
                []
            ),
        ]
    )
    func tlsModes(policy: String, errors: [String], warnings: [String]) {
        let yaml = destinationRuleYAML(
            "host: reviews\ntrafficPolicy:\n" + policy.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        )
        let result = decode(yaml, file: "dr.yaml")
        #expect(result.diagnostics.errors.map(\.description) == errors)
        #expect(result.diagnostics.warnings.map(\.description) == warnings)
    }

    @Test(
        "Istio's validation rules, one broken field at a time",
        arguments: [
            (
                "trafficPolicy: {}",
                "spec.trafficPolicy: must set at least one of loadBalancer, connectionPool, outlierDetection, tls, portLevelSettings, retryBudget"
            ),
            ("trafficPolicy: {connectionPool: {}}", "spec.trafficPolicy.connectionPool: must set tcp or http"),
            (
                "trafficPolicy: {connectionPool: {http: {h2UpgradePolicy: UPGRADE, useClientProtocol: true}}}",
                "spec.trafficPolicy.connectionPool.http.useClientProtocol: must not be true when h2UpgradePolicy is UPGRADE"
            ),
            (
                "trafficPolicy: {connectionPool: {tcp: {connectTimeout: 0s}}}",
                "spec.trafficPolicy.connectionPool.tcp.connectTimeout: must be at least 1ms (got 0s)"
            ),
            (
                "trafficPolicy: {connectionPool: {http: {idleTimeout: 1.5ms}}}",
                "spec.trafficPolicy.connectionPool.http.idleTimeout: must be a whole number of milliseconds (got 1.5ms)"
            ),
            (
                "trafficPolicy: {loadBalancer: {simple: round_robin}}",
                "spec.trafficPolicy.loadBalancer.simple: \"round_robin\" is not one of UNSPECIFIED, LEAST_REQUEST, LEAST_CONN, ROUND_ROBIN, RANDOM, PASSTHROUGH (values are case-sensitive: use ROUND_ROBIN)"
            ),
            (
                "trafficPolicy: {loadBalancer: {consistentHash: {}}}",
                "spec.trafficPolicy.loadBalancer.consistentHash: one of httpHeaderName, httpCookie, useSourceIp, httpQueryParameterName is required (the hash key)"
            ),
            (
                "trafficPolicy: {loadBalancer: {consistentHash: {useSourceIp: false}}}",
                "spec.trafficPolicy.loadBalancer.consistentHash.useSourceIp: must be true when set (to hash on something else, set that key instead)"
            ),
            (
                "trafficPolicy: {loadBalancer: {consistentHash: {httpHeaderName: x-user, maglev: {}}}}",
                "spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize: is required"
            ),
            (
                "trafficPolicy: {loadBalancer: {consistentHash: {httpHeaderName: x-user, maglev: {tableSize: 5000011}}}}",
                "spec.trafficPolicy.loadBalancer.consistentHash.maglev.tableSize: must be less than 5000011 (got 5000011)"
            ),
            (
                "trafficPolicy: {loadBalancer: {warmup: {minimumPercent: 10}}}",
                "spec.trafficPolicy.loadBalancer.warmup.duration: is required"
            ),
            (
                "trafficPolicy: {loadBalancer: {warmup: {duration: 60s, minimumPercent: 120}}}",
                "spec.trafficPolicy.loadBalancer.warmup.minimumPercent: must be between 0 and 100 (got 120)"
            ),
            (
                "trafficPolicy: {loadBalancer: {warmup: {duration: 60s, aggression: 0}}}",
                "spec.trafficPolicy.loadBalancer.warmup.aggression: must be greater than 0 (got 0)"
            ),
            (
                "trafficPolicy: {loadBalancer: {warmup: {duration: 60s}, warmupDurationSecs: 60s}}",
                "spec.trafficPolicy.loadBalancer: only one of warmup, warmupDurationSecs may be set (got warmup and warmupDurationSecs)"
            ),
            (
                "trafficPolicy: {outlierDetection: {baseEjectionTime: 30}}",
                "spec.trafficPolicy.outlierDetection.baseEjectionTime: must be a duration such as \"1.5s\" or \"100ms\" (got 30)"
            ),
            (
                "trafficPolicy: {portLevelSettings: [{port: {number: 70000}, tls: {mode: ISTIO_MUTUAL}}]}",
                "spec.trafficPolicy.portLevelSettings[0].port.number: must be between 1 and 65535 (got 70000)"
            ),
            (
                "trafficPolicy: {portLevelSettings: [{port: {number: 80}}]}",
                "spec.trafficPolicy.portLevelSettings[0]: must set at least one of loadBalancer, connectionPool, outlierDetection, tls"
            ),
            (
                "trafficPolicy: {portLevelSettings: [{loadBalancer: {simple: RANDOM}}]}",
                "spec.trafficPolicy.portLevelSettings[0].port: is required"
            ),
            (
                "trafficPolicy: {tunnel: {targetHost: proxy.example.com, targetPort: 3128}}",
                "spec.trafficPolicy.tunnel: tunnel (egress tunnelling over CONNECT or POST) is not supported"
            ),
            (
                "trafficPolicy: {proxyProtocol: {version: V2}}",
                "spec.trafficPolicy.proxyProtocol: proxyProtocol (sending a PROXY protocol header upstream) is not supported"
            ),
            (
                "trafficPolicy: {retryBudget: {percent: {value: 120}}}",
                "spec.trafficPolicy.retryBudget.percent.value: must be between 0 and 100 (got 120)"
            ),
            (
                "trafficPolicy: {loadBalancer: {simpel: RANDOM}}",
                "spec.trafficPolicy.loadBalancer.simpel: unknown field"
            ),
            ("exportTo: [\".\", default]", "spec.exportTo[1]: \"default\" repeats spec.exportTo[0] (\".\")"),
            ("exportTo: [\"*\", istio-system]", "spec.exportTo: \"*\" cannot be combined with other entries"),
            (
                "exportTo: [\"~\"]",
                "spec.exportTo[0]: \"~\" is not a namespace, \".\" (this namespace), \"*\" (all namespaces)"
            ),
            (
                "workloadSelector: {matchLabels: {app: ratings}}\nexportTo: [\"*\"]",
                "spec.exportTo: a DestinationRule with a workloadSelector can only be exported to its own namespace (\".\")"
            ),
        ]
    )
    func oneBrokenField(spec: String, error: String) {
        let yaml = destinationRuleYAML("host: reviews\n" + spec)
        #expect(errorTexts(yaml, file: "dr.yaml") == [destinationRulePrefix + error])
    }

    @Test("host is required and must be a host name")
    func hostRules() {
        #expect(
            errorTexts(destinationRuleYAML("subsets: [{name: v1}]"), file: "dr.yaml") == [
                destinationRulePrefix + "spec.host: is required"
            ]
        )
        #expect(
            errorTexts(destinationRuleYAML("host: reviews_v1.default"), file: "dr.yaml") == [
                destinationRulePrefix
                    + "spec.host: \"reviews_v1.default\" is not a valid host name (label \"reviews_v1\" is invalid)"
            ]
        )
        // Wildcards are allowed in the first label only.
        #expect(
            errorTexts(destinationRuleYAML("host: \"*.example.com\"\ntrafficPolicy: {tls: {mode: ISTIO_MUTUAL}}"))
                .isEmpty
        )
        #expect(
            errorTexts(destinationRuleYAML("host: api.*.com"), file: "dr.yaml") == [
                destinationRulePrefix + "spec.host: \"api.*.com\" is not a valid host name (label \"*\" is invalid)"
            ]
        )
    }

    @Test("Accepted values and their defaults: 0s TCP idle timeout, unchecked cookie TTL, deprecated fields")
    func acceptedEdgeValues() throws {
        let yaml = destinationRuleYAML(
            """
            host: reviews
            trafficPolicy:
              connectionPool:
                tcp:
                  idleTimeout: 0s
                  tcpKeepalive: {probes: 3, time: 600s, interval: 75s}
                  maxConnectionDuration: 1h
                http:
                  maxRetries: 0
                  maxConcurrentStreams: 100
                  idleTimeout: 30s
                  h2UpgradePolicy: UPGRADE
              loadBalancer:
                simple: LEAST_CONN
                warmupDurationSecs: 90s
              outlierDetection:
                consecutiveErrors: 7
              retryBudget:
                percent: {value: 25.5}
                minRetryConcurrency: 5
            subsets:
            - name: sticky
              trafficPolicy:
                loadBalancer:
                  consistentHash:
                    httpCookie: {name: session, path: /, ttl: 0.5ms}
            """
        )
        let result = decode(yaml, file: "dr.yaml")
        #expect(result.diagnostics.errors.map(\.description) == [])
        let rule = try #require(result.config.destinationRules.first)
        let tcp = try #require(rule.trafficPolicy?.connectionPool?.tcp)
        #expect(tcp.idleTimeout == .zero, "0s turns the TCP idle timeout off")
        #expect(tcp.maxConnectionDuration == .seconds(3600))
        var keepalive = ConnectionPoolSettings.TCPKeepalive()
        keepalive.probes = 3
        keepalive.time = .seconds(600)
        keepalive.interval = .seconds(75)
        #expect(tcp.tcpKeepalive == keepalive)
        let http = try #require(rule.trafficPolicy?.connectionPool?.http)
        #expect(http.maxRetries == Int(UInt32.max), "0 keeps the default, as Istio's translation does")
        #expect(http.maxConcurrentStreams == 100)
        #expect(http.idleTimeout == .seconds(30))
        #expect(http.h2UpgradePolicy == .upgrade)
        #expect(rule.trafficPolicy?.loadBalancer?.policy == .simple(.leastConn))
        #expect(rule.trafficPolicy?.loadBalancer?.warmup?.duration == .seconds(90))
        // consecutiveErrors counts gateway errors only and switches plain 5xx counting off.
        #expect(rule.trafficPolicy?.outlierDetection?.consecutiveGatewayErrors == 7)
        #expect(rule.trafficPolicy?.outlierDetection?.consecutive5xxErrors == 0)
        #expect(rule.trafficPolicy?.retryBudget?.percent == 25.5)
        #expect(rule.trafficPolicy?.retryBudget?.minRetryConcurrency == 5)
        #expect(
            rule.subsets.first?.trafficPolicy?.loadBalancer?.policy
                == .consistentHash(
                    {
                        var hash = ConsistentHash()
                        hash.key = .httpCookie(name: "session", path: "/", ttl: .microseconds(500))
                        return hash
                    }()
                )
        )
        #expect(
            result.diagnostics.warnings.map(\.description) == [
                "warning: " + destinationRulePrefix
                    + "spec.trafficPolicy.loadBalancer.simple: LEAST_CONN is deprecated and acts as LEAST_REQUEST",
                "warning: " + destinationRulePrefix
                    + "spec.trafficPolicy.loadBalancer.warmupDurationSecs: deprecated: use warmup.duration",
                "warning: " + destinationRulePrefix
                    + "spec.trafficPolicy.outlierDetection.consecutiveErrors: deprecated: acts as consecutiveGatewayErrors (502, 503 and 504 only); use consecutiveGatewayErrors or consecutive5xxErrors",
            ]
        )
    }

    @Test("A workloadSelector without labels selects everything: Istio warns")
    func emptyWorkloadSelector() {
        let yaml = destinationRuleYAML("host: reviews\ntrafficPolicy: {tls: {mode: DISABLE}}\nworkloadSelector: {}")
        let result = decode(yaml, file: "dr.yaml")
        #expect(result.diagnostics.errors.isEmpty)
        #expect(result.config.destinationRules.first?.workloadSelector == LabelSelector())
        #expect(
            result.diagnostics.warnings.map(\.description).last
                == "warning: " + destinationRulePrefix
                + "spec.workloadSelector: has no matchLabels, so it selects every workload in the namespace"
        )
    }

    @Test(
        "Maglev table sizes must be prime",
        arguments: [(65537, true), (65536, false), (2, true), (1, false), (9, false), (4_999_999, true)]
    )
    func maglevPrimes(size: Int, prime: Bool) {
        #expect(LoadBalancerDecoding.isPrime(size) == prime)
    }
}

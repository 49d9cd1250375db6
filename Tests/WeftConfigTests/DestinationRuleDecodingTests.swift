import Testing
import WeftCore

@testable import WeftConfig

@Suite("DestinationRule decoding")
struct DestinationRuleDecodingTests {
    @Test("Istio's documented DestinationRules decode to the expected model")
    func corpusDecodes() throws {
        let result = try decodeCorpus("destination-rule.yaml")
        #expect(result.diagnostics.errors.map(\.description) == [])
        let rules = Dictionary(uniqueKeysWithValues: result.config.destinationRules.map { ($0.metadata.name, $0) })
        #expect(rules.count == 6)

        // Circuit breaking: one connection, one pending request, eject after one 5xx.
        let httpbin = try #require(rules["httpbin"])
        #expect(httpbin.host == "httpbin")
        let pool = try #require(httpbin.trafficPolicy?.connectionPool)
        #expect(pool.tcp?.maxConnections == 1)
        #expect(pool.tcp?.connectTimeout == .seconds(10), "an unset connect timeout keeps Istio's 10 s default")
        #expect(pool.http?.http1MaxPendingRequests == 1)
        #expect(pool.http?.maxRequestsPerConnection == 1)
        #expect(pool.http?.http2MaxRequests == Int(UInt32.max))
        var outlier = OutlierDetection()
        outlier.consecutive5xxErrors = 1
        outlier.interval = .seconds(1)
        outlier.baseEjectionTime = .seconds(180)
        outlier.maxEjectionPercent = 100
        #expect(httpbin.trafficPolicy?.outlierDetection == outlier)

        // Bookinfo subsets by version label; v3 overrides the balancer.
        let reviews = try #require(rules["reviews"])
        #expect(reviews.trafficPolicy == nil)
        #expect(reviews.subsets.map(\.name) == ["v1", "v2", "v3"])
        #expect(reviews.subsets.map(\.labels) == [["version": "v1"], ["version": "v2"], ["version": "v3"]])
        #expect(reviews.subsets[0].trafficPolicy == nil)
        #expect(reviews.subsets[2].trafficPolicy?.loadBalancer?.policy == .simple(.roundRobin))

        // Sticky sessions on the `user` cookie; `ttl: 0s` asks for a session cookie.
        let ratings = try #require(rules["bookinfo-ratings"])
        #expect(ratings.metadata.namespace == "prod")
        var cookieHash = ConsistentHash()
        cookieHash.key = .httpCookie(name: "user", path: nil, ttl: .zero)
        #expect(ratings.trafficPolicy?.loadBalancer?.policy == .consistentHash(cookieHash))
        #expect(cookieHash.algorithm == .ringHash(minimumRingSize: 1024))

        // Locality failover from region1 to region2, with the outlier detection it needs.
        let failover = try #require(rules["helloworld"]?.trafficPolicy)
        #expect(failover.loadBalancer?.policy == .simple(.roundRobin))
        var expectedFailover = LocalityLoadBalancerSetting.Failover()
        expectedFailover.from = "region1"
        expectedFailover.to = "region2"
        #expect(failover.loadBalancer?.localityLbSetting?.failover == [expectedFailover])
        #expect(failover.loadBalancer?.localityLbSetting?.enabled == true)
        #expect(failover.outlierDetection?.baseEjectionTime == .seconds(60))
        #expect(failover.connectionPool?.tcp == nil)

        // Weighted distribution: 70/20/10 from zone1.
        let distribute = try #require(rules["helloworld-distribute"]?.trafficPolicy?.loadBalancer?.localityLbSetting)
        #expect(distribute.distribute.map(\.from) == ["region1/zone1/*"])
        #expect(
            distribute.distribute.first?.to == ["region1/zone1/*": 70, "region1/zone2/*": 20, "region3/zone4/*": 10]
        )

        // Port-level policies: LEAST_REQUEST on 80, Maglev on a header on 9080.
        let ports = try #require(rules["ratings-port-policy"]?.trafficPolicy)
        #expect(ports.tls?.mode == .istioMutual)
        #expect(ports.portLevelSettings.map(\.port) == [80, 9080])
        #expect(ports.portLevelSettings[0].loadBalancer?.policy == .simple(.leastRequest))
        var maglev = ConsistentHash()
        maglev.key = .httpHeaderName("x-user")
        maglev.algorithm = .maglev(tableSize: 65537)
        #expect(ports.portLevelSettings[1].loadBalancer?.policy == .consistentHash(maglev))

        // ISTIO_MUTUAL is accepted, with a note that HBONE already does it.
        #expect(
            result.diagnostics.warnings.map(\.description) == [
                "warning: destination-rule.yaml: document 6: DestinationRule prod/ratings-port-policy: spec.trafficPolicy.tls.mode: ISTIO_MUTUAL is what Weft's HBONE tunnels always do between enrolled workloads: this changes nothing"
            ]
        )
    }

    @Test("A broken circuit breaker reports every problem in one pass")
    func brokenCircuitBreaker() {
        let yaml = destinationRuleYAML(
            """
            host: httpbin
            trafficPolicy:
              connectionPool:
                tcp:
                  maxConnections: -1
                  connectTimeout: 5 seconds
                http:
                  h2UpgradePolicy: upgrade
                  http1MaxPendingRequest: 1
              outlierDetection:
                consecutive5xxErrors: 1
                consecutiveLocalOriginFailures: 3
                interval: 0s
                maxEjectionPercent: 150
                minHealthPercent: -1
            """
        )
        #expect(
            errorTexts(yaml, file: "dr.yaml") == [
                destinationRulePrefix
                    + "spec.trafficPolicy.connectionPool.tcp.maxConnections: must be between 0 and 2147483647 (got -1)",
                destinationRulePrefix
                    + "spec.trafficPolicy.connectionPool.tcp.connectTimeout: \"5 seconds\" is not a duration (use e.g. 100ms, 1.5s, 1m30s)",
                destinationRulePrefix
                    + "spec.trafficPolicy.connectionPool.http.h2UpgradePolicy: \"upgrade\" is not one of DEFAULT, DO_NOT_UPGRADE, UPGRADE (values are case-sensitive: use UPGRADE)",
                destinationRulePrefix + "spec.trafficPolicy.connectionPool.http.http1MaxPendingRequest: unknown field",
                destinationRulePrefix
                    + "spec.trafficPolicy.outlierDetection.consecutiveLocalOriginFailures: only counts when splitExternalLocalOriginErrors is true",
                destinationRulePrefix + "spec.trafficPolicy.outlierDetection.interval: must be at least 1ms (got 0s)",
                destinationRulePrefix
                    + "spec.trafficPolicy.outlierDetection.maxEjectionPercent: must be between 0 and 100 (got 150)",
                destinationRulePrefix
                    + "spec.trafficPolicy.outlierDetection.minHealthPercent: must be between 0 and 100 (got -1)",
            ]
        )
        #expect(decode(yaml).config.destinationRules.isEmpty, "a rule with errors is not served")
    }

    @Test("Subset names are DNS labels, unique and required")
    func brokenSubsets() {
        let yaml = destinationRuleYAML(
            """
            host: reviews
            subsets:
            - name: v1
              labels: {version: v1}
            - name: v1
              labels: {version: v2}
            - name: v_3
              labels: {version: v3}
              trafficPolicy: {}
            - labels: {version: v4}
            """
        )
        #expect(
            errorTexts(yaml, file: "dr.yaml") == [
                destinationRulePrefix + "spec.subsets[1].name: duplicate subset name \"v1\" (also spec.subsets[0])",
                destinationRulePrefix
                    + "spec.subsets[2].name: \"v_3\" is not a valid subset name (a DNS label: letters, digits and '-')",
                destinationRulePrefix
                    + "spec.subsets[2].trafficPolicy: must set at least one of loadBalancer, connectionPool, outlierDetection, tls, portLevelSettings, retryBudget",
                destinationRulePrefix + "spec.subsets[3].name: is required",
            ]
        )
    }

    @Test("Istio's label syntax allows upper case in subset names")
    func upperCaseSubsetName() {
        let result = decode(destinationRuleYAML("host: reviews\nsubsets:\n- name: V1\n  labels: {version: v1}"))
        #expect(result.diagnostics.all.isEmpty)
        #expect(result.config.destinationRules.first?.subsets.map(\.name) == ["V1"])
    }

    @Test("Broken consistent hashing: key, cookie and algorithm problems")
    func brokenConsistentHash() {
        let yaml = destinationRuleYAML(
            """
            host: ratings
            trafficPolicy:
              loadBalancer:
                consistentHash:
                  httpCookie:
                    ttl: 10s
                    attributes:
                    - name: SameSite
                      value: Strict
                  maglev: {tableSize: 65536}
                  minimumRingSize: 2048
              portLevelSettings:
              - port: {number: 8080}
                loadBalancer:
                  simple: ROUND_ROBIN
                  consistentHash: {useSourceIp: true}
              - port: {number: 9080}
                loadBalancer:
                  consistentHash:
                    httpHeaderName: x-user
                    maglev: {tableSize: 65536}
            """
        )
        #expect(
            errorTexts(yaml, file: "dr.yaml") == [
                destinationRulePrefix + "spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.name: is required",
                destinationRulePrefix
                    + "spec.trafficPolicy.loadBalancer.consistentHash.httpCookie.attributes: cookie attributes are not supported yet",
                destinationRulePrefix
                    + "spec.trafficPolicy.loadBalancer.consistentHash: only one of ringHash, maglev, minimumRingSize may be set (got maglev and minimumRingSize)",
                destinationRulePrefix
                    + "spec.trafficPolicy.portLevelSettings[0].loadBalancer: only one of simple, consistentHash may be set (got simple and consistentHash)",
                destinationRulePrefix
                    + "spec.trafficPolicy.portLevelSettings[1].loadBalancer.consistentHash.maglev.tableSize: must be a prime number (got 65536; 65537 is the usual choice)",
            ]
        )
    }

    @Test("The deprecated minimumRingSize is accepted as ring hash, with a warning")
    func deprecatedMinimumRingSize() {
        let yaml = destinationRuleYAML(
            """
            host: ratings
            trafficPolicy:
              loadBalancer:
                consistentHash:
                  useSourceIp: true
                  minimumRingSize: 2048
            """
        )
        let result = decode(yaml, file: "dr.yaml")
        var expected = ConsistentHash()
        expected.key = .useSourceIp
        expected.algorithm = .ringHash(minimumRingSize: 2048)
        #expect(result.config.destinationRules.first?.trafficPolicy?.loadBalancer?.policy == .consistentHash(expected))
        #expect(
            result.diagnostics.all.map(\.description) == [
                "warning: " + destinationRulePrefix
                    + "spec.trafficPolicy.loadBalancer.consistentHash.minimumRingSize: deprecated: use ringHash.minimumRingSize (this acts as ringHash)"
            ]
        )
    }

    @Test("Broken locality settings: exclusivity, weights, wildcards and failover regions")
    func brokenLocality() {
        let yaml = destinationRuleYAML(
            """
            host: helloworld
            trafficPolicy:
              loadBalancer:
                localityLbSetting:
                  distribute:
                  - from: region1/zone1/*
                    to:
                      "region1/zone1/*": 70
                      "region1/zone2/*": 20
                  - from: region1/*/zone1
                    to:
                      region2: 0
                  failover:
                  - from: region1
                    to: region1
                  - from: region1/zone1
                    to: region*
            """
        )
        let result = decode(yaml, file: "dr.yaml")
        let path = destinationRulePrefix + "spec.trafficPolicy.loadBalancer.localityLbSetting"
        #expect(
            result.diagnostics.errors.map(\.description) == [
                path + ": only one of distribute, failover may be set (got distribute and failover)",
                path + ".distribute[0].to: weights must sum to 100 (got 90)",
                path
                    + ".distribute[1].from: locality \"region1/*/zone1\" may contain one wildcard '*', and only at its end",
                path + ".distribute[1].to.region2: must be between 1 and 100 (got 0)",
                path + ".failover[0]: from and to must be different regions",
                path
                    + ".failover[1].from: \"region1/zone1\" must be a region only (no '/'): failover moves traffic between regions",
                path + ".failover[1].to: \"region*\" must not contain the wildcard '*'",
            ]
        )
        // Istio only warns when failover has no outlier detection to act on.
        #expect(
            result.diagnostics.warnings.map(\.description) == [
                "warning: " + path
                    + ": failover needs outlierDetection in the same traffic policy: without it no endpoint is ever seen as unhealthy, so traffic never fails over"
            ]
        )
    }

    @Test("Overlapping localities are rejected in Istio's order: an earlier, wider one covers a later one")
    func overlappingLocalities() {
        let yaml = destinationRuleYAML(
            """
            host: helloworld
            trafficPolicy:
              loadBalancer:
                localityLbSetting:
                  distribute:
                  - from: region1/*
                    to: {"region1/*": 100}
                  - from: region1/zone1
                    to: {"region1/zone1": 60, "region1/zone1/a": 40}
                  - from: "*"
                    to: {"region2": 100}
            """
        )
        let path = destinationRulePrefix + "spec.trafficPolicy.loadBalancer.localityLbSetting"
        #expect(
            errorTexts(yaml, file: "dr.yaml") == [
                path + ".distribute[1].from: locality \"region1/zone1\" overlaps one listed before it",
                path + ".distribute[1].to.region1/zone1/a: locality \"region1/zone1/a\" overlaps one listed before it",
            ]
        )
    }
}

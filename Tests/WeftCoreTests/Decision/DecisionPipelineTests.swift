import Testing
import WeftCore

@Suite("Decision pipeline: classify → protocol → route → balance → resilience → mTLS → authorize")
struct DecisionPipelineTests {
    static let pipeline = DecisionFixture.pipeline()
    static let reviewsVIP = dst("10.96.0.13", 9080)
    static let ratingsVIP = dst("10.96.0.12", 9080)

    /// One row of the bookinfo table: a call and what every step must say about it.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var from: String
        var to: DestinationAddress
        var request: HTTPRequestHead?
        var route: String
        var destination: String?
        var endpoints: Set<String>
        var mtls: String?
        var authorize: String
        var result: String

        var testDescription: String { self.name }
    }

    static let cases: [Case] = [
        Case(
            name: "jason's header routes to reviews v2",
            from: "productpage-v1",
            to: reviewsVIP,
            request: DecisionFixture.get(headers: [("end-user", "jason")]),
            route: "VirtualService default/reviews http[0] \"jason-gets-v2\" match[0]",
            destination: "reviews.default.svc.cluster.local:9080 subset v2 (DestinationRule default/reviews)",
            endpoints: ["reviews-v2"],
            mtls: "STRICT (PeerAuthentication istio-system/default)",
            authorize:
                "allowed: no ALLOW policy applies to the workload [peer cluster.local/ns/default/sa/default, port 9080]",
            result: "allowed and routed"
        ),
        Case(
            name: "everyone else takes the 80/20 canary over v1 and v3",
            from: "productpage-v1",
            to: reviewsVIP,
            request: DecisionFixture.get(),
            route: "VirtualService default/reviews http[1] \"canary\"",
            destination: nil,
            endpoints: ["reviews-v1", "reviews-v3"],
            mtls: "STRICT (PeerAuthentication istio-system/default)",
            authorize:
                "allowed: no ALLOW policy applies to the workload [peer cluster.local/ns/default/sa/default, port 9080]",
            result: "allowed and routed"
        ),
        Case(
            name: "the DENY policy refuses reviews' admin paths",
            from: "productpage-v1",
            to: reviewsVIP,
            request: DecisionFixture.get("/admin/stats"),
            route: "VirtualService default/reviews http[1] \"canary\"",
            destination: nil,
            endpoints: ["reviews-v1", "reviews-v3"],
            mtls: "STRICT (PeerAuthentication istio-system/default)",
            authorize:
                "denied by AuthorizationPolicy default/deny-reviews-admin (rules[0]) [peer cluster.local/ns/default/sa/default, port 9080]",
            result: "denied by AuthorizationPolicy default/deny-reviews-admin (rules[0])"
        ),
        Case(
            name: "reviews may call ratings (ALLOW by principal)",
            from: "reviews-v2",
            to: ratingsVIP,
            request: DecisionFixture.get(authority: "ratings:9080"),
            route: "default route (no http rule applies)",
            destination: "ratings.default.svc.cluster.local:9080 (no DestinationRule)",
            endpoints: ["ratings-v1"],
            mtls: "STRICT (PeerAuthentication istio-system/default)",
            authorize:
                "allowed by AuthorizationPolicy default/ratings-from-reviews (rules[0]) [peer cluster.local/ns/default/sa/bookinfo-reviews, port 9080]",
            result: "allowed and routed"
        ),
        Case(
            name: "productpage may not call ratings: an ALLOW policy applies and none matches",
            from: "productpage-v1",
            to: ratingsVIP,
            request: DecisionFixture.get(authority: "ratings:9080"),
            route: "default route (no http rule applies)",
            destination: "ratings.default.svc.cluster.local:9080 (no DestinationRule)",
            endpoints: ["ratings-v1"],
            mtls: "STRICT (PeerAuthentication istio-system/default)",
            authorize:
                "denied: ALLOW policies apply (default/ratings-from-reviews) but none matched [peer cluster.local/ns/default/sa/default, port 9080]",
            result: "denied: ALLOW policies apply (default/ratings-from-reviews) but none matched"
        ),
        Case(
            name: "a plaintext client is refused by STRICT mTLS",
            from: "legacy",
            to: ratingsVIP,
            request: DecisionFixture.get(authority: "ratings:9080"),
            route: "default route (no http rule applies)",
            destination: "ratings.default.svc.cluster.local:9080 (no DestinationRule)",
            endpoints: ["ratings-v1"],
            mtls: "STRICT (PeerAuthentication istio-system/default)",
            authorize:
                "denied: PeerAuthentication istio-system/default requires mutual TLS (STRICT) and the connection has no peer identity [no peer identity (plaintext), port 9080]",
            result:
                "denied: PeerAuthentication istio-system/default requires mutual TLS (STRICT) and the connection has no peer identity"
        ),
        Case(
            name: "a TCP connection to mongodb takes the tcp route to subset v1, a WorkloadEntry on a VM",
            from: "ratings-v1",
            to: dst("10.96.0.14", 27017),
            request: nil,
            route: "VirtualService default/mongodb tcp[0] match[0]",
            destination: "mongodb.default.svc.cluster.local:27017 subset v1 (DestinationRule default/mongodb)",
            endpoints: ["mongodb-vm"],
            mtls: "STRICT (PeerAuthentication istio-system/default)",
            authorize:
                "allowed: no ALLOW policy applies to the workload [peer cluster.local/ns/default/sa/default, port 27017]",
            result: "allowed and routed"
        ),
        Case(
            name: "an unknown address passes through under ALLOW_ANY, unchecked",
            from: "productpage-v1",
            to: dst("93.184.216.34", 443),
            request: nil,
            route: "passthrough to 93.184.216.34:443 (outbound traffic policy ALLOW_ANY)",
            destination: nil,
            endpoints: [],
            mtls: nil,
            authorize: "not enforced: passthrough to an address outside the mesh",
            result: "allowed and routed"
        ),
        Case(
            name: "a workload's own address is direct, L7 because the reviews service declares the port http",
            from: "productpage-v1",
            to: dst("10.248.0.22", 9080),
            request: DecisionFixture.get(authority: "10.248.0.22:9080"),
            route:
                "direct to workload default/reviews-v2 (VirtualServices route services, not workload addresses)",
            destination: nil,
            endpoints: ["reviews-v2"],
            mtls: "STRICT (PeerAuthentication istio-system/default)",
            authorize:
                "allowed: no ALLOW policy applies to the workload [peer cluster.local/ns/default/sa/default, port 9080]",
            result: "allowed and routed"
        ),
    ]

    @Test("Bookinfo calls, step by step", arguments: Self.cases)
    func bookinfo(_ row: Case) throws {
        let decision = DecisionFixture.decide(Self.pipeline, from: row.from, to: row.to, request: row.request)
        #expect(decision.step("route") == row.route)
        if let destination = row.destination { #expect(decision.step("destination") == destination) }
        #expect(Set(decision.endpointWorkload.map { [$0] } ?? []).isSubset(of: row.endpoints))
        #expect((decision.endpointWorkload == nil) == row.endpoints.isEmpty)
        #expect(decision.step("mtls") == row.mtls)
        #expect(decision.step("authorize") == row.authorize)
        #expect(decision.step("result") == row.result)
        #expect(decision.isAllowedAndRouted == (row.result == "allowed and routed"))
    }

    @Test("The canary's timeout and retries are in force; the default route gets Istio's default retries")
    func resilience() throws {
        let canary = DecisionFixture.decide(
            Self.pipeline,
            from: "productpage-v1",
            to: Self.reviewsVIP,
            request: DecisionFixture.get()
        )
        let settings = try #require(canary.resilience)
        #expect(settings.timeout == .seconds(10))
        #expect(settings.retry.attempts == 3)
        #expect(settings.retry.perTryTimeout == .seconds(2))
        #expect(settings.retry.conditions == [.fiveXX, .connectFailure])
        #expect(canary.step("timeout") == "10s")
        #expect(canary.step("retries") == "3 retries on 5xx,connect-failure, per try 2s")
        #expect(canary.step("fault") == "none")
        #expect(canary.step("mirror") == "none")
        #expect(canary.step("balance") == "LEAST_REQUEST over 1 endpoint")
        #expect(canary.step("limits") == "none (Istio defaults)")
        #expect(canary.step("outlier") == "off (no outlierDetection)")

        let details = DecisionFixture.decide(
            Self.pipeline,
            from: "productpage-v1",
            to: dst("10.96.0.11", 9080),
            request: DecisionFixture.get(authority: "details:9080")
        )
        #expect(details.resilience?.timeout == nil)
        #expect(details.resilience?.retry.attempts == 2)
        #expect(
            details.step("retries")
                == "2 retries on connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes (status 503) (Istio default)"
        )
        #expect(details.step("timeout") == "none")
    }

    @Test("A TCP route carries the destination's connection-pool limits and connect timeout, no request settings")
    func tcpResilience() throws {
        let decision = DecisionFixture.decide(Self.pipeline, from: "ratings-v1", to: dst("10.96.0.14", 27017))
        #expect(decision.protocolChoice == ProtocolChoice(declared: .mongo, handling: .tcp, basis: .declared))
        #expect(decision.step("protocol") == "TCP (declared Mongo)")
        let settings = try #require(decision.resilience)
        #expect(settings.limits.maxConnections == 100)
        #expect(settings.connectTimeout == .seconds(3))
        #expect(settings.retry == .disabled)
        #expect(decision.step("retries") == nil, "TCP has no request-level steps")
        #expect(decision.step("limits") == "tcp.maxConnections 100")
        #expect(decision.step("connect") == "timeout 3s")
    }

    @Test("REGISTRY_ONLY blocks an unknown destination: no route, nothing balanced or authorized")
    func registryOnly() throws {
        let decision = DecisionFixture.decide(
            DecisionFixture.pipeline(outbound: .registryOnly),
            from: "productpage-v1",
            to: dst("93.184.216.34", 443)
        )
        #expect(decision.outcome == .noRoute(.blockedByOutboundPolicy(dst("93.184.216.34", 443))))
        #expect(decision.endpoint == .notChosen)
        #expect(decision.authorization == .notEnforced(.notRouted))
        #expect(
            decision.step("result")
                == "no route: 93.184.216.34:443 is not a known service or workload and the outbound traffic policy is REGISTRY_ONLY"
        )
    }

    @Test("The deciding policy is named in the outcome of a denial")
    func decidingPolicy() throws {
        let decision = DecisionFixture.decide(
            Self.pipeline,
            from: "productpage-v1",
            to: Self.reviewsVIP,
            request: DecisionFixture.get("/admin")
        )
        guard case .denied(let denial) = decision.outcome else {
            Issue.record("expected a denial, got \(decision.outcome)")
            return
        }
        #expect(
            denial.decidingResource
                == ResourceID(kind: .authorizationPolicy, namespace: "default", name: "deny-reviews-admin")
        )
        let check = try #require(decision.authorization.check)
        #expect(check.target.namespace == "default")
        #expect(check.target.labels["app"] == "reviews")
        #expect(check.request.http?.path == "/admin")
        #expect(check.request.destinationPort == 9080)
    }

    @Test("An HTTP port decided before the request is read is L4; an undeclared port is HTTP only with a request")
    func protocolChoice() {
        let connection = DecisionFixture.decide(Self.pipeline, from: "productpage-v1", to: Self.reviewsVIP)
        #expect(connection.protocolChoice.handling == .tcp)
        #expect(connection.protocolChoice.basis == .connectionLevel)
        if case .tcp(.service) = connection.route {} else { Issue.record("expected an L4 route: \(connection.route)") }

        var config = DecisionFixture.config()
        config.services.append(Fixture.service("echo", ports: [(7000, "custom")], clusterIP: "10.96.0.20"))
        var workloads = DecisionFixture.workloads()
        workloads.workloads.append(Fixture.workload("echo", labels: ["app": "echo"], ip: "10.248.0.20"))
        let pipeline = DecisionPipeline(snapshot: MeshSnapshot(config: config, enrolled: workloads))
        let detected = DecisionFixture.decide(
            pipeline,
            from: "productpage-v1",
            to: dst("10.96.0.20", 7000),
            request: DecisionFixture.get(authority: "echo:7000")
        )
        #expect(detected.protocolChoice == ProtocolChoice(declared: .unsupported, handling: .http, basis: .detected))
        #expect(detected.step("route") == "default route (no http rule applies)")
        let opaque = DecisionFixture.decide(pipeline, from: "productpage-v1", to: dst("10.96.0.20", 7000))
        #expect(opaque.protocolChoice == ProtocolChoice(declared: .unsupported, handling: .tcp, basis: .detected))
        #expect(opaque.step("route") == "default route (no tcp rule applies)")
    }
}

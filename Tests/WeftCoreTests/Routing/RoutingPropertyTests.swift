import PropertyBased
import Testing
import WeftCore

@Suite("Routing properties")
struct RoutingPropertyTests {
    /// Bookinfo with a reviews VirtualService splitting tcp and http traffic over subsets by `weights`.
    static func weightedSnapshot(_ weights: [Int]) -> MeshSnapshot {
        var (config, workloads) = Fixture.bookinfo()
        let subsets = weights.indices.map { ("s\($0)", ["app": "reviews"]) }
        config.destinationRules = [Fixture.destinationRule("reviews", host: "reviews", subsets: subsets)]
        var tcp = TCPRoute()
        tcp.route = weights.enumerated().map {
            RouteDestination(destination: Destination(host: "reviews", subset: "s\($0.offset)"), weight: $0.element)
        }
        config.virtualServices = [
            Fixture.virtualService(
                "reviews",
                hosts: ["reviews"],
                http: [Fixture.httpRoute(to: weights.enumerated().map { ("reviews", "s\($0.offset)", $0.element) })],
                tcp: [tcp]
            )
        ]
        return MeshSnapshot(config: config, enrolled: workloads)
    }

    @Test("Weighted L4 picks converge to weight / Σ weights")
    func l4WeightsConverge() async {
        await propertyCheck(count: 12, input: Gen.int(in: 0...100).array(of: 2...4), Gen.uint64()) { weights, seed in
            guard weights.reduce(0, +) > 0 else { return }
            let snapshot = Self.weightedSnapshot(weights)
            var rng = SplitMix64(seed: seed)
            var counts = [Int](repeating: 0, count: weights.count)
            let trials = 8_000
            for _ in 0..<trials {
                guard
                    let subset = snapshot.routeL4(
                        to: dst("10.96.0.13", 9080),
                        from: Fixture.productpageSource,
                        using: &rng
                    ).plan?.target.subset,
                    let index = Int(subset.dropFirst())
                else {
                    Issue.record("no route")
                    return
                }
                counts[index] += 1
            }
            Self.expectConverged(counts, weights, trials)
        }
    }

    @Test("Weighted L7 picks converge to weight / Σ weights")
    func l7WeightsConverge() async {
        await propertyCheck(count: 8, input: Gen.int(in: 1...50).array(of: 2...3), Gen.uint64()) { weights, seed in
            let snapshot = Self.weightedSnapshot(weights)
            var rng = SplitMix64(seed: seed)
            var counts = [Int](repeating: 0, count: weights.count)
            let trials = 6_000
            let request = HTTPRequestHead(authority: "reviews:9080", path: "/")
            for _ in 0..<trials {
                guard
                    let plan = snapshot.routeHTTP(
                        request,
                        to: dst("10.96.0.13", 9080),
                        from: Fixture.productpageSource,
                        using: &rng
                    ).plan,
                    let subset = plan.forward?.target.subset, let index = Int(subset.dropFirst())
                else {
                    Issue.record("no route")
                    return
                }
                counts[index] += 1
            }
            Self.expectConverged(counts, weights, trials)
        }
    }

    /// Observed shares within 5 standard deviations of the expected ones, and zero weights never picked.
    static func expectConverged(_ counts: [Int], _ weights: [Int], _ trials: Int) {
        let total = Double(weights.reduce(0, +))
        for (index, weight) in weights.enumerated() {
            let expected = Double(weight) / total
            let observed = Double(counts[index]) / Double(trials)
            let sigma = (expected * (1 - expected) / Double(trials)).squareRoot()
            #expect(
                abs(observed - expected) <= 5 * sigma + 0.001,
                "weights \(weights): share \(observed) for weight \(weight)"
            )
            if weight == 0 { #expect(counts[index] == 0) }
        }
    }

    /// A rule condition drawn from a small vocabulary, so that several rules often match one request.
    enum Condition: CaseIterable, Sendable {
        case pathPrefixAPI, pathExactHealth, headerUserJason, headerUserAny, methodPost, queryDebug, catchAll

        var match: [HTTPMatchRequest] {
            var match = HTTPMatchRequest()
            switch self {
            case .pathPrefixAPI: match.uri = .prefix("/api")
            case .pathExactHealth: match.uri = .exact("/health")
            case .headerUserJason: match.headers = ["end-user": .exact("jason")]
            case .headerUserAny: match.headers = ["end-user": .present]
            case .methodPost: match.method = .exact("POST")
            case .queryDebug: match.queryParams = ["debug": .exact("1")]
            case .catchAll: return []
            }
            return [match]
        }

        /// The oracle: whether the condition holds, written independently of the matchers.
        func holds(path: String, method: String, user: String?) -> Bool {
            let bare = String(path.prefix { $0 != "?" })
            switch self {
            case .pathPrefixAPI: return path.hasPrefix("/api")
            case .pathExactHealth: return bare == "/health"
            case .headerUserJason: return user == "jason"
            case .headerUserAny: return user != nil
            case .methodPost: return method == "POST"
            case .queryDebug:
                return path.split(separator: "?").dropFirst().first?.split(separator: "&").first {
                    $0.hasPrefix("debug=")
                } == "debug=1"
            case .catchAll: return true
            }
        }
    }

    @Test("The first rule whose match holds wins, whatever comes after it")
    func firstMatchOrder() async {
        let allConditions = Condition.allCases
        let conditions = Gen.int(in: 0...(allConditions.count - 1)).map { allConditions[$0] }.array(of: 1...6)
        let allPaths = ["/", "/api/v1", "/health", "/health?debug=1", "/api?debug=1", "/other?debug=2"]
        let paths = Gen.int(in: 0...(allPaths.count - 1)).map { allPaths[$0] }
        let methods = Gen.bool().map { $0 ? "POST" : "GET" }
        let allUsers: [String?] = [nil, "jason", "bob"]
        let users = Gen.int(in: 0...2).map { allUsers[$0] }
        await propertyCheck(count: 200, input: conditions, paths, methods, users) { conditions, path, method, user in
            var (config, workloads) = Fixture.bookinfo()
            config.virtualServices = [
                Fixture.virtualService(
                    "reviews",
                    hosts: ["reviews"],
                    http: conditions.enumerated().map { index, condition in
                        Fixture.httpRoute(name: "r\(index)", match: condition.match, to: [("reviews", nil, nil)])
                    }
                )
            ]
            let snapshot = MeshSnapshot(config: config, enrolled: workloads)
            let request = HTTPRequestHead(
                method: method,
                authority: "reviews",
                path: path,
                headers: user.map { [HTTPHeaderField("end-user", $0)] } ?? []
            )
            var rng = SplitMix64(seed: 3)
            let decision = snapshot.routeHTTP(
                request,
                to: dst("10.96.0.13", 9080),
                from: Fixture.productpageSource,
                using: &rng
            )
            let expected = conditions.firstIndex { $0.holds(path: path, method: method, user: user) }
            if let expected {
                #expect(
                    decision.plan?.rule?.index == expected,
                    "\(conditions) on \(method) \(path) user \(user ?? "-")"
                )
            } else {
                #expect(
                    decision.noRouteReason
                        == .noMatchingRule(
                            virtualService: ResourceID(kind: .virtualService, namespace: "default", name: "reviews")
                        )
                )
            }
        }
    }
}

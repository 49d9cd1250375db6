import Testing
import WeftCore

@Suite("Locality distribute weights")
struct LocalityDistributeTests {
    static func rule(from: String, to: [String: Int]) -> LocalityLoadBalancerSetting.Distribute {
        var rule = LocalityLoadBalancerSetting.Distribute()
        rule.from = from
        rule.to = to
        return rule
    }

    let endpoints = [
        endpoint("a1", at: "us-west/zone1/s"), endpoint("a2", at: "us-west/zone1/s"),
        endpoint("b1", at: "us-west/zone2/s"), endpoint("c1", at: "us-east/zone1/s"),
    ]

    @Test("The first rule matching the caller decides; unmatched localities are excluded")
    func weights() {
        let weights = LocalityDistribute.localityWeights(
            of: self.endpoints,
            source: BalancerSource(locality: Locality(parsing: "us-west/zone1/s")),
            distribute: [
                Self.rule(from: "us-east/*", to: ["us-east/*": 100]),
                Self.rule(from: "us-west/zone1/*", to: ["us-west/zone1/*": 80, "us-west/zone2/*": 20]),
            ]
        )
        #expect(weights == [80, 80, 20, nil])
    }

    @Test("A wildcard target shares its weight by the localities' endpoint weights, rounded up")
    func sharedWildcard() {
        let weights = LocalityDistribute.localityWeights(
            of: self.endpoints,
            source: BalancerSource(locality: Locality(parsing: "us-west/zone1/s")),
            distribute: [Self.rule(from: "*", to: ["us-west/*": 50, "us-east/*": 50])]
        )
        // us-west has 3 endpoints: zone1 (2) gets ceil(2 × 50 / 3) = 34, zone2 (1) ceil(50 / 3) = 17.
        #expect(weights == [34, 34, 17, 50])
    }

    @Test("More specific targets claim their localities first")
    func specificFirst() {
        let weights = LocalityDistribute.localityWeights(
            of: self.endpoints,
            source: BalancerSource(locality: Locality(parsing: "us-west/zone1/s")),
            distribute: [Self.rule(from: "*", to: ["us-west/*": 30, "us-west/zone1": 70])]
        )
        #expect(weights == [70, 70, 30, nil])
    }

    @Test("No rule for the caller means no distribution")
    func noRule() {
        let weights = LocalityDistribute.localityWeights(
            of: self.endpoints,
            source: BalancerSource(locality: Locality(parsing: "ap-south/z/s")),
            distribute: [Self.rule(from: "us-west/*", to: ["us-west/*": 100])]
        )
        #expect(weights == nil)
    }
}

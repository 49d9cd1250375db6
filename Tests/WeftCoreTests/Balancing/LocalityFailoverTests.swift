import Testing
import WeftCore

@Suite("Locality failover priorities")
struct LocalityFailoverTests {
    typealias Failover = LocalityLoadBalancerSetting.Failover

    static func failover(_ from: String, _ to: String) -> Failover {
        var rule = Failover()
        rule.from = from
        rule.to = to
        return rule
    }

    let localities = [
        "us-west/zone1/sub1", "us-west/zone1/sub2", "us-west/zone2/sub1", "us-east/zone1/sub1", "eu-west/zone1/sub1",
    ]

    @Test("Proximity gives subzone, zone, region, then other regions")
    func proximity() {
        let endpoints = self.localities.enumerated().map { endpoint("e\($0.offset)", at: $0.element) }
        let levels = LocalityFailover.priorities(
            of: endpoints,
            source: BalancerSource(locality: Locality(parsing: "us-west/zone1/sub1")),
            failover: [],
            failoverPriority: []
        )
        #expect(levels == [0, 1, 2, 3, 3])
    }

    @Test("A failover rule keeps its target region ahead of the others")
    func failoverRule() {
        let endpoints = self.localities.enumerated().map { endpoint("e\($0.offset)", at: $0.element) }
        let levels = LocalityFailover.priorities(
            of: endpoints,
            source: BalancerSource(locality: Locality(parsing: "us-west/zone1/sub1")),
            failover: [Self.failover("us-west", "eu-west")],
            failoverPriority: []
        )
        // eu-west is the designated failover (3), us-east falls behind it (4); renumbered without gaps.
        #expect(levels == [0, 1, 2, 4, 3])
    }

    @Test("A failover rule for another region changes nothing")
    func failoverRuleOtherRegion() {
        let endpoints = self.localities.enumerated().map { endpoint("e\($0.offset)", at: $0.element) }
        let levels = LocalityFailover.priorities(
            of: endpoints,
            source: BalancerSource(locality: Locality(parsing: "us-west/zone1/sub1")),
            failover: [Self.failover("us-east", "eu-west")],
            failoverPriority: []
        )
        #expect(levels == [0, 1, 2, 3, 3])
    }

    @Test("Levels are renumbered without gaps")
    func compaction() {
        let endpoints = [endpoint("a", at: "us-east/z/s"), endpoint("b", at: "us-west/zone9/s")]
        let levels = LocalityFailover.priorities(
            of: endpoints,
            source: BalancerSource(locality: Locality(parsing: "us-west/zone1/sub1")),
            failover: [],
            failoverPriority: []
        )
        // Tiers 3 and 2 become 1 and 0.
        #expect(levels == [1, 0])
    }

    @Test(
        "failoverPriority ranks by the longest matching label prefix",
        arguments: [
            (["network": "n1", "cluster": "c1"], 0),
            (["network": "n1", "cluster": "c2"], 1),
            (["network": "n2", "cluster": "c1"], 2),
            (["network": "n2"], 2),
        ]
    )
    func failoverPriority(labels: [String: String], expected: Int) {
        let endpoints = [
            endpoint("self", at: "", labels: ["network": "n1", "cluster": "c1"]),
            endpoint("x", at: "", labels: ["network": "n1", "cluster": "c2"]),
            endpoint("y", at: "", labels: ["network": "n2"]),
            endpoint("probe", at: "", labels: labels),
        ]
        let levels = LocalityFailover.priorities(
            of: endpoints,
            source: BalancerSource(labels: ["network": "n1", "cluster": "c1"]),
            failover: [],
            failoverPriority: ["network", "cluster"]
        )
        #expect(levels.last == expected)
    }

    @Test("A label=value entry compares with the given value, not the caller's")
    func failoverPriorityOverride() {
        let endpoints = [
            endpoint("a", at: "", labels: ["tier": "gold"]),
            endpoint("b", at: "", labels: ["tier": "silver"]),
        ]
        let levels = LocalityFailover.priorities(
            of: endpoints,
            source: BalancerSource(labels: ["tier": "silver"]),
            failover: [],
            failoverPriority: ["tier=gold"]
        )
        #expect(levels == [0, 1])
    }

    @Test("Without caller labels failoverPriority puts everything on level 0")
    func failoverPriorityNoSourceLabels() {
        let endpoints = [endpoint("a", at: "", labels: ["tier": "gold"]), endpoint("b", at: "", labels: [:])]
        let levels = LocalityFailover.priorities(
            of: endpoints,
            source: BalancerSource(),
            failover: [],
            failoverPriority: ["tier"]
        )
        #expect(levels == [0, 0])
    }

    @Test("failoverPriority with failover rules refines each label level by proximity")
    func failoverPriorityWithFailover() {
        let endpoints = [
            endpoint("near-match", at: "r/z/s", labels: ["net": "a"]),
            endpoint("far-match", at: "other/z/s", labels: ["net": "a"]),
            endpoint("near-mismatch", at: "r/z/s", labels: ["net": "b"]),
        ]
        let levels = LocalityFailover.priorities(
            of: endpoints,
            source: BalancerSource(locality: Locality(parsing: "r/z/s"), labels: ["net": "a"]),
            failover: [Self.failover("r", "other")],
            failoverPriority: ["net"]
        )
        // Raw levels 0×5+0, 0×5+3, 1×5+0 → 0, 3, 5 → renumbered 0, 1, 2.
        #expect(levels == [0, 1, 2])
    }
}

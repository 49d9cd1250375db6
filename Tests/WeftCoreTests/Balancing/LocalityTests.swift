import Testing
import WeftCore

@Suite("Localities")
struct LocalityTests {
    @Test(
        "Parsing region/zone/subzone text",
        arguments: [
            ("us-west/zone1/sub1", Locality(region: "us-west", zone: "zone1", subzone: "sub1")),
            ("us-west/zone1", Locality(region: "us-west", zone: "zone1")),
            ("us-west", Locality(region: "us-west")),
            ("", Locality()),
        ]
    )
    func parsing(text: String, expected: Locality) {
        #expect(Locality(parsing: text) == expected)
    }

    @Test(
        "Proximity tiers as istiod's LbPriority",
        arguments: [
            ("r/z/s", 0), ("r/z/other", 1), ("r/other/s", 2), ("other/z/s", 3),
        ]
    )
    func proximity(endpoint: String, tier: Int) {
        #expect(Locality(parsing: "r/z/s").proximityTier(of: Locality(parsing: endpoint)) == tier)
    }

    @Test(
        "Pattern matching as istiod's LocalityMatch",
        arguments: [
            ("us-west/zone1/sub1", "us-west/zone1/sub1", true),
            ("us-west/zone1/sub1", "us-west/zone1/*", true),
            ("us-west/zone1/sub1", "us-west/*", true),
            ("us-west/zone1/sub1", "us-west", true),
            ("us-west/zone1/sub1", "*", true),
            ("us-west/zone1/sub1", "us-west/zone2", false),
            ("us-west/zone1/sub1", "us-east/*", false),
            ("us-west/zone1/sub1", "us-west/zone1/sub2", false),
        ]
    )
    func matching(locality: String, pattern: String, matches: Bool) {
        #expect(Locality(parsing: locality).matches(pattern: pattern) == matches)
    }
}

import Testing
import WeftCore

@Suite("Priority load and panic (Envoy's rules)")
struct PriorityLoadTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var levels: [(healthy: Int, total: Int)]
        var threshold: Int
        var percent: [Int]
        var panic: [Bool]
        var testDescription: String { "\(self.levels.map { "\($0.healthy)/\($0.total)" }) at \(self.threshold)%" }
    }

    @Test(
        "Load per level and panic",
        arguments: [
            // A healthy level takes everything.
            Case(levels: [(10, 10), (10, 10)], threshold: 50, percent: [100, 0], panic: [false, false]),
            // 80 % healthy × 1.4 overprovisioning is still 100 %.
            Case(levels: [(8, 10), (10, 10)], threshold: 50, percent: [100, 0], panic: [false, false]),
            // 50 % healthy → 70 % health: 70 stays, 30 spills to level 1.
            Case(levels: [(5, 10), (10, 10)], threshold: 50, percent: [70, 30], panic: [false, false]),
            // Nothing healthy on level 0: all to level 1.
            Case(levels: [(0, 10), (10, 10)], threshold: 50, percent: [0, 100], panic: [false, false]),
            // Total health below 100: loads are normalized (28 / 56 → 33 / 66, +1 rounding to the first).
            Case(levels: [(2, 10), (4, 10)], threshold: 0, percent: [34, 66], panic: [false, false]),
            // Same, with a 30 % threshold: level 0 (20 % healthy) is in panic, level 1 (40 %) is not.
            Case(levels: [(2, 10), (4, 10)], threshold: 30, percent: [34, 66], panic: [true, false]),
            // Single level under the threshold: panic, load by host count.
            Case(levels: [(4, 10)], threshold: 50, percent: [100], panic: [true]),
            // Istio's default threshold 0 with nothing healthy: level 0 gets the load, nothing to pick.
            Case(levels: [(0, 4), (0, 4)], threshold: 0, percent: [100, 0], panic: [false, false]),
            // Every level in panic: load follows host counts.
            Case(levels: [(0, 3), (0, 1)], threshold: 50, percent: [75, 25], panic: [true, true]),
            // Exactly at the threshold is not panic.
            Case(levels: [(5, 10)], threshold: 50, percent: [100], panic: [false]),
        ]
    )
    func load(_ testCase: Case) {
        let load = PriorityLoad(levels: testCase.levels, panicThresholdPercent: testCase.threshold)
        #expect(load.percent == testCase.percent)
        #expect(load.panic == testCase.panic)
    }

    @Test("Hash points walk the cumulative loads")
    func levelForHash() {
        let load = PriorityLoad(levels: [(5, 10), (10, 10)], panicThresholdPercent: 0)
        // Points 1…70 → level 0, 71…100 → level 1; point = hash % 100 + 1.
        #expect(load.level(for: 0) == 0)
        #expect(load.level(for: 69) == 0)
        #expect(load.level(for: 70) == 1)
        #expect(load.level(for: 99) == 1)
        #expect(load.level(for: 169) == 0)
    }
}

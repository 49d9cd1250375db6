import Testing

@testable import WeftCore

@Suite("Warmup (slow start)")
struct SlowStartTests {
    @Test(
        "Factor over the window",
        arguments: [
            // (elapsed seconds, minimumPercent, aggression, factor)
            (0.0, 10.0, 1.0, 0.1),
            (1.0, 10.0, 1.0, 0.1),
            (2.5, 10.0, 1.0, 0.25),
            (5.0, 10.0, 1.0, 0.5),
            (9.0, 10.0, 1.0, 0.9),
            (10.0, 10.0, 1.0, 1.0),
            (60.0, 10.0, 1.0, 1.0),
            (2.5, 10.0, 2.0, 0.5),
            (1.0, 0.0, 1.0, 0.1),
            (0.0, 0.0, 1.0, 0.0001),
            (1.0, 50.0, 1.0, 0.5),
        ]
    )
    func factor(elapsed: Double, minimumPercent: Double, aggression: Double, expected: Double) {
        let slowStart = SlowStart(duration: .seconds(10), minimumPercent: minimumPercent, aggression: aggression)
        let factor = slowStart.factor(createdAt: testEpoch, now: testEpoch + .seconds(elapsed))
        #expect(abs(factor - expected) < 1e-9, "factor \(factor), expected \(expected)")
    }

    @Test("An endpoint without a creation time is not warming")
    func noCreationTime() {
        let slowStart = SlowStart(duration: .seconds(10))
        #expect(slowStart.factor(createdAt: nil, now: testEpoch) == 1)
        #expect(!slowStart.isWarming(createdAt: nil, now: testEpoch))
        #expect(slowStart.isWarming(createdAt: testEpoch, now: testEpoch + .seconds(9)))
        #expect(!slowStart.isWarming(createdAt: testEpoch, now: testEpoch + .seconds(10)))
    }

    @Test(
        "Power without libm is accurate",
        arguments: [
            (0.25, 0.5, 0.5), (0.5, 2.0, 0.25), (0.1, 1.0 / 3.0, 0.464_158_883_361_277_9),
            (0.001, 0.25, 0.177_827_941_003_892_3), (1e-6, 0.1, 0.251_188_643_150_958_0), (0.9, 10.0, 0.348_678_440_1),
        ]
    )
    func power(base: Double, exponent: Double, expected: Double) {
        let value = SlowStart.power(base, exponent)
        #expect(abs(value - expected) < 1e-12, "\(value) != \(expected)")
    }
}

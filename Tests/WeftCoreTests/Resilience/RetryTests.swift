import PropertyBased
import Testing
import WeftCore

@Suite("Retry budget and back-off")
struct RetryTests {
    static func budget(percent: Double, minimum: Int) -> RetryBudget {
        var budget = RetryBudget()
        budget.percent = percent
        budget.minRetryConcurrency = minimum
        return budget
    }

    @Test(
        "Concurrent retries: percent of active + pending requests, never below minRetryConcurrency",
        arguments: [
            // (percent, minimum, active, pending, allowed)
            (20.0, 3, 0, 0, 3), (20.0, 3, 100, 0, 20), (20.0, 3, 10, 5, 3), (25.0, 0, 10, 0, 2),
            (50.0, 1, 7, 1, 4), (100.0, 0, 12, 0, 12), (0.0, 2, 1000, 0, 2), (20.0, 3, 14, 0, 3), (20.0, 3, 20, 0, 4),
        ]
    )
    func budget(percent: Double, minimum: Int, active: Int, pending: Int, allowed: Int) {
        let budget = Self.budget(percent: percent, minimum: minimum)
        #expect(budget.maxConcurrentRetries(activeRequests: active, pendingRequests: pending) == allowed)
        #expect(budget.admitsRetry(activeRetries: allowed - 1, activeRequests: active, pendingRequests: pending))
        #expect(!budget.admitsRetry(activeRetries: allowed, activeRequests: active, pendingRequests: pending))
    }

    @Test(
        "Back-off windows double from the base up to 10 × base",
        arguments: [(1, 25), (2, 50), (3, 100), (4, 200), (5, 250), (9, 250), (0, 25)]
    )
    func windows(retry: Int, milliseconds: Int) {
        #expect(RetryBackoff().window(forRetry: retry) == .milliseconds(milliseconds))
    }

    @Test("An explicit cap bounds the window")
    func explicitCap() {
        let backoff = RetryBackoff(base: .milliseconds(100), max: .milliseconds(300))
        #expect(backoff.window(forRetry: 2) == .milliseconds(200))
        #expect(backoff.window(forRetry: 3) == .milliseconds(300))
        // A cap below the base is raised to the base.
        #expect(RetryBackoff(base: .seconds(1), max: .milliseconds(1)).max == .seconds(1))
    }

    @Test("Delays are random within the window")
    func delays() async {
        await propertyCheck(input: Gen.int(in: 1...12), Gen.uint64()) { retry, seed in
            let backoff = RetryBackoff()
            var rng = SplitMix64(seed: seed)
            for _ in 0..<50 {
                let delay = backoff.delay(forRetry: retry, using: &rng)
                #expect(delay >= .zero && delay < backoff.window(forRetry: retry))
            }
        }
    }

    @Test("Delays are fully jittered: they cover the window")
    func jitterCoversWindow() {
        var rng = SplitMix64(seed: 9)
        let delays = (0..<2000).map { _ in RetryBackoff().delay(forRetry: 3, using: &rng) }
        #expect(delays.min()! < .milliseconds(5))
        #expect(delays.max()! > .milliseconds(95))
    }
}

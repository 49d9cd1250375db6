/// The wait before a retry: Envoy's fully jittered exponential back-off (`JitteredExponentialBackOffStrategy`).
///
/// Retry `n` (1 for the first retry) waits a uniformly random time in `[0, min(base × 2^(n-1), max))`: 0–25 ms,
/// then 0–50 ms, 0–100 ms… with Istio's 25 ms base, capped by `max`, 10 × base unless set.
package struct RetryBackoff: Hashable, Sendable {
    package var base: Duration
    package var max: Duration

    /// Envoy's and Istio's default base interval.
    package static let defaultBase = Duration.milliseconds(25)

    /// - Parameter max: the cap; nil means 10 × `base`, Envoy's default.
    package init(base: Duration = RetryBackoff.defaultBase, max: Duration? = nil) {
        let base = base > .zero ? base : Self.defaultBase
        self.base = base
        self.max = Swift.max(max ?? base * 10, base)
    }

    /// The upper bound (exclusive) of the wait before retry `retry`.
    package func window(forRetry retry: Int) -> Duration {
        var window = self.base
        var doublings = Swift.max(retry, 1) - 1
        while doublings > 0 && window < self.max {
            window *= 2
            doublings -= 1
        }
        return Swift.min(window, self.max)
    }

    /// A random wait before retry `retry` (1-based), at nanosecond granularity.
    package func delay(forRetry retry: Int, using rng: inout some RandomNumberGenerator) -> Duration {
        let window = Self.nanoseconds(self.window(forRetry: retry))
        guard window > 0 else { return .zero }
        return .nanoseconds(Int64(rng.next(upperBound: window)))
    }

    static func nanoseconds(_ duration: Duration) -> UInt64 {
        let parts = duration.components
        guard parts.seconds >= 0 else { return 0 }
        return UInt64(parts.seconds) * 1_000_000_000 + UInt64(parts.attoseconds / 1_000_000_000)
    }
}

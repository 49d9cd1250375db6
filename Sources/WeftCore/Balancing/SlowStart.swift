/// Warmup (Envoy's slow start): a new endpoint's weight ramps up over `duration` instead of taking its full share
/// of traffic at once.
///
/// Envoy's formula (`EdfLoadBalancerBase::applySlowStartFactor`), with `t` the time since the endpoint joined:
/// `weight × max(minimumPercent / 100, (max(t, 1 ms) / duration) ^ (1 / aggression))` while `t < duration`,
/// the plain weight afterwards. Aggression 1 is linear; larger values ramp faster at first.
/// Applies to ROUND_ROBIN and LEAST_REQUEST only, as in Envoy and Istio.
package struct SlowStart: Hashable, Sendable {
    package var duration: Duration
    /// Floor of the factor, as a fraction (Istio's `minimumPercent` 10 → 0.1).
    package var minimumFactor: Double
    package var aggression: Double

    package init(duration: Duration, minimumPercent: Double = 10, aggression: Double = 1.0) {
        self.duration = duration
        self.minimumFactor = min(max(minimumPercent, 0), 100) / 100
        // Envoy falls back to 1.0 for an aggression that is not positive.
        self.aggression = aggression > 0 && aggression.isFinite ? aggression : 1.0
    }

    package init(_ warmup: Warmup) {
        self.init(duration: warmup.duration, minimumPercent: warmup.minimumPercent, aggression: warmup.aggression)
    }

    /// The multiplier (0…1] for an endpoint that joined at `createdAt`, seen at `now`.
    package func factor(createdAt: ContinuousClock.Instant?, now: ContinuousClock.Instant) -> Double {
        self.factor(elapsed: createdAt.map { $0.duration(to: now) })
    }

    /// The multiplier for an endpoint that joined `elapsed` ago (nil: long ago). The balancer's hot path works on
    /// durations: `ContinuousClock.Instant` has no fixed layout outside the standard library, so every copy of one
    /// goes through its type metadata.
    package func factor(elapsed: Duration?) -> Double {
        guard let elapsed, self.duration > .zero, elapsed < self.duration else { return 1 }
        let elapsedSeconds = max(Self.seconds(elapsed), 0.001)
        let timeFactor = elapsedSeconds / Self.seconds(self.duration)
        let ramp = self.aggression == 1 ? timeFactor : Self.power(timeFactor, 1 / self.aggression)
        return min(1, max(ramp, self.minimumFactor))
    }

    /// Whether an endpoint created at `createdAt` is still warming up at `now`.
    package func isWarming(createdAt: ContinuousClock.Instant?, now: ContinuousClock.Instant) -> Bool {
        self.isWarming(elapsed: createdAt.map { $0.duration(to: now) })
    }

    /// Whether an endpoint that joined `elapsed` ago (nil: long ago) is still warming up.
    package func isWarming(elapsed: Duration?) -> Bool {
        guard let elapsed, self.duration > .zero else { return false }
        return elapsed < self.duration
    }

    static func seconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    /// `base ^ exponent` for `base` in (0, 1] without a libc (`WeftCore` imports only the standard library):
    /// `exp(exponent × ln(base))` with series that are exact to about 1e-15 on this domain.
    static func power(_ base: Double, _ exponent: Double) -> Double {
        guard base > 0 else { return 0 }
        if base == 1 { return 1 }
        return Self.exp(exponent * Self.log(base))
    }

    /// Natural logarithm: `ln(m × 2^e) = e ln 2 + ln m`, with `ln m = 2 atanh((m-1)/(m+1))` for m in [1, 2).
    static func log(_ value: Double) -> Double {
        let exponent = Double(value.exponent)
        let mantissa = value.significand
        let ratio = (mantissa - 1) / (mantissa + 1)
        let square = ratio * ratio
        var term = ratio
        var sum = 0.0
        var index = 1.0
        while index < 80 {
            sum += term / index
            term *= square
            index += 2
        }
        return exponent * 0.693_147_180_559_945_3 + 2 * sum
    }

    /// `e^x` for x ≤ 0 (the only case here): halve until small, Taylor series, square back.
    static func exp(_ value: Double) -> Double {
        var reduced = value
        var halvings = 0
        while abs(reduced) > 0.5 {
            reduced /= 2
            halvings += 1
        }
        var term = 1.0
        var sum = 1.0
        for index in 1...20 {
            term *= reduced / Double(index)
            sum += term
        }
        for _ in 0..<halvings { sum *= sum }
        return sum
    }
}

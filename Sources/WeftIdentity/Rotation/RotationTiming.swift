import Foundation

/// When to renew a certificate and how long to wait after a failed issuance.
///
/// Defaults follow ztunnel (reference §3, `identity/manager.rs`, `tls/certificate.rs refresh_at`): renew at
/// half-life; after a failure back off from 500 ms, doubling, ±20 % jitter, capped at 150 s. Weft adds renewal
/// jitter: many identities issued in the same second (an agent start) would otherwise all renew in the same
/// second 12 h later.
package struct RotationTiming: Hashable, Sendable {
    /// Fraction of the lifetime after which renewal is due (0.5 = half-life).
    package var renewalFraction: Double
    /// Renewal happens up to this fraction of the lifetime *earlier* than `renewalFraction` (never later, so
    /// half of the lifetime always remains for retries).
    package var renewalJitterFraction: Double
    /// First retry delay after a failure.
    package var initialBackoff: Duration
    /// Growth of the delay per consecutive failure.
    package var backoffMultiplier: Double
    /// Relative jitter applied to each delay (0.2 = ±20 %).
    package var backoffJitterFraction: Double
    /// The delay never exceeds this.
    package var maximumBackoff: Duration

    /// ztunnel's values plus 5 % renewal jitter.
    package static let defaults = RotationTiming(
        renewalFraction: 0.5,
        renewalJitterFraction: 0.05,
        initialBackoff: .milliseconds(500),
        backoffMultiplier: 2,
        backoffJitterFraction: 0.2,
        maximumBackoff: .seconds(150)
    )

    package init(
        renewalFraction: Double,
        renewalJitterFraction: Double,
        initialBackoff: Duration,
        backoffMultiplier: Double,
        backoffJitterFraction: Double,
        maximumBackoff: Duration
    ) {
        self.renewalFraction = renewalFraction
        self.renewalJitterFraction = renewalJitterFraction
        self.initialBackoff = initialBackoff
        self.backoffMultiplier = backoffMultiplier
        self.backoffJitterFraction = backoffJitterFraction
        self.maximumBackoff = maximumBackoff
    }

    /// When a certificate valid from `notBefore` to `notAfter` should be renewed:
    /// `notBefore + lifetime × (renewalFraction − renewalJitterFraction × u)`, u uniform in [0, 1).
    package func renewalTime(
        notBefore: Date,
        notAfter: Date,
        using random: inout some RandomNumberGenerator
    ) -> Date {
        let lifetime = notAfter.timeIntervalSince(notBefore)
        let fraction = self.renewalFraction - self.renewalJitterFraction * Self.unitInterval(using: &random)
        return notBefore + lifetime * fraction
    }

    /// The delay before retry number `failures` (1 = after the first failure):
    /// `min(initial × multiplier^(failures−1), maximum) × (1 + jitter × (2u − 1))`, then capped at `maximum`.
    package func backoff(afterFailures failures: Int, using random: inout some RandomNumberGenerator) -> TimeInterval {
        let maximum = self.maximumBackoff.secondsAsTimeInterval
        let exponent = Double(max(0, failures - 1))
        let base = min(self.initialBackoff.secondsAsTimeInterval * pow(self.backoffMultiplier, exponent), maximum)
        let jitter = 1 + self.backoffJitterFraction * (2 * Self.unitInterval(using: &random) - 1)
        return min(base * jitter, maximum)
    }

    /// A uniform value in [0, 1) from 53 random bits; written out (rather than `Double.random`) so that a test
    /// with a fixed generator knows the exact value.
    package static func unitInterval(using random: inout some RandomNumberGenerator) -> Double {
        Double(random.next() >> 11) * 0x1p-53
    }
}

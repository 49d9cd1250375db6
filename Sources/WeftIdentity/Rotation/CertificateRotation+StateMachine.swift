import Foundation

/// The renewal life of one identity's certificate, as a value that returns actions (style G3).
///
/// **Owns**: the certificate being served (any `Credential` value with its validity) and the renewal schedule.
/// **Driven by** a rotator that owns the clock, the randomness, the issuer and a timer: it calls `start`, then
/// performs each returned action (`.issue`: run an issuance and report `issued`/`issuanceFailed`;
/// `.wakeUp(at:)`: call `wakeUp(now:)` at that time; `.expired`: log that the identity has no valid certificate,
/// then wake up at `nextAttempt`).
///
/// **States**:
/// - `idle`: nothing asked yet; `stopped`: the identity is no longer needed, every event is ignored.
/// - `issuing`: an issuance is in flight; the previous certificate (if any) is still served while valid.
/// - `waiting`: a certificate is served; renewal is scheduled at `renewAt` (half-life with jitter).
/// - `backingOff`: the last issuance failed; retry at `retryAt` (exponential backoff); the previous certificate
///   is served until it expires, and its expiry is reported once.
///
/// Every event takes `now`; the machine never reads a clock (style G4).
package struct CertificateRotation<Credential: Sendable>: Sendable {
    /// A certificate together with its validity.
    package struct Issued: Sendable {
        package var credential: Credential
        package var notBefore: Date
        package var notAfter: Date

        /// Whether the certificate may be presented at `now`.
        package func isValid(at now: Date) -> Bool {
            self.notBefore <= now && now < self.notAfter
        }
    }

    /// What the driver must do next.
    package enum Action: Hashable, Sendable {
        /// Start one issuance now and report its outcome.
        case issue
        /// Call `wakeUp(now:)` at this time.
        case wakeUp(at: Date)
        /// The certificate expired at `since` and no replacement exists: new handshakes for this identity fail
        /// until an issuance succeeds. Report it, then call `wakeUp(now:)` at `nextAttempt`.
        case expired(since: Date, nextAttempt: Date)
        /// Nothing to do.
        case none
    }

    /// Where the identity stands, for status output and metrics.
    package enum Status: Hashable, Sendable {
        /// No certificate was ever issued.
        case noCertificate
        /// A certificate is served until `until`; renewal is due at `renewAt` (nil while issuing or retrying).
        case valid(until: Date, renewAt: Date?)
        /// The last certificate expired at `since`.
        case expired(since: Date)
    }

    private enum State: Sendable {
        case idle
        case issuing(current: Issued?, failures: Int)
        case waiting(current: Issued, renewAt: Date)
        case backingOff(current: Issued?, failures: Int, retryAt: Date, expiryReported: Bool)
        case stopped
    }

    private var state: State = .idle
    private let timing: RotationTiming

    package init(timing: RotationTiming = .defaults) {
        self.timing = timing
    }

    // MARK: - Events

    /// The identity is needed (a workload with it was enrolled): issue the first certificate.
    package mutating func start(now: Date) -> Action {
        guard case .idle = self.state else { return .none }
        self.state = .issuing(current: nil, failures: 0)
        return .issue
    }

    /// An issuance succeeded: serve the new certificate and schedule its renewal.
    package mutating func issued(
        _ credential: Credential,
        notBefore: Date,
        notAfter: Date,
        now: Date,
        using random: inout some RandomNumberGenerator
    ) -> Action {
        guard case .issuing = self.state else { return .none }
        let renewAt = self.timing.renewalTime(notBefore: notBefore, notAfter: notAfter, using: &random)
        self.state = .waiting(
            current: Issued(credential: credential, notBefore: notBefore, notAfter: notAfter),
            renewAt: renewAt
        )
        return .wakeUp(at: renewAt)
    }

    /// An issuance failed: keep serving the old certificate while it is valid and retry after a backoff.
    package mutating func issuanceFailed(now: Date, using random: inout some RandomNumberGenerator) -> Action {
        guard case .issuing(let current, let failures) = self.state else { return .none }
        let attempt = failures + 1
        let retryAt = now + self.timing.backoff(afterFailures: attempt, using: &random)
        let expiredAlready = current.map { now >= $0.notAfter } ?? false
        self.state = .backingOff(current: current, failures: attempt, retryAt: retryAt, expiryReported: expiredAlready)
        if expiredAlready, let current {
            return .expired(since: current.notAfter, nextAttempt: retryAt)
        }
        return .wakeUp(at: self.nextWakeUp(current: current, retryAt: retryAt, now: now))
    }

    /// A timer set by `.wakeUp(at:)` or `.expired` fired.
    package mutating func wakeUp(now: Date) -> Action {
        switch self.state {
        case .idle, .issuing, .stopped:
            return .none
        case .waiting(let current, let renewAt):
            guard now >= renewAt else { return .wakeUp(at: renewAt) }
            self.state = .issuing(current: current, failures: 0)
            return .issue
        case .backingOff(let current, let failures, let retryAt, let expiryReported):
            if now >= retryAt {
                self.state = .issuing(current: current, failures: failures)
                return .issue
            }
            if let current, now >= current.notAfter, !expiryReported {
                self.state = .backingOff(current: current, failures: failures, retryAt: retryAt, expiryReported: true)
                return .expired(since: current.notAfter, nextAttempt: retryAt)
            }
            return .wakeUp(at: self.nextWakeUp(current: current, retryAt: retryAt, now: now))
        }
    }

    /// The identity is no longer needed (its last workload left): forget the certificate, ignore what follows.
    package mutating func stop() {
        self.state = .stopped
    }

    // MARK: - Queries

    /// The certificate to present at `now`: the newest one, as long as it is valid.
    package func credential(now: Date) -> Credential? {
        guard let current = self.current, current.isValid(at: now) else { return nil }
        return current.credential
    }

    /// Where the identity stands at `now`.
    package func status(now: Date) -> Status {
        guard let current = self.current else { return .noCertificate }
        guard now < current.notAfter else { return .expired(since: current.notAfter) }
        if case .waiting(_, let renewAt) = self.state { return .valid(until: current.notAfter, renewAt: renewAt) }
        return .valid(until: current.notAfter, renewAt: nil)
    }

    private var current: Issued? {
        switch self.state {
        case .idle, .stopped: return nil
        case .issuing(let current, _): return current
        case .waiting(let current, _): return current
        case .backingOff(let current, _, _, _): return current
        }
    }

    /// While backing off, wake at the retry or at the old certificate's expiry (to report it), whichever is first.
    private func nextWakeUp(current: Issued?, retryAt: Date, now: Date) -> Date {
        guard let current, current.notAfter > now else { return retryAt }
        return min(retryAt, current.notAfter)
    }
}

import Foundation
import Testing
import WeftIdentity

@Suite("Certificate rotation state machine")
struct CertificateRotationStateMachineTests {
    typealias Rotation = CertificateRotation<String>

    /// u = 0: no renewal jitter (renew exactly at half-life), backoff jitter factor 0.8.
    static let low = ConstantRandom(value: 0)
    /// u = 0.5: backoff jitter factor exactly 1.
    static let middle = ConstantRandom(value: 1 << 63)

    let day: TimeInterval = 86_400

    @Test("The first certificate is requested at start and renewed at half-life")
    func renewsAtHalfLife() {
        var random = Self.low
        var rotation = Rotation()
        #expect(rotation.start(now: testNow) == .issue)
        #expect(rotation.status(now: testNow) == .noCertificate)

        let notBefore = testNow - 60
        let notAfter = testNow + self.day
        let halfLife = notBefore + (notAfter.timeIntervalSince(notBefore)) / 2
        #expect(
            rotation.issued("cert-1", notBefore: notBefore, notAfter: notAfter, now: testNow, using: &random)
                == .wakeUp(at: halfLife)
        )
        #expect(rotation.credential(now: testNow) == "cert-1")
        #expect(rotation.status(now: testNow) == .valid(until: notAfter, renewAt: halfLife))

        // An early timer changes nothing; at half-life an issuance starts while cert-1 is still served.
        #expect(rotation.wakeUp(now: halfLife - 1) == .wakeUp(at: halfLife))
        #expect(rotation.wakeUp(now: halfLife) == .issue)
        #expect(rotation.credential(now: halfLife) == "cert-1")

        let next = halfLife + 1
        #expect(
            rotation.issued("cert-2", notBefore: next - 60, notAfter: next + self.day, now: next, using: &random)
                == .wakeUp(at: next - 60 + (self.day + 60) / 2)
        )
        #expect(rotation.credential(now: next) == "cert-2")
    }

    @Test(
        "Renewal jitter only moves renewal earlier, by at most 5 % of the lifetime, and is reproducible per seed",
        arguments: [1, 2, 3, 42, 1_000] as [UInt64]
    )
    func renewalJitter(seed: UInt64) {
        func renewAt(seed: UInt64) -> Date? {
            var random = SeededRandom(seed: seed)
            var rotation = Rotation()
            _ = rotation.start(now: testNow)
            let action = rotation.issued(
                "c",
                notBefore: testNow,
                notAfter: testNow + self.day,
                now: testNow,
                using: &random
            )
            guard case .wakeUp(let at) = action else { return nil }
            return at
        }
        let at = renewAt(seed: seed)
        #expect(at == renewAt(seed: seed))
        let offset = at.map { $0.timeIntervalSince(testNow) } ?? -1
        #expect(offset > 0.45 * self.day && offset <= 0.5 * self.day)
    }

    @Test("Different seeds spread renewals of identities issued together")
    func jitterSpreads() {
        var times: Set<Date> = []
        for seed in 1...20 as ClosedRange<UInt64> {
            var random = SeededRandom(seed: seed)
            times.insert(
                RotationTiming.defaults.renewalTime(notBefore: testNow, notAfter: testNow + self.day, using: &random)
            )
        }
        #expect(times.count == 20)
    }

    @Test(
        "Backoff doubles from 500 ms and stops at 150 s (ztunnel's schedule)",
        arguments: [
            (1, 0.5), (2, 1), (3, 2), (4, 4), (5, 8), (6, 16), (7, 32), (8, 64), (9, 128), (10, 150), (11, 150),
            (30, 150),
        ] as [(Int, TimeInterval)]
    )
    func backoffSchedule(failures: Int, delay: TimeInterval) {
        var random = Self.middle
        #expect(RotationTiming.defaults.backoff(afterFailures: failures, using: &random) == delay)
    }

    @Test(
        "Backoff jitter stays within ±20 % and never exceeds the cap",
        arguments: [
            (0 as UInt64, 1, 0.4), (0, 9, 102.4), (0, 10, 120), (UInt64.max, 1, 0.6), (UInt64.max, 9, 150),
            (UInt64.max, 10, 150),
        ] as [(UInt64, Int, TimeInterval)]
    )
    func backoffJitterBounds(value: UInt64, failures: Int, delay: TimeInterval) {
        var random = ConstantRandom(value: value)
        let actual = RotationTiming.defaults.backoff(afterFailures: failures, using: &random)
        #expect(abs(actual - delay) < 1e-6)
    }

    @Test("After failures the old certificate is served until it expires, and the expiry is reported once")
    func keepsOldCertificateThenReportsExpiry() {
        var random = Self.middle
        var rotation = Rotation()
        _ = rotation.start(now: testNow)
        let notAfter = testNow + 100
        _ = rotation.issued("old", notBefore: testNow, notAfter: notAfter, now: testNow, using: &random)
        let renewAt = testNow + 50
        #expect(rotation.wakeUp(now: renewAt) == .issue)

        // Failure 1 at +50: retry at +50.5, old still served.
        #expect(rotation.issuanceFailed(now: renewAt, using: &random) == .wakeUp(at: renewAt + 0.5))
        #expect(rotation.credential(now: renewAt + 0.1) == "old")
        #expect(rotation.status(now: renewAt) == .valid(until: notAfter, renewAt: nil))

        // Fail repeatedly; delays grow 1, 2, 4, 8, 16 s.
        var now = renewAt + 0.5
        for delay in [1.0, 2, 4, 8, 16] {
            #expect(rotation.wakeUp(now: now) == .issue)
            #expect(rotation.issuanceFailed(now: now, using: &random) == .wakeUp(at: now + delay))
            now += delay
        }
        // now = +81.5; retry wait is 32 s, but the old certificate expires first, at +100.
        #expect(rotation.wakeUp(now: now) == .issue)
        #expect(rotation.issuanceFailed(now: now, using: &random) == .wakeUp(at: notAfter))
        #expect(rotation.credential(now: notAfter - 0.001) == "old")
        #expect(rotation.wakeUp(now: notAfter) == .expired(since: notAfter, nextAttempt: now + 32))
        #expect(rotation.credential(now: notAfter) == nil)
        #expect(rotation.status(now: notAfter) == .expired(since: notAfter))
        // Reported once; the next wake-up is the retry.
        #expect(rotation.wakeUp(now: notAfter + 1) == .wakeUp(at: now + 32))
        #expect(rotation.wakeUp(now: now + 32) == .issue)

        // Success restores service and resets the backoff.
        let later = now + 32
        #expect(
            rotation.issued("new", notBefore: later, notAfter: later + 100, now: later, using: &random)
                == .wakeUp(at: later + 47.5)
        )
        #expect(rotation.credential(now: later) == "new")
        #expect(rotation.wakeUp(now: later + 50) == .issue)
        #expect(rotation.issuanceFailed(now: later + 50, using: &random) == .wakeUp(at: later + 50.5))
    }

    @Test("A failure after the old certificate already expired reports the expiry at once")
    func failureAfterExpiry() {
        var random = Self.middle
        var rotation = Rotation()
        _ = rotation.start(now: testNow)
        _ = rotation.issued("old", notBefore: testNow, notAfter: testNow + 100, now: testNow, using: &random)
        // The agent was suspended past the expiry; the renewal timer fires late.
        let late = testNow + 500
        #expect(rotation.wakeUp(now: late) == .issue)
        #expect(
            rotation.issuanceFailed(now: late, using: &random)
                == .expired(since: testNow + 100, nextAttempt: late + 0.5)
        )
        #expect(rotation.wakeUp(now: late + 0.2) == .wakeUp(at: late + 0.5))
    }

    @Test("Failures before any certificate retry with backoff and report no certificate")
    func failureWithoutCertificate() {
        var random = Self.middle
        var rotation = Rotation()
        _ = rotation.start(now: testNow)
        #expect(rotation.issuanceFailed(now: testNow, using: &random) == .wakeUp(at: testNow + 0.5))
        #expect(rotation.status(now: testNow) == .noCertificate)
        #expect(rotation.credential(now: testNow) == nil)
        #expect(rotation.wakeUp(now: testNow + 0.5) == .issue)
        #expect(rotation.issuanceFailed(now: testNow + 0.5, using: &random) == .wakeUp(at: testNow + 1.5))
    }

    @Test("Events that do not fit the state are ignored")
    func ignoresStrayEvents() {
        var random = Self.middle
        var rotation = Rotation()
        #expect(rotation.wakeUp(now: testNow) == .none)
        #expect(rotation.issuanceFailed(now: testNow, using: &random) == .none)
        #expect(rotation.issued("x", notBefore: testNow, notAfter: testNow + 10, now: testNow, using: &random) == .none)
        #expect(rotation.start(now: testNow) == .issue)
        #expect(rotation.start(now: testNow) == .none)
        // While an issuance is in flight, timers do nothing.
        #expect(rotation.wakeUp(now: testNow + 1) == .none)
    }

    @Test("A stopped identity forgets its certificate and ignores a late issuance result")
    func stop() {
        var random = Self.middle
        var rotation = Rotation()
        _ = rotation.start(now: testNow)
        _ = rotation.issued("c", notBefore: testNow, notAfter: testNow + 100, now: testNow, using: &random)
        #expect(rotation.wakeUp(now: testNow + 50) == .issue)
        rotation.stop()
        #expect(rotation.credential(now: testNow + 50) == nil)
        #expect(
            rotation.issued("d", notBefore: testNow, notAfter: testNow + 100, now: testNow, using: &random) == .none
        )
        #expect(rotation.wakeUp(now: testNow + 60) == .none)
        #expect(rotation.status(now: testNow + 60) == .noCertificate)
    }

    @Test("A not-yet-valid certificate is not served")
    func notYetValid() {
        var random = Self.middle
        var rotation = Rotation()
        _ = rotation.start(now: testNow)
        _ = rotation.issued("c", notBefore: testNow + 10, notAfter: testNow + 100, now: testNow, using: &random)
        #expect(rotation.credential(now: testNow) == nil)
        #expect(rotation.credential(now: testNow + 10) == "c")
    }
}

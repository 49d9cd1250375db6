/// A fixed instant that hot-path state measures time from, so that it can store `Duration`s.
///
/// Why: `ContinuousClock.Instant` has no fixed layout outside the standard library, so a struct that stores one
/// (or an array of such structs) is copied and accessed through type metadata; that tripled the cost of a
/// weighted pick. A class reference has a fixed layout, and `Duration` is frozen.
final class TimeOrigin: Sendable {
    let instant: ContinuousClock.Instant

    init(_ instant: ContinuousClock.Instant) {
        self.instant = instant
    }

    /// `instant`'s offset from the origin (negative when earlier).
    func offset(of instant: ContinuousClock.Instant) -> Duration {
        self.instant.duration(to: instant)
    }
}

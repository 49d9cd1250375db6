import Foundation

extension Duration {
    /// The duration in seconds as a `TimeInterval`, for `Date` arithmetic (certificate validity is wall-clock time).
    var secondsAsTimeInterval: TimeInterval {
        let (seconds, attoseconds) = self.components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A point in UTC wall-clock time, as log lines print it; formatting needs no Foundation.
///
/// Formatting is pure; only ``now()`` reads the system clock, and writers take it as an injectable closure so
/// tests get fixed times (style G4).
package struct WallClockTime: Hashable, Sendable, Comparable {
    /// Seconds since 1970-01-01T00:00:00Z.
    package var secondsSinceEpoch: Int64
    /// 0 ..< 1_000_000_000.
    package var nanoseconds: UInt32

    package init(secondsSinceEpoch: Int64, nanoseconds: UInt32 = 0) {
        precondition(nanoseconds < 1_000_000_000, "nanoseconds must be below one second")
        self.secondsSinceEpoch = secondsSinceEpoch
        self.nanoseconds = nanoseconds
    }

    /// The system's real-time clock.
    package static func now() -> WallClockTime {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return WallClockTime(secondsSinceEpoch: Int64(spec.tv_sec), nanoseconds: UInt32(spec.tv_nsec))
    }

    package static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.secondsSinceEpoch, lhs.nanoseconds) < (rhs.secondsSinceEpoch, rhs.nanoseconds)
    }

    /// RFC 3339 in UTC with microseconds, as ztunnel prints it: `2026-11-20T09:05:03.012345Z`.
    package var rfc3339: String {
        let days = Self.floorDivide(self.secondsSinceEpoch, 86_400)
        let secondOfDay = self.secondsSinceEpoch - days * 86_400
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        var text = Self.padded(year, 4)
        text += "-" + Self.padded(month, 2) + "-" + Self.padded(day, 2)
        text += "T" + Self.padded(secondOfDay / 3600, 2) + ":" + Self.padded(secondOfDay % 3600 / 60, 2)
        text += ":" + Self.padded(secondOfDay % 60, 2) + "." + Self.padded(Int64(self.nanoseconds / 1000), 6) + "Z"
        return text
    }

    /// Proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468  // days since 0000-03-01
        let era = Self.floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097  // 0 ... 146096
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)  // from March 1st
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor < 0) ? quotient - 1 : quotient
    }

    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

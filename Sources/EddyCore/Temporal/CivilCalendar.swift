/// Proleptic Gregorian calendar arithmetic (java.time's ISO chronology), without Foundation, for the
/// per-record date paths.
public enum CivilCalendar {
    /// Days since 1970-01-01 for a year, month (1-12) and day (1-31).
    public static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The year, month and day of a day number since the epoch.
    public static func date(days z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// ISO day of week: 1 = Monday … 7 = Sunday.
    public static func dayOfWeek(days: Int) -> Int {
        let r = (days + 3) % 7          // 1970-01-01 was a Thursday
        return (r < 0 ? r + 7 : r) + 1
    }

    public static func dayOfYear(year: Int, month: Int, day: Int) -> Int {
        days(year: year, month: month, day: day) - days(year: year, month: 1, day: 1) + 1
    }

    /// Floor division, for splitting negative epoch milliseconds.
    @inlinable public static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    @inlinable public static func floorMod(_ a: Int64, _ b: Int64) -> Int64 { a - floorDiv(a, b) * b }
}

/// A wall-clock date and time with nanoseconds, as java.time's LocalDateTime.
public struct LocalDateTime: Hashable, Sendable {
    public var year: Int, month: Int, day: Int
    public var hour: Int, minute: Int, second: Int, nano: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, nano: Int = 0) {
        (self.year, self.month, self.day, self.hour, self.minute, self.second, self.nano) = (year, month, day, hour, minute, second, nano)
    }

    /// The wall-clock time `offsetSeconds` east of UTC at epoch milliseconds `millis`.
    public init(epochMillis millis: Int64, offsetSeconds: Int = 0) {
        let local = millis + Int64(offsetSeconds) * 1000
        let days = CivilCalendar.floorDiv(local, 86_400_000)
        let ms = Int(CivilCalendar.floorMod(local, 86_400_000))
        let d = CivilCalendar.date(days: Int(days))
        self.init(year: d.year, month: d.month, day: d.day, hour: ms / 3_600_000, minute: ms / 60_000 % 60,
                  second: ms / 1000 % 60, nano: ms % 1000 * 1_000_000)
    }

    public var epochDay: Int { CivilCalendar.days(year: year, month: month, day: day) }
    public var millisOfDay: Int { ((hour * 60 + minute) * 60 + second) * 1000 + nano / 1_000_000 }

    /// Epoch milliseconds when this wall-clock time is read at the given UTC offset.
    public func epochMillis(offsetSeconds: Int = 0) -> Int64 {
        Int64(epochDay) * 86_400_000 + Int64(millisOfDay) - Int64(offsetSeconds) * 1000
    }
}

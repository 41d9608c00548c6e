import EddyCore
#if canImport(Glibc)
import Glibc
#endif

struct UnixDate: ScalarFunction {
    static let name = "unix_date", category = FunctionCategory.dateTime
    static let description = "Gets an integer representing days since epoch. The returned integer may differ depending on the local time of different ksqlDB Server instances."
    static var signatures: [Signature] {[
        Signature([], returns: .int) { _ in .int(Int32(CivilCalendar.floorDiv(Clock.nowMillis(), 86_400_000))) },
        .strict([.date], names: ["date"], returns: .int) { a, _ in
            guard case .date(let d) = a[0] else { return .null }
            return .int(d)
        },
    ]}
}

struct UnixTimestamp: ScalarFunction {
    static let name = "unix_timestamp", category = FunctionCategory.dateTime
    static let description = "Gets the Unix timestamp in milliseconds, represented as a BIGINT: the current time without an argument, or the given TIMESTAMP."
    static var signatures: [Signature] {[
        Signature([], returns: .bigint) { _ in .bigint(Clock.nowMillis()) },
        .strict([.timestamp], names: ["timestamp"], returns: .bigint) { a, _ in .bigint(a[0].int64Value!) },
    ]}
}

struct FromUnixTime: ScalarFunction {
    static let name = "from_unixtime", category = FunctionCategory.dateTime
    static let description = "Converts a BIGINT millisecond timestamp value into a TIMESTAMP value."
    static var signatures: [Signature] {[
        .strict([.bigint], names: ["epochMilli"], returns: .timestamp) { a, _ in .timestamp(a[0].int64Value!) },
    ]}
}

struct FromDays: ScalarFunction {
    static let name = "from_days", category = FunctionCategory.dateTime
    static let description = "Converts an INT number of days since epoch to a DATE value."
    static var signatures: [Signature] {[
        .strict([.int], names: ["days"], returns: .date) { a, _ in .date(a[0].int32Value!) },
    ]}
}

struct ConvertTz: ScalarFunction {
    static let name = "convert_tz", category = FunctionCategory.dateTime
    static let description = "Converts a TIMESTAMP value from one time zone to another: the wall-clock time in fromTimeZone becomes the same instant's wall-clock time in toTimeZone."
    static var signatures: [Signature] {[
        .strict([.timestamp, .string, .string], names: ["timestamp", "fromTimeZone", "toTimeZone"], returns: .timestamp) { a, c in
            let ts = a[0].int64Value!
            do {
                let from = try TemporalCache.shared.zone(a[1].stringValue!)
                let to = try TemporalCache.shared.zone(a[2].stringValue!)
                let local = LocalDateTime(epochMillis: ts)
                let instant = local.epochMillis(offsetSeconds: from.offset(forLocal: local))
                return .timestamp(instant + Int64(to.offset(atEpochMillis: instant)) * 1000)
            } catch {
                c.logError("Failed to convert timezone in \(name): \(Temporal.message(error))")
                return .null
            }
        },
    ]}
}

enum Clock {
    static func nowMillis() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Int64(ts.tv_sec) * 1000 + Int64(ts.tv_nsec) / 1_000_000
    }
}

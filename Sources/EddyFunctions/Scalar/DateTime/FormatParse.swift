import EddyCore

struct FormatTimestamp: ScalarFunction {
    static let name = "format_timestamp", category = FunctionCategory.dateTime
    static let description = "Converts a TIMESTAMP value into the string representation of the timestamp in the given format. Single quotes in the timestamp format can be escaped with '', for example: 'yyyy-MM-dd''T''HH:mm:ssX'. The system default time zone is used when no time zone is explicitly provided."
    static var signatures: [Signature] {[
        .strict([.timestamp, .string], names: ["timestamp", "formatPattern"], returns: .string) { a, c in
            Temporal.formatTimestamp(a[0].int64Value!, a[1].stringValue!, "UTC", c, name)
        },
        .strict([.timestamp, .string, .string], names: ["timestamp", "formatPattern", "timeZone"], returns: .string) { a, c in
            Temporal.formatTimestamp(a[0].int64Value!, a[1].stringValue!, a[2].stringValue!, c, name)
        },
    ]}
}

struct ParseTimestamp: ScalarFunction {
    static let name = "parse_timestamp", category = FunctionCategory.dateTime
    static let description = "Converts a string value in the given format into the TIMESTAMP value. Single quotes in the timestamp format can be escaped with '', for example: 'yyyy-MM-dd''T''HH:mm:ssX'."
    static var signatures: [Signature] {[
        .strict([.string, .string], names: ["formattedTimestamp", "formatPattern"], returns: .timestamp) { a, c in
            Temporal.parseTimestamp(a[0].stringValue!, a[1].stringValue!, "UTC", c, name).map(Value.timestamp) ?? .null
        },
        .strict([.string, .string, .string], names: ["formattedTimestamp", "formatPattern", "timeZone"], returns: .timestamp) { a, c in
            Temporal.parseTimestamp(a[0].stringValue!, a[1].stringValue!, a[2].stringValue!, c, name).map(Value.timestamp) ?? .null
        },
    ]}
}

struct TimestampToString: ScalarFunction {
    static let name = "timestamptostring", category = FunctionCategory.dateTime
    static let description = "Converts a BIGINT millisecond timestamp value into the string representation of the timestamp in the given format. Single quotes in the timestamp format can be escaped with '', for example: 'yyyy-MM-dd''T''HH:mm:ssX'. The system default time zone is used when no time zone is explicitly provided."
    static var signatures: [Signature] {[
        .strict([.bigint, .string], names: ["epochMilli", "formatPattern"], returns: .string) { a, c in
            Temporal.formatTimestamp(a[0].int64Value!, a[1].stringValue!, "UTC", c, name)
        },
        .strict([.bigint, .string, .string], names: ["epochMilli", "formatPattern", "timeZone"], returns: .string) { a, c in
            Temporal.formatTimestamp(a[0].int64Value!, a[1].stringValue!, a[2].stringValue!, c, name)
        },
    ]}
}

struct StringToTimestamp: ScalarFunction {
    static let name = "stringtotimestamp", category = FunctionCategory.dateTime
    static let description = "Converts a string value in the given format into the BIGINT value that represents the millisecond timestamp. Single quotes in the timestamp format can be escaped with '', for example: 'yyyy-MM-dd''T''HH:mm:ssX'."
    static var signatures: [Signature] {[
        .strict([.string, .string], names: ["formattedTimestamp", "formatPattern"], returns: .bigint) { a, c in
            Temporal.parseTimestamp(a[0].stringValue!, a[1].stringValue!, "UTC", c, name).map(Value.bigint) ?? .null
        },
        .strict([.string, .string, .string], names: ["formattedTimestamp", "formatPattern", "timeZone"], returns: .bigint) { a, c in
            Temporal.parseTimestamp(a[0].stringValue!, a[1].stringValue!, a[2].stringValue!, c, name).map(Value.bigint) ?? .null
        },
    ]}
}

/// Date-only and time-only formatting rejects letters of the other kind, as LocalDate/LocalTime do.
enum DateOnly {
    static func format(days: Int, _ pattern: String, _ ctx: FunctionContext, _ fn: String) -> Value {
        do {
            let p = try TemporalCache.shared.pattern(pattern)
            if Temporal.usesLetters(p, Temporal.timeLetters) { throw EddyError.execution("Unsupported field: HourOfDay") }
            let d = CivilCalendar.date(days: days)
            return .string(p.format(LocalDateTime(year: d.year, month: d.month, day: d.day)))
        } catch {
            ctx.logError("Failed to format date \(days) with formatter '\(pattern)' in \(fn): \(Temporal.message(error))")
            return .null
        }
    }

    /// `prefix`: PARSE_DATE reads with commons-lang's FastDateFormat, which ignores text after the date.
    static func parse(_ text: String, _ pattern: String, _ ctx: FunctionContext, _ fn: String, prefix: Bool = false) -> Int32? {
        do {
            let p = try TemporalCache.shared.pattern(pattern)
            if Temporal.usesLetters(p, Temporal.timeLetters) { throw EddyError.execution("Date format contains time field.") }
            guard let local = try p.parse(text, allowingTrailingText: prefix).localDateTime() else {
                throw EddyError.execution("Invalid date '\(text)'")
            }
            return Int32(local.epochDay)
        } catch {
            ctx.logError("Failed to parse date '\(text)' with formatter '\(pattern)' in \(fn): \(Temporal.message(error))")
            return nil
        }
    }
}

struct FormatDate: ScalarFunction {
    static let name = "format_date", category = FunctionCategory.dateTime
    static let description = "Converts a DATE value to a string using the given format pattern. The format pattern should be in the format expected by java.time.format.DateTimeFormatter."
    static var signatures: [Signature] {[
        .strict([.date, .string], names: ["date", "formatPattern"], returns: .string) { a, c in
            guard case .date(let d) = a[0] else { return .null }
            return DateOnly.format(days: Int(d), a[1].stringValue!, c, name)
        },
    ]}
}

struct ParseDate: ScalarFunction {
    static let name = "parse_date", category = FunctionCategory.dateTime
    static let description = "Converts a string representation of a date in the given format into a DATE value. The format pattern should be in the format expected by java.time.format.DateTimeFormatter."
    static var signatures: [Signature] {[
        .strict([.string, .string], names: ["formattedDate", "formatPattern"], returns: .date) { a, c in
            DateOnly.parse(a[0].stringValue!, a[1].stringValue!, c, name, prefix: true).map(Value.date) ?? .null
        },
    ]}
}

struct DateToString: ScalarFunction {
    static let name = "datetostring", category = FunctionCategory.dateTime
    static let description = "Converts an INT date value into the string representation of the date in the given format. Single quotes in the timestamp format can be escaped with '', for example: 'yyyy-MM-dd''T'''."
    static var signatures: [Signature] {[
        .strict([.int, .string], names: ["epochDays", "formatPattern"], returns: .string) { a, c in
            DateOnly.format(days: Int(a[0].int32Value!), a[1].stringValue!, c, name)
        },
    ]}
}

struct StringToDate: ScalarFunction {
    static let name = "stringtodate", category = FunctionCategory.dateTime
    static let description = "Converts a string representation of a date in the given format into an integer representing days since epoch. Single quotes in the timestamp format can be escaped with '', for example: 'yyyy-MM-dd''T'''."
    static var signatures: [Signature] {[
        .strict([.string, .string], names: ["formattedDate", "formatPattern"], returns: .int) { a, c in
            DateOnly.parse(a[0].stringValue!, a[1].stringValue!, c, name).map(Value.int) ?? .null
        },
    ]}
}

struct FormatTime: ScalarFunction {
    static let name = "format_time", category = FunctionCategory.dateTime
    static let description = "Converts a TIME value into the string representation of the time in the given format. Single quotes in the time format can be escaped with two successive single quotes, ''."
    static var signatures: [Signature] {[
        .strict([.time, .string], names: ["time", "formatPattern"], returns: .string) { a, c in
            guard case .time(let ms) = a[0] else { return .null }
            let pattern = a[1].stringValue!
            do {
                let p = try TemporalCache.shared.pattern(pattern)
                if Temporal.usesLetters(p, Temporal.dateLetters) { throw EddyError.execution("Unsupported field: YearOfEra") }
                return .string(p.format(LocalDateTime(epochMillis: Int64(ms))))
            } catch {
                c.logError("Failed to format time \(ms) with formatter '\(pattern)' in \(name): \(Temporal.message(error))")
                return .null
            }
        },
    ]}
}

struct ParseTime: ScalarFunction {
    static let name = "parse_time", category = FunctionCategory.dateTime
    static let description = "Converts a string value in the given format into a TIME value. Single quotes in the time format can be escaped with two successive single quotes, ''."
    static var signatures: [Signature] {[
        .strict([.string, .string], names: ["formattedTime", "formatPattern"], returns: .time) { a, c in
            let text = a[0].stringValue!, pattern = a[1].stringValue!
            do {
                let p = try TemporalCache.shared.pattern(pattern)
                if Temporal.usesLetters(p, Temporal.dateLetters) { throw EddyError.execution("Time format contains date field.") }
                guard let local = try p.parse(text).localDateTime() else { throw EddyError.execution("Invalid time '\(text)'") }
                return .time(Int32(local.millisOfDay))
            } catch {
                c.logError("Failed to parse time '\(text)' with formatter '\(pattern)' in \(name): \(Temporal.message(error))")
                return .null
            }
        },
    ]}
}

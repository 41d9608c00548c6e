/// Text forms of DATE, TIME and TIMESTAMP as ksqlDB's `SqlTimeTypes` reads and writes them.
/// Everything is UTC. Parse failures use ksqlDB's messages and help text.
public enum TemporalText {
    // MARK: formatting

    /// `yyyy-MM-dd`, as Java's `LocalDate.toString()` (years beyond 9999 get a `+`).
    public static func formatDate(_ days: Int32) -> String {
        let d = CivilTime.date(days: Int64(days))
        return yearText(d.year) + "-" + pad2(d.month) + "-" + pad2(d.day)
    }

    /// `HH:mm` or `HH:mm:ss`: ksqlDB prints TIME through `LocalTime.ofSecondOfDay`, which drops
    /// the milliseconds and a zero seconds field.
    public static func formatTime(_ millis: Int32) -> String {
        let seconds = Int(millis) / 1000
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        var out = pad2(h) + ":" + pad2(m)
        if s > 0 { out += ":" + pad2(s) }
        return out
    }

    /// `yyyy-MM-ddTHH:mm:ss.SSS` in UTC.
    public static func formatTimestamp(_ millis: Int64) -> String {
        let (days, ms) = CivilTime.floorDivMod(millis, CivilTime.millisPerDay)
        let d = CivilTime.date(days: days)
        let t = Int(ms)
        let frac = t % 1000
        return yearText(d.year) + "-" + pad2(d.month) + "-" + pad2(d.day) + "T" + pad2(t / 3_600_000) + ":"
            + pad2(t / 60_000 % 60) + ":" + pad2(t / 1000 % 60) + "." + (frac < 100 ? (frac < 10 ? "00" : "0") : "")
            + String(frac)
    }

    static func pad2(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }

    static func yearText(_ y: Int64) -> String {
        if y > 9999 { return "+" + String(y) }
        if y >= 0 {
            let s = String(y)
            return String(repeating: "0", count: max(0, 4 - s.count)) + s
        }
        let s = String(-y)
        return "-" + String(repeating: "0", count: max(0, 4 - s.count)) + s
    }

    // MARK: parsing

    static let dateHelp = "\nRequired format is: \"yyyy-MM-dd\", for example '2020-05-26'. "
        + "Partials are also supported, for example '2020-05'"
    static let timeHelp = "\nRequired format is: \"HH:mm:ss.SSS\", for example: '01:34:20.123' or '01:34:20'. "
        + "Partials are also supported, for example '01:34'"
    static let timestampHelp = "\nRequired format is: \"yyyy-MM-dd'T'HH:mm:ss.SSS\", with an optional numeric "
        + "4-digit timezone, for example: '2020-05-26T23:59:58.000' or with tz: '2020-05-26T23:59:58.000+0200'. "
        + "A trailing 'Z' instead of tz indicates the zero UTC offset. Partials are also supported, for example \"2020-05-26\""

    /// Days since the epoch. Accepts `yyyy-MM-dd` and the partials `yyyy` and `yyyy-MM`.
    public static func parseDate(_ text: String) throws(EddyError) -> Int32 {
        let completed = completeDate(text)
        var scanner = TextScanner(completed)
        guard let (y, m, d) = scanner.isoDate(), scanner.atEnd,
              (1...12).contains(m), d >= 1, d <= CivilTime.daysInMonth(y, m)
        else {
            throw EddyError.execution("Failed to parse date '\(text)': Text '\(completed)' could not be parsed" + dateHelp)
        }
        return Int32(truncatingIfNeeded: CivilTime.days(year: y, month: m, day: d))
    }

    /// Milliseconds since midnight. Accepts `HH:mm`, `HH:mm:ss` and `HH:mm:ss.fraction` (1–9 digits).
    public static func parseTime(_ text: String) throws(EddyError) -> Int32 {
        var scanner = TextScanner(text)
        guard let ms = scanner.isoTime(), scanner.atEnd else {
            throw EddyError.execution("Failed to parse time '\(text)': Text '\(text)' could not be parsed" + timeHelp)
        }
        return Int32(ms)
    }

    /// Milliseconds since the epoch, with ksqlDB's partial-timestamp completion: a date alone
    /// (`2020`, `2020-05`, `2020-05-26`) means midnight UTC; after `T` a partial time is padded
    /// with zeros; a trailing `Z` or a `+hh[mm]`/`-hh[mm]` offset sets the zone.
    public static func parseTimestamp(_ text: String) throws(EddyError) -> Int64 {
        let date: String, time: String, zone: String
        if let t = text.firstIndex(of: "T") {
            date = String(text[..<t])
            let rest = text[text.index(after: t)...]
            if let p = rest.firstIndex(where: { $0 == "+" }) ?? rest.firstIndex(where: { $0 == "-" }) {
                zone = String(rest[p...])
                var clock = rest[..<p]
                if clock.last == "Z" { clock = clock.dropLast() }
                time = completeTime(String(clock))
            } else {
                zone = ""
                var clock = rest[...]
                if clock.last == "Z" { clock = clock.dropLast() }
                time = completeTime(String(clock))
            }
        } else {
            date = completeDate(text)
            time = completeTime("")
            zone = ""
        }
        let offset: Int64
        if zone.allSatisfy({ $0 == " " }) {
            offset = 0
        } else if let o = parseOffset(zone) {
            offset = o
        } else {
            throw EddyError.execution("Failed to parse timezone '\(zone)': Invalid ID for ZoneOffset, invalid format: \(zone)")
        }
        let full = date + "T" + time
        var scanner = TextScanner(full)
        guard let millis = scanner.dateTime(), scanner.atEnd else {
            throw EddyError.execution("Failed to parse timestamp '\(text)': Text '\(full)' could not be parsed" + timestampHelp)
        }
        return millis - offset
    }

    static func completeDate(_ date: String) -> String {
        // Java's split drops trailing empty strings, so "2020-" counts as one part.
        var parts = date.split(separator: "-", omittingEmptySubsequences: false)
        while parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        switch parts.count {
        case 1: return date + "-01-01"
        case 2: return date + "-01"
        default: return date
        }
    }

    static func completeTime(_ time: String) -> String {
        let pattern = Array("HH:mm:ss.SSS")
        let n = time.count
        if n >= pattern.count { return time }
        return time + String(pattern[n...].map { $0.isLetter ? "0" : $0 })
    }

    /// Seconds offset in milliseconds for `+h`, `+hh`, `+hh:mm`, `+hhmm`, `+hh:mm:ss`, `+hhmmss`.
    static func parseOffset(_ zone: String) -> Int64? {
        let chars = Array(zone)
        guard let sign = chars.first, sign == "+" || sign == "-" else { return nil }
        let body = chars.dropFirst()
        func num(_ s: ArraySlice<Character>) -> Int? {
            guard !s.isEmpty, s.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(String(s))
        }
        var h = 0, m = 0, s = 0
        switch body.count {
        case 1, 2:
            guard let v = num(body) else { return nil }
            h = v
        case 4:
            guard let a = num(body.prefix(2)), let b = num(body.suffix(2)) else { return nil }
            h = a; m = b
        case 5:
            guard body[body.startIndex + 2] == ":", let a = num(body.prefix(2)), let b = num(body.suffix(2)) else { return nil }
            h = a; m = b
        case 6:
            guard let a = num(body.prefix(2)), let b = num(body.dropFirst(2).prefix(2)), let c = num(body.suffix(2)) else { return nil }
            h = a; m = b; s = c
        case 8:
            let i = body.startIndex
            guard body[i + 2] == ":", body[i + 5] == ":", let a = num(body.prefix(2)),
                  let b = num(body.dropFirst(3).prefix(2)), let c = num(body.suffix(2)) else { return nil }
            h = a; m = b; s = c
        default: return nil
        }
        guard h <= 18, m <= 59, s <= 59, h * 3600 + m * 60 + s <= 18 * 3600 else { return nil }
        let total = Int64(h * 3600 + m * 60 + s) * 1000
        return sign == "-" ? -total : total
    }
}

/// A tiny cursor over ASCII text for the fixed temporal layouts.
struct TextScanner {
    let chars: [UInt8]
    var i = 0

    init(_ text: String) { chars = Array(text.utf8) }

    var atEnd: Bool { i == chars.count }

    mutating func literal(_ c: UInt8, caseInsensitive: Bool = false) -> Bool {
        guard i < chars.count else { return false }
        let x = chars[i]
        if x == c || (caseInsensitive && x | 0x20 == c | 0x20) { i += 1; return true }
        return false
    }

    /// Exactly `min...max` ASCII digits.
    mutating func digits(min: Int, max: Int) -> (value: Int64, count: Int)? {
        var v: Int64 = 0, n = 0
        while i < chars.count, n < max, chars[i] >= 48, chars[i] <= 57 {
            v = v * 10 + Int64(chars[i] - 48)
            i += 1; n += 1
        }
        return n >= min ? (v, n) : nil
    }

    /// `yyyy-MM-dd` with a 4–10 digit year (ISO_LOCAL_DATE; longer years need a sign).
    mutating func isoDate() -> (Int64, Int, Int)? {
        var negative = false
        var signed = false
        if literal(UInt8(ascii: "+")) { signed = true } else if literal(UInt8(ascii: "-")) { negative = true; signed = true }
        guard let y = digits(min: 4, max: 10), signed || y.count == 4,
              literal(UInt8(ascii: "-")), let m = digits(min: 2, max: 2),
              literal(UInt8(ascii: "-")), let d = digits(min: 2, max: 2) else { return nil }
        return (negative ? -y.value : y.value, Int(m.value), Int(d.value))
    }

    /// `HH:mm[:ss[.f{1,9}]]` as milliseconds of the day (ISO_LOCAL_TIME).
    mutating func isoTime() -> Int64? {
        guard let h = digits(min: 2, max: 2), h.value < 24, literal(UInt8(ascii: ":")),
              let m = digits(min: 2, max: 2), m.value < 60 else { return nil }
        var ms = (h.value * 60 + m.value) * 60_000
        if literal(UInt8(ascii: ":")) {
            guard let s = digits(min: 2, max: 2), s.value < 60 else { return nil }
            ms += s.value * 1000
            if literal(UInt8(ascii: ".")) {
                guard let f = digits(min: 1, max: 9) else { return nil }
                var frac = f.value
                for _ in f.count..<9 { frac *= 10 }
                ms += frac / 1_000_000
            }
        }
        return ms
    }

    /// `yyyy-MM-dd'T'HH:mm:ss.SSS` (ksqlDB's DATE_TIME_PATTERN, SMART resolution: a day past the
    /// end of the month moves back to its last day).
    mutating func dateTime() -> Int64? {
        guard let y = digits(min: 4, max: 19), literal(UInt8(ascii: "-")),
              let mo = digits(min: 2, max: 2), literal(UInt8(ascii: "-")),
              let d = digits(min: 2, max: 2), literal(UInt8(ascii: "T"), caseInsensitive: true),
              let h = digits(min: 2, max: 2), literal(UInt8(ascii: ":")),
              let mi = digits(min: 2, max: 2), literal(UInt8(ascii: ":")),
              let s = digits(min: 2, max: 2), literal(UInt8(ascii: ".")),
              let f = digits(min: 3, max: 3)
        else { return nil }
        // SMART resolution also takes 24:00:00.000 as midnight at the end of the day.
        let endOfDay = h.value == 24 && mi.value == 0 && s.value == 0 && f.value == 0
        guard y.value >= 1, (1...12).contains(mo.value), (1...31).contains(d.value), h.value < 24 || endOfDay,
              mi.value < 60, s.value < 60 else { return nil }
        let day = min(Int(d.value), CivilTime.daysInMonth(y.value, Int(mo.value)))
        let days = CivilTime.days(year: y.value, month: Int(mo.value), day: day)
        return days * CivilTime.millisPerDay + ((h.value * 60 + mi.value) * 60 + s.value) * 1000 + f.value
    }
}

import Foundation

/// A time zone as java.time's ZoneId: a fixed offset (`Z`, `+05:30`, `UTC+1`, `GMT-08:00`) or a
/// region id (`America/Los_Angeles`) whose rules come from the system's tz database.
public struct ZoneRules: Sendable, Hashable {
    public let id: String
    private let fixedOffset: Int?
    private let timeZone: TimeZone?

    public static let utc = ZoneRules(id: "UTC", fixedOffset: 0, timeZone: nil)

    private init(id: String, fixedOffset: Int?, timeZone: TimeZone?) {
        self.id = id
        self.fixedOffset = fixedOffset
        self.timeZone = timeZone
    }

    /// nil when the id is not a valid zone (ksqlDB reports "Unknown time-zone ID").
    public init?(_ id: String) {
        let trimmed = id.trimmingCharacters(in: .whitespaces)
        if trimmed == "Z" || trimmed.uppercased() == "UTC" || trimmed.uppercased() == "GMT" || trimmed == "UT" {
            self.init(id: trimmed, fixedOffset: 0, timeZone: nil)
            return
        }
        for prefix in ["UTC", "GMT", "UT", ""] where trimmed.hasPrefix(prefix) {
            let rest = trimmed.dropFirst(prefix.count)
            if let first = rest.first, first == "+" || first == "-", let offset = Self.parseOffset(rest) {
                self.init(id: trimmed, fixedOffset: offset, timeZone: nil)
                return
            }
        }
        guard trimmed.contains("/") || trimmed.count > 3, let tz = TimeZone(identifier: trimmed) else { return nil }
        self.init(id: trimmed, fixedOffset: nil, timeZone: tz)
    }

    /// Parses `+h`, `+hh`, `+hh:mm`, `+hhmm`, `+hh:mm:ss` into seconds.
    static func parseOffset(_ s: Substring) -> Int? {
        guard let sign = s.first, sign == "+" || sign == "-" else { return nil }
        let body = s.dropFirst()
        let parts = body.contains(":") ? body.split(separator: ":").map(String.init)
            : (body.count <= 2 ? [String(body)] : [String(body.prefix(2)), String(body.dropFirst(2).prefix(2))]
               + (body.count > 4 ? [String(body.dropFirst(4))] : []))
        guard !parts.isEmpty, parts.count <= 3 else { return nil }
        var total = 0
        for (i, p) in parts.enumerated() {
            guard let v = Int(p), v >= 0, p.count <= 2, (i == 0 ? v <= 18 : v < 60) else { return nil }
            total = total * 60 + v
        }
        if parts.count == 1 { total *= 3600 } else if parts.count == 2 { total *= 60 }
        return sign == "-" ? -total : total
    }

    /// The offset from UTC at an instant.
    public func offset(atEpochMillis millis: Int64) -> Int {
        if let fixedOffset { return fixedOffset }
        return timeZone!.secondsFromGMT(for: Date(timeIntervalSince1970: Double(millis) / 1000))
    }

    /// The offset for a wall-clock time; in a gap or overlap, the earlier offset as java.time does.
    public func offset(forLocal local: LocalDateTime) -> Int {
        if let fixedOffset { return fixedOffset }
        let guess = local.epochMillis()
        let o1 = offset(atEpochMillis: guess - 86_400_000 / 2)
        let o2 = offset(atEpochMillis: guess + 86_400_000 / 2)
        if o1 == o2 { return o1 }
        let early = offset(atEpochMillis: guess - Int64(o1) * 1000)
        return early == o1 ? o1 : o2
    }

    public func abbreviation(atEpochMillis millis: Int64) -> String {
        if let fixedOffset { return fixedOffset == 0 ? "Z" : OffsetFormat.format(fixedOffset, style: .colon, zeroAsZ: false) }
        let date = Date(timeIntervalSince1970: Double(millis) / 1000)
        let dst = timeZone!.isDaylightSavingTime(for: date)
        // Foundation on Linux answers "GMT+1"; java.time uses the CLDR short names.
        if let names = Self.shortNames[id] { return dst ? names.1 : names.0 }
        return timeZone!.abbreviation(for: date) ?? id
    }

    static let shortNames: [String: (String, String)] = {
        var m: [String: (String, String)] = [
            "Europe/London": ("GMT", "BST"), "Europe/Dublin": ("GMT", "IST"), "America/Los_Angeles": ("PST", "PDT"),
            "America/New_York": ("EST", "EDT"), "America/Chicago": ("CST", "CDT"), "America/Denver": ("MST", "MDT"),
            "America/Phoenix": ("MST", "MST"), "America/Anchorage": ("AKST", "AKDT"), "Pacific/Honolulu": ("HST", "HST"),
            "Asia/Tokyo": ("JST", "JST"), "Asia/Kolkata": ("IST", "IST"), "Asia/Shanghai": ("CST", "CST"),
            "Australia/Sydney": ("AEST", "AEDT"), "America/Toronto": ("EST", "EDT"), "America/Vancouver": ("PST", "PDT"),
        ]
        for city in ["Paris", "Berlin", "Madrid", "Rome", "Amsterdam", "Brussels", "Vienna", "Stockholm", "Oslo",
                     "Copenhagen", "Warsaw", "Prague", "Zurich", "Budapest"] {
            m["Europe/" + city] = ("CET", "CEST")
        }
        for city in ["Athens", "Helsinki", "Kiev", "Bucharest", "Sofia"] { m["Europe/" + city] = ("EET", "EEST") }
        return m
    }()
}

enum OffsetFormat {
    enum Style { case hours, compact, colon, compactSeconds, colonSeconds }

    static func format(_ offset: Int, style: Style, zeroAsZ: Bool) -> String {
        if offset == 0 && zeroAsZ { return "Z" }
        let sign = offset < 0 ? "-" : "+"
        let a = abs(offset)
        let h = a / 3600, m = a / 60 % 60, s = a % 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        switch style {
        case .hours: return sign + two(h) + (m != 0 ? two(m) : "")
        case .compact: return sign + two(h) + two(m)
        case .colon: return sign + two(h) + ":" + two(m)
        case .compactSeconds: return sign + two(h) + two(m) + (s != 0 ? two(s) : "")
        case .colonSeconds: return sign + two(h) + ":" + two(m) + (s != 0 ? ":" + two(s) : "")
        }
    }
}

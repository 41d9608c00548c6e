/// The fields found while parsing; absent ones take ksqlDB's defaults (1970-01-01T00:00:00).
public struct ParsedDateTime: Sendable, Hashable {
    public var year: Int?, month: Int?, day: Int?, dayOfYear: Int?
    public var hour: Int?, hourOfAmPm: Int?, pm: Bool?, minute: Int?, second: Int?, nano: Int?
    public var offsetSeconds: Int?
    public var zone: ZoneRules?

    public var hasDate: Bool { year != nil || month != nil || day != nil || dayOfYear != nil }
    public var hasTime: Bool { hour != nil || hourOfAmPm != nil || minute != nil || second != nil || nano != nil }
    public var hasZone: Bool { offsetSeconds != nil || zone != nil }

    /// The wall-clock time, with defaults for missing fields; nil when fields are out of range.
    public func localDateTime() -> LocalDateTime? {
        let y = year ?? 1970
        var m = month ?? 1, d = day ?? 1
        if let doy = dayOfYear {
            let date = CivilCalendar.date(days: CivilCalendar.days(year: y, month: 1, day: 1) + doy - 1)
            guard date.year == y else { return nil }
            m = date.month
            d = date.day
        }
        guard (1...12).contains(m), d >= 1, d <= CivilCalendar.daysInMonth(year: y, month: m) else { return nil }
        var h = hour ?? 0
        if let hap = hourOfAmPm { h = hap % 12 + ((pm ?? false) ? 12 : 0) } else if let pm, hour != nil, h < 12, pm { h += 12 }
        if h == 24 { h = 0 }
        let mi = minute ?? 0, s = second ?? 0
        guard (0...23).contains(h), (0...59).contains(mi), (0...59).contains(s) else { return nil }
        return LocalDateTime(year: y, month: m, day: d, hour: h, minute: mi, second: s, nano: nano ?? 0)
    }
}

extension DateTimePattern {
    /// Parses the whole text (or, with `allowingTrailingText`, a prefix of it, as java.text's
    /// `DateFormat.parse(String)` does); throws `EddyError(.execution)` with java.time's message shape.
    public func parse(_ text: String, allowingTrailingText: Bool = false) throws -> ParsedDateTime {
        let chars = Array(text.unicodeScalars)
        var result = ParsedDateTime()
        var pos = 0
        guard parseTokens(tokens[...], chars, &pos, &result) else {
            throw EddyError.execution("Text '\(text)' could not be parsed at index \(pos)")
        }
        if pos != chars.count && !allowingTrailingText {
            throw EddyError.execution("Text '\(text)' could not be parsed, unparsed text found at index \(pos)")
        }
        return result
    }

    private func isNumeric(_ t: Token?) -> Bool {
        guard case .field(let c, let n)? = t else { return false }
        return "yuDdhKkHmsSAnNwe".contains(c) || ("MLQqc".contains(c) && n <= 2)
    }

    private func parseTokens(_ tokens: ArraySlice<Token>, _ s: [Unicode.Scalar], _ pos: inout Int, _ r: inout ParsedDateTime) -> Bool {
        var i = tokens.startIndex
        while i < tokens.endIndex {
            switch tokens[i] {
            case .literal(let lit):
                // ksqlDB builds every parser with parseCaseInsensitive(): literals and zone letters
                // match regardless of case.
                for u in lit.unicodeScalars {
                    guard pos < s.count, s[pos] == u || s[pos].properties.lowercaseMapping == u.properties.lowercaseMapping
                    else { return false }
                    pos += 1
                }
            case .optionalStart:
                var depth = 0, j = i
                repeat {
                    if case .optionalStart = tokens[j] { depth += 1 }
                    if case .optionalEnd = tokens[j] { depth -= 1 }
                    j += 1
                } while depth > 0 && j < tokens.endIndex
                var trialPos = pos, trial = r
                if parseTokens(tokens[(i + 1)..<(j - 1)], s, &trialPos, &trial) { pos = trialPos; r = trial }
                i = j
                continue
            case .optionalEnd:
                break
            case .field(let c, let n):
                let next = i + 1 < tokens.endIndex ? tokens[i + 1] : nil
                guard parseField(c, n, adjacentNumeric: isNumeric(next), s, &pos, &r) else { return false }
            }
            i += 1
        }
        return true
    }

    private func digits(_ s: [Unicode.Scalar], _ pos: inout Int, min: Int, max: Int) -> Int? {
        var v = 0, count = 0
        while pos < s.count, count < max, let d = s[pos].properties.numericType != nil ? Int(String(s[pos])) : nil {
            v = v * 10 + d
            pos += 1
            count += 1
        }
        return count >= min ? v : nil
    }

    private func text(_ s: [Unicode.Scalar], _ pos: inout Int, _ options: [String]) -> Int? {
        for (idx, o) in options.enumerated().sorted(by: { $0.element.count > $1.element.count }) {
            let u = Array(o.unicodeScalars)
            guard pos + u.count <= s.count else { continue }
            if String(String.UnicodeScalarView(s[pos..<(pos + u.count)])).lowercased() == o.lowercased() {
                pos += u.count
                return idx
            }
        }
        return nil
    }

    private func parseField(_ c: Character, _ n: Int, adjacentNumeric: Bool, _ s: [Unicode.Scalar], _ pos: inout Int, _ r: inout ParsedDateTime) -> Bool {
        func num(_ minW: Int, _ maxW: Int) -> Int? {
            var sign = 1
            if (c == "y" || c == "u"), n >= 4, pos < s.count, s[pos] == "+" || s[pos] == "-" {
                sign = s[pos] == "-" ? -1 : 1
                pos += 1
            }
            return digits(s, &pos, min: minW, max: adjacentNumeric ? Swift.max(minW, n) : maxW).map { $0 * sign }
        }
        switch c {
        case "y", "u":
            if n == 2 {
                guard let v = digits(s, &pos, min: 2, max: 2) else { return false }
                r.year = 2000 + v
            } else {
                guard let v = num(n, n >= 4 ? 10 : 10) else { return false }
                r.year = v
            }
        case "D": guard let v = num(n, 3) else { return false }; r.dayOfYear = v
        case "M", "L":
            if n >= 3 {
                guard let v = text(s, &pos, n == 3 ? Self.monthsShort : Self.monthsLong) else { return false }
                r.month = v + 1
            } else {
                guard let v = num(n, 2) else { return false }
                r.month = v
            }
        case "d": guard let v = num(n, 2) else { return false }; r.day = v
        case "E", "e", "c":
            if n <= 2 && c != "E" { return num(n, 1) != nil }
            return text(s, &pos, n == 4 ? Self.daysLong : Self.daysShort) != nil
        case "Q", "q", "w", "G":
            if c == "G" { return text(s, &pos, ["AD", "BC"]) != nil }
            return num(n, 2) != nil
        case "a":
            guard let v = text(s, &pos, ["AM", "PM"]) else { return false }
            r.pm = v == 1
        case "h", "K": guard let v = num(n, 2) else { return false }; r.hourOfAmPm = v
        case "k", "H": guard let v = num(n, 2) else { return false }; r.hour = v
        case "m": guard let v = num(n, 2) else { return false }; r.minute = v
        case "s": guard let v = num(n, 2) else { return false }; r.second = v
        case "S":
            let start = pos
            guard let v = digits(s, &pos, min: n, max: adjacentNumeric ? n : 9) else { return false }
            let width = pos - start
            var nanos = v
            for _ in width..<9 { nanos *= 10 }
            r.nano = nanos
        case "n": guard let v = num(n, 9) else { return false }; r.nano = v
        case "A":
            guard let v = num(n, 8) else { return false }
            r.hour = v / 3_600_000; r.minute = v / 60_000 % 60; r.second = v / 1000 % 60; r.nano = v % 1000 * 1_000_000
        case "N": return num(n, 14) != nil
        case "X", "x", "Z", "O":
            if pos < s.count, s[pos] == "Z" || s[pos] == "z", c == "X" || (c == "Z" && n == 5) { pos += 1; r.offsetSeconds = 0; return true }
            if c == "O" || (c == "Z" && n == 4) {
                guard text(s, &pos, ["GMT"]) != nil else { return false }
                if pos >= s.count || (s[pos] != "+" && s[pos] != "-") { r.offsetSeconds = 0; return true }
            }
            var end = pos + 1
            while end < s.count, s[end] == ":" || s[end].properties.numericType != nil { end += 1 }
            guard pos < s.count, s[pos] == "+" || s[pos] == "-",
                  let off = ZoneRules.parseOffset(Substring(String(String.UnicodeScalarView(s[pos..<end])))) else { return false }
            pos = end
            r.offsetSeconds = off
        case "V", "z":
            var end = pos
            while end < s.count, s[end].properties.isAlphabetic || "/_+-:0123456789".unicodeScalars.contains(s[end]) { end += 1 }
            let id = String(String.UnicodeScalarView(s[pos..<end]))
            guard let zone = ZoneRules(id) ?? Self.abbreviations[id].flatMap(ZoneRules.init) else { return false }
            pos = end
            r.zone = zone
        default: return false
        }
        return true
    }

    /// Short names java.time parses for `z`.
    static let abbreviations: [String: String] = [
        "PST": "America/Los_Angeles", "PDT": "America/Los_Angeles", "EST": "America/New_York",
        "EDT": "America/New_York", "CST": "America/Chicago", "CDT": "America/Chicago", "MST": "America/Denver",
        "MDT": "America/Denver", "BST": "Europe/London", "CET": "Europe/Paris", "CEST": "Europe/Paris",
    ]
}

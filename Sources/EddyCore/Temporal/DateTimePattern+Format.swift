extension DateTimePattern {
    /// Formats a wall-clock time; `offsetSeconds`/`zone` feed the zone letters.
    public func format(_ t: LocalDateTime, offsetSeconds: Int = 0, zone: ZoneRules? = nil, epochMillis: Int64? = nil) -> String {
        var out = ""
        for token in tokens {
            switch token {
            case .literal(let s): out += s
            case .optionalStart, .optionalEnd: break
            case .field(let letter, let n): out += formatField(letter, n, t, offsetSeconds, zone, epochMillis)
            }
        }
        return out
    }

    private func pad(_ v: Int, _ width: Int) -> String {
        let s = String(abs(v))
        let padded = s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        return v < 0 ? "-" + padded : padded
    }

    private func formatField(_ c: Character, _ n: Int, _ t: LocalDateTime, _ offset: Int, _ zone: ZoneRules?, _ millis: Int64?) -> String {
        switch c {
        case "G": return n == 4 ? (t.year > 0 ? "Anno Domini" : "Before Christ") : (t.year > 0 ? "AD" : "BC")
        case "y", "u":
            let year = c == "y" && t.year <= 0 ? 1 - t.year : t.year
            if n == 2 { return pad(((year % 100) + 100) % 100, 2) }
            let s = pad(year, n)
            return n >= 4 && year > 9999 ? "+" + s : s
        case "D": return pad(CivilCalendar.dayOfYear(year: t.year, month: t.month, day: t.day), n)
        case "M", "L":
            switch n {
            case 1, 2: return pad(t.month, n)
            case 3: return Self.monthsShort[t.month - 1]
            case 4: return Self.monthsLong[t.month - 1]
            default: return String(Self.monthsLong[t.month - 1].prefix(1))
            }
        case "d": return pad(t.day, n)
        case "Q", "q":
            let q = (t.month - 1) / 3 + 1
            return n <= 2 ? pad(q, n) : (n == 3 ? "Q\(q)" : ["1st", "2nd", "3rd", "4th"][q - 1] + " quarter")
        case "E", "e", "c":
            let dow = CivilCalendar.dayOfWeek(days: t.epochDay)
            if c != "E" && n <= 2 { return pad(dow % 7 + 1, n) }
            switch n {
            case 4: return Self.daysLong[dow - 1]
            case 5: return String(Self.daysLong[dow - 1].prefix(1))
            default: return Self.daysShort[dow - 1]
            }
        case "w":
            return pad((CivilCalendar.dayOfYear(year: t.year, month: t.month, day: t.day) - 1) / 7 + 1, n)
        case "a": return t.hour < 12 ? "AM" : "PM"
        case "h": return pad(t.hour % 12 == 0 ? 12 : t.hour % 12, n)
        case "K": return pad(t.hour % 12, n)
        case "k": return pad(t.hour == 0 ? 24 : t.hour, n)
        case "H": return pad(t.hour, n)
        case "m": return pad(t.minute, n)
        case "s": return pad(t.second, n)
        case "S":
            let nanos = pad(t.nano, 9)
            return n <= 9 ? String(nanos.prefix(n)) : nanos + String(repeating: "0", count: n - 9)
        case "A": return pad(t.millisOfDay, n)
        case "n": return pad(t.nano, n)
        case "N": return pad(t.millisOfDay * 1_000_000 + t.nano % 1_000_000, n)
        case "V": return zone?.id ?? OffsetFormat.format(offset, style: .colon, zeroAsZ: true)
        case "z":
            if let zone, let millis { return zone.abbreviation(atEpochMillis: millis) }
            return offset == 0 ? "UTC" : OffsetFormat.format(offset, style: .colon, zeroAsZ: false)
        case "O":
            if offset == 0 { return "GMT" }
            if n == 4 { return "GMT" + OffsetFormat.format(offset, style: .colonSeconds, zeroAsZ: false) }
            let h = abs(offset) / 3600, m = abs(offset) / 60 % 60
            return "GMT" + (offset < 0 ? "-" : "+") + "\(h)" + (m != 0 ? ":" + pad(m, 2) : "")
        case "X", "x":
            let z = c == "X"
            switch n {
            case 1: return OffsetFormat.format(offset, style: .hours, zeroAsZ: z)
            case 2: return OffsetFormat.format(offset, style: .compact, zeroAsZ: z)
            case 3: return OffsetFormat.format(offset, style: .colon, zeroAsZ: z)
            case 4: return OffsetFormat.format(offset, style: .compactSeconds, zeroAsZ: z)
            default: return OffsetFormat.format(offset, style: .colonSeconds, zeroAsZ: z)
            }
        case "Z":
            switch n {
            case 1, 2, 3: return OffsetFormat.format(offset, style: .compact, zeroAsZ: false)
            case 4: return offset == 0 ? "GMT" : "GMT" + OffsetFormat.format(offset, style: .colonSeconds, zeroAsZ: false)
            default: return OffsetFormat.format(offset, style: .colonSeconds, zeroAsZ: true)
            }
        default: return ""
        }
    }
}

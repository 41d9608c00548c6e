import EddyCore

/// Java `toString()` of primitive values, for ARRAY_JOIN and friends.
enum ValueText {
    static func render(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .bigint(let i): return String(i)
        case .double(let d): return javaDouble(d)
        case .decimal(let d): return d.description
        case .string(let s): return s
        case .bytes(let b): return Charset.base64.encode(b)
        case .date(let d): let c = CivilCalendar.date(days: Int(d)); return String(format4: c.year) + "-" + two(c.month) + "-" + two(c.day)
        case .time(let t): return (try? DateTimePattern("HH:mm:ss.SSS").format(LocalDateTime(epochMillis: Int64(t)))) ?? "\(t)"
        case .timestamp(let t): return (try? DateTimePattern("yyyy-MM-dd'T'HH:mm:ss.SSS").format(LocalDateTime(epochMillis: t))) ?? "\(t)"
        case .array(let a): return "[" + a.map(render).joined(separator: ", ") + "]"
        case .map(let m): return "{" + m.pairs.map { render($0) + "=" + render($1) }.joined(separator: ", ") + "}"
        case .struct(let s): return "Struct{" + zip(s.names, s.values).filter { !$1.isNull }.map { "\($0)=\(render($1))" }.joined(separator: ",") + "}"
        }
    }

    private static func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }

    /// Double.toString: plain notation between 1e-3 and 1e7, otherwise computerized scientific.
    static func javaDouble(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "Infinity" : "-Infinity" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        let mag = abs(d)
        if mag >= 1e-3 && mag < 1e7 {
            let s = "\(d)"
            return s.contains(".") || s.contains("e") ? s : s + ".0"
        }
        // Swift prints "1e-05"/"1.5e+20"; Java prints "1.0E-5"/"1.5E20".
        let s = "\(d)"
        guard let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return s }
        var mantissa = String(s[..<e])
        if !mantissa.contains(".") { mantissa += ".0" }
        let exp = Int(s[s.index(after: e)...]) ?? 0
        return mantissa + "E" + String(exp)
    }
}

extension String {
    init(format4 year: Int) {
        let s = String(abs(year))
        self = (year < 0 ? "-" : "") + (s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s)
    }
}

extension Value {
    /// The value as Java's `String.valueOf` prints it for the type ksqlDB maps it to (Connect's
    /// `Struct{A=x}` for structs), for extension functions that mirror Java UDFs.
    public var javaString: String { ValueText.render(self) }
}

extension Value {
    /// The text of `CAST(value AS STRING)`, which is Java's `String.valueOf` on ksqlDB's runtime
    /// objects: `Double.toString` for doubles, plain notation for decimals, ISO text for temporal
    /// values, and Java collection syntax for complex values (`[1, 2]`, `{a=1, b=2}`,
    /// `Struct{A=1,B=x}` listing only non-null fields). BYTES, which CAST does not accept, render
    /// as base64 as in ksqlDB's text formats. NULL renders as `null`.
    public func sqlString(type: SQLType? = nil) -> String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let v): return String(v)
        case .bigint(let v): return String(v)
        case .double(let d): return JavaDouble.toString(d)
        case .decimal(let d): return d.description
        case .string(let s): return s
        case .bytes(let b): return Base64.encode(b)
        case .date(let d): return TemporalText.formatDate(d)
        case .time(let t): return TemporalText.formatTime(t)
        case .timestamp(let t): return TemporalText.formatTimestamp(t)
        case .array, .map, .struct:
            var out = ""
            appendJavaString(to: &out)
            return out
        }
    }

    /// Java's `toString()` of the runtime object, used for values nested in collections.
    func appendJavaString(to out: inout String) {
        switch self {
        case .decimal(let d): out += d.javaString
        case .bytes(let b): out += "java.nio.HeapByteBuffer[pos=0 lim=\(b.count) cap=\(b.count)]"
        case .time(let t):
            // java.sql.Time prints whole seconds.
            let s = Int(t) / 1000
            out += TemporalText.pad2(s / 3600) + ":" + TemporalText.pad2(s / 60 % 60) + ":" + TemporalText.pad2(s % 60)
        case .timestamp(let t): out += Value.javaSqlTimestamp(t)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.appendJavaString(to: &out)
            }
            out += "]"
        case .map(let m):
            out += "{"
            for (i, (k, v)) in m.pairs.enumerated() {
                if i > 0 { out += ", " }
                k.appendJavaString(to: &out)
                out += "="
                v.appendJavaString(to: &out)
            }
            out += "}"
        case .struct(let s):
            out += "Struct{"
            var first = true
            for (name, v) in zip(s.names, s.values) where !v.isNull {
                if !first { out += "," }
                first = false
                out += name + "="
                v.appendJavaString(to: &out)
            }
            out += "}"
        default:
            out += sqlString()
        }
    }

    /// `java.sql.Timestamp.toString()` in UTC: `yyyy-mm-dd hh:mm:ss.f`, fraction without
    /// trailing zeros but at least one digit.
    static func javaSqlTimestamp(_ millis: Int64) -> String {
        var text = String(TemporalText.formatTimestamp(millis).map { $0 == "T" ? " " : $0 })
        while text.hasSuffix("0") && !text.hasSuffix(".0") { text.removeLast() }
        return text
    }
}

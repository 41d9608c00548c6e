/// Java's text conversions for `double`, which ksqlDB uses for CAST and text formats.
public enum JavaDouble {
    /// `Double.toString(d)`: the shortest digits that round-trip, written plainly for
    /// 10⁻³ ≤ |d| < 10⁷ (`100.0`, `0.001`) and in computerized scientific notation otherwise
    /// (`1.0E7`, `1.0E-5`), always with at least one fractional digit.
    public static func toString(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
        let (digits, exponent) = shortestDigits(d.magnitude)
        var out = d < 0 ? "-" : ""
        if d.magnitude >= 1e-3 && d.magnitude < 1e7 {
            if exponent >= 0 {
                let intCount = exponent + 1
                if digits.count <= intCount {
                    out += digits + String(repeating: "0", count: intCount - digits.count) + ".0"
                } else {
                    out += digits.prefix(intCount) + "." + digits.dropFirst(intCount)
                }
            } else {
                out += "0." + String(repeating: "0", count: -exponent - 1) + digits
            }
        } else {
            out += digits.prefix(1) + "." + (digits.count > 1 ? String(digits.dropFirst()) : "0")
            out += "E" + String(exponent)
        }
        return out
    }

    /// The shortest round-tripping significant digits of a positive finite double and the power
    /// of ten of the first digit (`123.4` → ("1234", 2)). Swift's `description` already computes
    /// the shortest digits; only its layout differs from Java's.
    static func shortestDigits(_ d: Double) -> (String, Int) {
        let text = d.description
        var mantissa = Substring(text)
        var exp = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exp = Int(text[text.index(after: e)...]) ?? 0
        }
        var intPart = mantissa, fracPart: Substring = ""
        if let dot = mantissa.firstIndex(of: ".") {
            intPart = mantissa[..<dot]
            fracPart = mantissa[mantissa.index(after: dot)...]
        }
        var all = String(intPart) + String(fracPart)
        var pointPos = intPart.count
        while all.first == "0" && all.count > 1 { all.removeFirst(); pointPos -= 1 }
        while all.last == "0" && all.count > 1 { all.removeLast() }
        return (all, pointPos - 1 + exp)
    }

    /// `Double.parseDouble(s)`: surrounding control characters and spaces are ignored; accepts an
    /// optional sign, `NaN`, `Infinity`, decimal digits with optional fraction and exponent, hex
    /// floats (`0x1.8p1`) and a trailing `f`, `F`, `d` or `D`. Nil where Java would throw.
    public static func parse(_ text: String) -> Double? {
        let s = text.javaTrimmed
        var body = s
        var negative = false
        if let f = body.first, f == "+" || f == "-" { negative = f == "-"; body = body.dropFirst() }
        if body == "NaN" { return .nan }
        if body == "Infinity" { return negative ? -.infinity : .infinity }
        if let l = body.last, "fFdD".contains(l) { body = body.dropLast() }
        guard isJavaNumber(body) else { return nil }
        guard let v = Double(String(body)) else { return nil }
        return negative ? -v : v
    }

    private static func isJavaNumber(_ s: Substring) -> Bool {
        let u = Array(s.utf8)
        var i = 0
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        func isHex(_ c: UInt8) -> Bool { isDigit(c) || (c | 0x20 >= 97 && c | 0x20 <= 102) }
        if u.count > 2, u[0] == 48, u[1] | 0x20 == 120 {
            i = 2
            var n = 0
            while i < u.count, isHex(u[i]) { i += 1; n += 1 }
            if i < u.count, u[i] == 46 { i += 1; while i < u.count, isHex(u[i]) { i += 1; n += 1 } }
            guard n > 0, i < u.count, u[i] | 0x20 == 112 else { return false }
            i += 1
            if i < u.count, u[i] == 43 || u[i] == 45 { i += 1 }
            let start = i
            while i < u.count, isDigit(u[i]) { i += 1 }
            return i > start && i == u.count
        }
        var n = 0
        while i < u.count, isDigit(u[i]) { i += 1; n += 1 }
        if i < u.count, u[i] == 46 { i += 1; while i < u.count, isDigit(u[i]) { i += 1; n += 1 } }
        guard n > 0 else { return false }
        if i < u.count, u[i] | 0x20 == 101 {
            i += 1
            if i < u.count, u[i] == 43 || u[i] == 45 { i += 1 }
            let start = i
            while i < u.count, isDigit(u[i]) { i += 1 }
            if i == start { return false }
        }
        return i == u.count
    }
}

/// Java's integer parsing (`Integer.parseInt`, `Long.parseLong`), which ksqlDB uses for CAST.
public enum JavaInteger {
    /// An optional `+`/`-` followed by ASCII digits, within the 64-bit range. No whitespace.
    public static func parseInt64(_ s: Substring) -> Int64? {
        var body = s
        var negative = false
        if let f = body.first, f == "+" || f == "-" { negative = f == "-"; body = body.dropFirst() }
        guard !body.isEmpty else { return nil }
        var v: Int64 = 0
        for c in body.utf8 {
            guard c >= 48, c <= 57 else { return nil }
            let digit = Int64(c - 48)
            // Accumulate negatively so Int64.min parses.
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (r, o2) = m.subtractingReportingOverflow(digit)
            if o1 || o2 { return nil }
            v = r
        }
        if negative { return v }
        return v == .min ? nil : -v
    }

    public static func parseInt32(_ s: Substring) -> Int32? {
        guard let v = parseInt64(s), let r = Int32(exactly: v) else { return nil }
        return r
    }
}

import EddyCore
import BigInt

/// Number renderings that must match what Java writes, so Java readers and ksqlDB's expected
/// outputs see identical text. (A shared version may later live in EddyCore.)
enum JavaText {
    /// Java's `Double.toString`: plain notation with at least one fractional digit for
    /// 1e-3 <= |d| < 1e7, otherwise `d.dddE±n`; "NaN", "Infinity", "-Infinity".
    static func double(_ d: Double) -> String {
        var out: [UInt8] = []
        appendDouble(d, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendDouble(_ d: Double, to out: inout [UInt8]) {
        if d.isNaN { out.append(contentsOf: "NaN".utf8); return }
        if d.isInfinite { out.append(contentsOf: (d < 0 ? "-Infinity" : "Infinity").utf8); return }
        if d == 0 { out.append(contentsOf: (d.sign == .minus ? "-0.0" : "0.0").utf8); return }
        if d.magnitude == .leastNonzeroMagnitude {
            // Java's spec keeps two digits for the smallest subnormal, where the shortest form has one.
            out.append(contentsOf: (d < 0 ? "-4.9E-324" : "4.9E-324").utf8)
            return
        }
        // Swift's description gives the shortest round-tripping digits; only the layout differs.
        var digits: [UInt8] = []
        var exponent = 0  // value = 0.d1d2d3… × 10^exponent
        var negative = false
        var seenDot = false
        var mantissaExp = 0
        var expPart = 0
        var expNegative = false
        var inExp = false
        for c in d.description.utf8 {
            switch c {
            case UInt8(ascii: "-") where !inExp: negative = true
            case UInt8(ascii: "-"): expNegative = true
            case UInt8(ascii: "+"): break
            case UInt8(ascii: "."): seenDot = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): inExp = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if inExp {
                    expPart = expPart * 10 + Int(c - 48)
                } else {
                    if digits.isEmpty && c == UInt8(ascii: "0") {
                        if seenDot { mantissaExp -= 1 }
                        continue
                    }
                    digits.append(c)
                    if !seenDot { mantissaExp += 1 }
                }
            default: break
            }
        }
        while digits.count > 1, digits.last == UInt8(ascii: "0") { digits.removeLast() }
        exponent = mantissaExp + (expNegative ? -expPart : expPart)
        if negative { out.append(UInt8(ascii: "-")) }
        let sciExp = exponent - 1
        if sciExp >= -3 && sciExp < 7 {
            if exponent <= 0 {
                out.append(contentsOf: "0.".utf8)
                for _ in 0 ..< -exponent { out.append(UInt8(ascii: "0")) }
                out.append(contentsOf: digits)
            } else {
                for i in 0 ..< exponent { out.append(i < digits.count ? digits[i] : UInt8(ascii: "0")) }
                out.append(UInt8(ascii: "."))
                if digits.count > exponent { out.append(contentsOf: digits[exponent...]) } else { out.append(UInt8(ascii: "0")) }
            }
        } else {
            out.append(digits[0])
            out.append(UInt8(ascii: "."))
            if digits.count > 1 { out.append(contentsOf: digits[1...]) } else { out.append(UInt8(ascii: "0")) }
            out.append(UInt8(ascii: "E"))
            out.append(contentsOf: String(sciExp).utf8)
        }
    }

    /// Java's `BigDecimal.toString()`: plain unless the scale is negative or the adjusted exponent is
    /// below -6, then scientific with an explicit exponent sign (`1E+3`, `1.5E-7`).
    static func bigDecimal(_ d: SQLDecimal) -> String {
        let negative = d.unscaled.signum() < 0
        let digits = String(d.unscaled.magnitude)
        let adjusted = -d.scale + (digits.count - 1)
        if d.scale >= 0 && adjusted >= -6 { return d.description }
        var s = negative ? "-" : ""
        s += String(digits.first!)
        if digits.count > 1 { s += "." + digits.dropFirst() }
        s += "E" + (adjusted >= 0 ? "+" : "") + String(adjusted)
        return s
    }

    /// Parses a decimal literal as Java's `new BigDecimal(String)` does, keeping a negative scale
    /// for exponents (`1e3` is 1 with scale -3).
    static func parseBigDecimal(_ text: String) -> SQLDecimal? {
        var digits = ""
        var scale = 0
        var exponent = 0
        var negative = false
        var seenDot = false
        var seenDigit = false
        var s = Substring(text)
        if s.first == "-" || s.first == "+" { negative = s.first == "-"; s = s.dropFirst() }
        while let c = s.first {
            if c == "." {
                if seenDot { return nil }
                seenDot = true
            } else if c.isASCII, c.isNumber {
                digits.append(c)
                seenDigit = true
                if seenDot { scale += 1 }
            } else if c == "e" || c == "E" {
                guard seenDigit, let e = Int(s.dropFirst()), s.count > 1 else { return nil }
                exponent = e
                break
            } else {
                return nil
            }
            s = s.dropFirst()
        }
        guard seenDigit, var unscaled = BigInt(digits) else { return nil }
        if negative { unscaled = -unscaled }
        return SQLDecimal(unscaled: unscaled, scale: scale - exponent)
    }
}

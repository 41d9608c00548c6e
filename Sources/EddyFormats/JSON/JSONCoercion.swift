import EddyCore
import BigInt

/// A value that can't be coerced to its column type; `path` locates it (`$.ADDRESS.ZIP`).
struct JSONCoercionFailure: Error {
    var message: String
    var path: String
}

/// The Jackson node class names ksqlDB's messages use for "sourceType".
enum JSONNodeKind {
    static func name(ofValueStartingAt c: UInt8, integral: Bool = true, digits: Int = 0) -> String {
        switch c {
        case UInt8(ascii: "\""): "TextNode"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "BooleanNode"
        case UInt8(ascii: "["): "ArrayNode"
        case UInt8(ascii: "{"): "ObjectNode"
        case UInt8(ascii: "n"): "NullNode"
        default: integral ? (digits <= 9 ? "IntNode" : digits <= 18 ? "LongNode" : "BigIntegerNode") : "DecimalNode"
        }
    }
}

/// Java-compatible text-to-number parsing for ksqlDB's string coercions.
enum JavaNumberParsing {
    /// `Long.parseLong`: optional sign then ASCII digits only, within range.
    static func parseInt64(_ s: some Collection<UInt8>) -> Int64? {
        var it = s.makeIterator()
        guard var c = it.next() else { return nil }
        var negative = false
        if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") {
            negative = c == UInt8(ascii: "-")
            guard let n = it.next() else { return nil }
            c = n
        }
        var magnitude: UInt64 = 0
        while true {
            guard c >= 0x30 && c <= 0x39 else { return nil }
            let (m1, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (m2, o2) = m1.addingReportingOverflow(UInt64(c - 0x30))
            if o1 || o2 { return nil }
            magnitude = m2
            guard let n = it.next() else { break }
            c = n
        }
        if negative {
            if magnitude > UInt64(Int64.max) + 1 { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        return magnitude > UInt64(Int64.max) ? nil : Int64(magnitude)
    }

    static func parseInt32(_ s: some Collection<UInt8>) -> Int32? {
        guard let v = parseInt64(s), s.count <= 12 else { return nil }
        return Int32(exactly: v)
    }

    /// `Double.parseDouble`: surrounding whitespace trimmed, `NaN`/`Infinity`, an optional
    /// `f`/`d` suffix.
    static func parseDouble(_ text: String) -> Double? {
        var s = Substring(text)
        while let f = s.first, f.asciiValue.map({ $0 <= 0x20 }) ?? false { s = s.dropFirst() }
        while let l = s.last, l.asciiValue.map({ $0 <= 0x20 }) ?? false { s = s.dropLast() }
        var body = s
        if body.first == "+" || body.first == "-" { body = body.dropFirst() }
        if body == "NaN" { return .nan }
        if body == "Infinity" { return s.first == "-" ? -.infinity : .infinity }
        if let l = s.last, "fFdD".contains(l) { s = s.dropLast() }
        guard let first = body.first, first.isASCII, first.isNumber || first == "." else { return nil }
        guard s.allSatisfy({ $0.isASCII && ($0.isHexDigit || "+-.eEpPxX".contains($0)) }) else { return nil }
        return Double(s)
    }

    /// Low 64 bits of an integral JSON literal, as Java's `longValue()` narrows a BigInteger.
    static func integralLowBits(_ literal: UnsafeRawBufferPointer) -> UInt64 {
        var negative = false
        var v: UInt64 = 0
        for c in literal {
            if c == UInt8(ascii: "-") { negative = true; continue }
            v = v &* 10 &+ UInt64(c - 0x30)
        }
        return negative ? 0 &- v : v
    }

    /// Truncates a non-integral literal toward zero and keeps the low 64 bits (`BigDecimal.longValue()`).
    static func fractionalLowBits(_ literal: String) -> UInt64 {
        guard let d = SQLDecimal(literal) else { return 0 }
        let truncated: BigInt = d.scale > 0 ? d.unscaled / BigInt(10).power(d.scale) : d.unscaled
        let magnitude = truncated.magnitude
        let low: UInt64 = magnitude.words.first.map { UInt64($0) } ?? 0
        return truncated.signum() < 0 ? 0 &- low : low
    }

    private static let exactPowers: [Double] = (0 ... 22).map { Double(sign: .plus, exponent: 0, significand: 1) * pow10($0) }
    private static func pow10(_ n: Int) -> Double { var r = 1.0; for _ in 0 ..< n { r *= 10 }; return r }

    /// Correctly rounded double for a JSON number literal, without allocating in the common cases.
    static func double(_ literal: UnsafeRawBufferPointer) -> Double {
        var mantissa: UInt64 = 0
        var digits = 0
        var fraction = 0
        var negative = false
        var i = 0
        var seenDot = false
        while i < literal.count {
            let c = literal[i]
            if c == UInt8(ascii: "-") { negative = true } else if c == UInt8(ascii: ".") { seenDot = true } else if c >= 0x30 && c <= 0x39 {
                if digits > 0 || c != 0x30 { digits += 1 }
                mantissa = mantissa &* 10 &+ UInt64(c - 0x30)
                if seenDot { fraction += 1 }
            } else { break }
            i += 1
        }
        if i == literal.count, digits <= 15, fraction <= 22 {
            let m = Double(mantissa)
            let v = fraction == 0 ? m : m / exactPowers[fraction]
            return negative ? -v : v
        }
        return Double(String(decoding: literal, as: UTF8.self)) ?? .nan
    }
}

/// ksqlDB's DecimalUtil.ensureFit: the integer digits must fit, then the value is brought to the
/// column's scale (HALF_UP).
enum DecimalFit {
    static func ensureFit(_ d: SQLDecimal, precision: Int, scale: Int) throws -> SQLDecimal {
        let digits = d.precision
        let leftDigits = digits - d.scale
        let fitLeft = precision - scale
        if leftDigits > fitLeft && !(d.unscaled == 0) {
            throw JSONCoercionFailure(
                message: "Cannot fit decimal '\(d)' into DECIMAL(\(precision), \(scale)) as it would truncate left digits to \(fitLeft).",
                path: "")
        }
        return d.rescaled(to: scale)
    }
}

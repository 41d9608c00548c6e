import BigInt

/// Exact decimal arithmetic with the rounding behaviour of Java's BigDecimal, which ksqlDB uses.
extension SQLDecimal {
    private static let smallPowers: [BigInt] = (0...40).map { BigInt(10).power($0) }

    /// 10^n for n ≥ 0, cached for the common range.
    public static func pow10(_ n: Int) -> BigInt {
        precondition(n >= 0)
        return n < smallPowers.count ? smallPowers[n] : BigInt(10).power(n)
    }

    public static let zero = SQLDecimal(unscaled: 0, scale: 0)

    public init(_ value: Int64) { self.init(unscaled: BigInt(value), scale: 0) }

    /// The exact binary value of a finite double, as Java's `new BigDecimal(double)`.
    public init?(exactly d: Double) {
        guard d.isFinite else { return nil }
        if d == 0 { self.init(unscaled: 0, scale: 0); return }
        var mantissa = BigInt(d.significandBitPattern)
        var exponent: Int
        if d.exponentBitPattern == 0 {
            exponent = -1074
        } else {
            mantissa += BigInt(1) << 52
            exponent = Int(d.exponentBitPattern) - 1075
        }
        // Drop factors of two so the decimal expansion is as short as the value allows.
        while exponent < 0, mantissa & 1 == 0 { mantissa >>= 1; exponent += 1 }
        if d.sign == .minus { mantissa = -mantissa }
        if exponent >= 0 {
            self.init(unscaled: mantissa << exponent, scale: 0)
        } else {
            self.init(unscaled: mantissa * BigInt(5).power(-exponent), scale: -exponent)
        }
    }

    public var isZero: Bool { unscaled == 0 }
    public var signum: Int { unscaled < 0 ? -1 : (unscaled == 0 ? 0 : 1) }
    public var negated: SQLDecimal { SQLDecimal(unscaled: -unscaled, scale: scale) }
    public var magnitude: SQLDecimal { SQLDecimal(unscaled: BigInt(unscaled.magnitude), scale: scale) }

    /// The significant digits once trailing zeros are dropped, i.e. the smallest precision a
    /// MathContext could round this value to without losing anything.
    var strippedPrecision: Int {
        if unscaled == 0 { return 1 }
        var u = unscaled
        while true {
            let (q, r) = u.quotientAndRemainder(dividingBy: 10)
            if r != 0 { break }
            u = q
        }
        return SQLDecimal(unscaled: u, scale: 0).precision
    }

    /// Rounds to `digits` significant digits with HALF_UP, as `BigDecimal.round(new MathContext(p))`.
    public func rounded(toPrecision digits: Int) -> SQLDecimal {
        let current = precision
        guard digits > 0, current > digits else { return self }
        return rescaled(to: scale - (current - digits))
    }

    /// Changes the scale only if no digit is lost (`setScale(s, UNNECESSARY)`).
    public func rescaledExactly(to newScale: Int) -> SQLDecimal? {
        if newScale >= scale { return rescaled(to: newScale) }
        let (q, r) = unscaled.quotientAndRemainder(dividingBy: SQLDecimal.pow10(scale - newScale))
        return r == 0 ? SQLDecimal(unscaled: q, scale: newScale) : nil
    }

    /// Both values brought to the larger scale.
    static func aligned(_ a: SQLDecimal, _ b: SQLDecimal) -> (BigInt, BigInt, Int) {
        let s = max(a.scale, b.scale)
        return (a.rescaled(to: s).unscaled, b.rescaled(to: s).unscaled, s)
    }

    public static func + (a: SQLDecimal, b: SQLDecimal) -> SQLDecimal {
        let (x, y, s) = aligned(a, b)
        return SQLDecimal(unscaled: x + y, scale: s)
    }

    public static func - (a: SQLDecimal, b: SQLDecimal) -> SQLDecimal {
        let (x, y, s) = aligned(a, b)
        return SQLDecimal(unscaled: x - y, scale: s)
    }

    public static func * (a: SQLDecimal, b: SQLDecimal) -> SQLDecimal {
        SQLDecimal(unscaled: a.unscaled * b.unscaled, scale: a.scale + b.scale)
    }

    /// `a - trunc(a / b) * b`, as BigDecimal.remainder. Nil when `b` is zero.
    public func remainder(dividingBy b: SQLDecimal) -> SQLDecimal? {
        if b.isZero { return nil }
        let (x, y, s) = SQLDecimal.aligned(self, b)
        return SQLDecimal(unscaled: x % y, scale: s)
    }

    /// The exact quotient at `resultScale`, or nil when it does not exist (division by zero) or
    /// would need rounding at that scale.
    public func dividedExactly(by b: SQLDecimal, scale resultScale: Int) -> SQLDecimal? {
        if b.isZero { return nil }
        // self / b at scale s: (ua · 10^(s - sa + sb)) / ub.
        let shift = resultScale - scale + b.scale
        var numerator = unscaled
        var denominator = b.unscaled
        if shift >= 0 { numerator *= SQLDecimal.pow10(shift) } else { denominator *= SQLDecimal.pow10(-shift) }
        let (q, r) = numerator.quotientAndRemainder(dividingBy: denominator)
        return r == 0 ? SQLDecimal(unscaled: q, scale: resultScale) : nil
    }

    /// Java's `BigDecimal.toString()`: plain notation unless the exponent is small or the scale
    /// negative, then scientific (`1E-7`, `1.5E+3`). Used where Java renders a decimal inside a
    /// collection; CAST to STRING uses the plain form (`description`).
    public var javaString: String {
        let negative = unscaled.signum() < 0
        let digits = String(unscaled.magnitude)
        let adjusted = -scale + (digits.count - 1)
        if scale >= 0 && adjusted >= -6 { return description }
        var out = negative ? "-" : ""
        out.append(digits.first!)
        if digits.count > 1 {
            out.append(".")
            out += digits.dropFirst()
        }
        out += "E"
        if adjusted >= 0 { out += "+" }
        out += String(adjusted)
        return out
    }
}

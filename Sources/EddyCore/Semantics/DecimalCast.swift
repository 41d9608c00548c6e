import BigInt

/// Conversions into DECIMAL(p, s), as ksqlDB's `DecimalUtil.cast` overloads.
enum DecimalCast {
    static func cast(_ v: Value, precision p: Int, scale s: Int) throws(EddyError) -> Value {
        switch v {
        case .null:
            return .null
        case .int(let x):
            return .decimal(try fromInteger(Int64(x), p, s))
        case .bigint(let x):
            return .decimal(try fromInteger(x, p, s))
        case .double(let d):
            guard let exact = SQLDecimal(exactly: d) else { throw EddyError.execution("Infinite or NaN") }
            // Java builds `new BigDecimal(d, new MathContext(p))`, rounding to p digits before the
            // range check and the final HALF_UP rescale.
            let rounded = exact.rounded(toPrecision: p)
            try ensureMax(rounded, p, s)
            return .decimal(rounded.rescaled(to: s))
        case .decimal(let d):
            if d.precision == p && d.scale == s { return v }
            try ensureMax(d, p, s)
            return .decimal(d.rescaled(to: s))
        case .string(let text):
            guard let d = SQLDecimal(text.javaTrimmed) else {
                throw EddyError.execution("Invalid decimal value: \(text.javaTrimmed)")
            }
            try ensureMax(d, p, s)
            return .decimal(d.rescaled(to: s))
        default:
            throw EddyError(.internal, "Cannot cast \(v) to DECIMAL")
        }
    }

    static func fromInteger(_ x: Int64, _ p: Int, _ s: Int) throws(EddyError) -> SQLDecimal {
        let d = SQLDecimal(x).rounded(toPrecision: p)
        try ensureMax(d, p, s)
        guard let r = d.rescaledExactly(to: s) else { throw EddyError.execution("Rounding necessary") }
        return r
    }

    /// The value must be below 10^(p - s) in magnitude, checked before rounding to the scale.
    static func ensureMax(_ d: SQLDecimal, _ p: Int, _ s: Int) throws(EddyError) {
        let digits = p - s
        let limit = SQLDecimal(unscaled: SQLDecimal.pow10(digits), scale: 0)
        if limit.compare(d.magnitude) < 1 {
            throw EddyError.execution(
                "Numeric field overflow: A field with precision \(p) and scale \(s) must round to an absolute "
                    + "value less than 10^\(digits). Got \(d.description)")
        }
    }

    /// Fits a value into DECIMAL(p, s) without rounding (`DecimalUtil.ensureFit`), as the
    /// serializers and the lax coercer require.
    static func ensureFit(_ d: SQLDecimal, precision p: Int, scale s: Int) throws(EddyError) -> SQLDecimal {
        try ensureMax(d, p, s)
        guard let r = d.rescaledExactly(to: s) else {
            throw EddyError.execution(
                "Cannot fit decimal '\(d.description)' into DECIMAL(\(p), \(s)) without rounding. "
                    + "(Requires \(d.precision),\(d.scale))")
        }
        return r
    }
}

extension SQLDecimal {
    /// The integer part's low 64 bits, as Java's `BigDecimal.longValue()` (and, narrowed further,
    /// `intValue()`).
    var truncatedLowBits: Int64 {
        let whole = scale > 0 ? unscaled / SQLDecimal.pow10(scale) : unscaled * SQLDecimal.pow10(max(0, -scale))
        let low = UInt64(truncatingIfNeeded: whole.magnitude.words.first ?? 0)
        let bits = Int64(bitPattern: low)
        return whole < 0 ? 0 &- bits : bits
    }

    /// Fits into DECIMAL(p, s) without rounding, or throws ksqlDB's "Cannot fit decimal" error.
    public func ensuringFit(precision: Int, scale: Int) throws(EddyError) -> SQLDecimal {
        try DecimalCast.ensureFit(self, precision: precision, scale: scale)
    }
}

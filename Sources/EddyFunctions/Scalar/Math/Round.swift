import BigInt
import EddyCore

/// ROUND follows java.lang.Math.round: halves go towards positive infinity (-1.5 → -1), which for
/// decimals means HALF_UP above zero and HALF_DOWN below it.
struct Round: ScalarFunction {
    static let name = "Round"
    static let category = FunctionCategory.mathematical
    static let description = "Round a value to the number of decimal places as specified by scale to the right of the decimal point. If scale is negative then value is rounded to the right of the decimal point. Numbers equidistant to the nearest value are rounded up (in the positive direction). If the number of decimal places is not provided it defaults to zero."

    static var signatures: [Signature] {[
        .strict([.bigint], returns: .bigint) { a, _ in .bigint(a[0].int64Value!) },
        .strict([.int], returns: .bigint) { a, _ in .bigint(a[0].int64Value!) },
        .strict([.double], returns: .bigint) { a, _ in
            let d = a[0].doubleValue!
            if d.isNaN { return .bigint(0) }
            let r = (d + 0.5).rounded(.down)
            if r >= 9.223372036854775807e18 { return .bigint(.max) }
            if r <= -9.223372036854775808e18 { return .bigint(.min) }
            return .bigint(Int64(r))
        },
        .strict([.double, .int], returns: .double) { a, _ in
            let d = a[0].doubleValue!
            guard d.isFinite, let dec = SQLDecimal("\(d)") else { return .double(d) }
            return .double(roundTowardsPositive(dec, places: Int(a[1].int32Value!)).doubleValue)
        },
        Signature([.decimal], returns: .decimal, returnType: { types in
            guard case .decimal(let p, let s) = types[0] else { return types[0] }
            return .decimal(precision: max(1, p - s), scale: 0)
        }) { _, _ in { args in
            guard let d = args[0].decimalValue else { return .null }
            return .decimal(roundTowardsPositive(d, places: 0))
        } },
        Signature([.decimal, .int], returns: .decimal, returnType: { $0[0] }) { types, _ in
            let scale = if case .decimal(_, let s) = types[0] { s } else { 0 }
            return { args in
                guard let d = args[0].decimalValue, let n = args[1].int32Value else { return .null }
                return .decimal(roundTowardsPositive(d, places: Int(n)).rescaled(to: max(scale, 0)))
            }
        },
    ]}

    static func roundTowardsPositive(_ d: SQLDecimal, places: Int) -> SQLDecimal {
        if places >= d.scale { return d.rescaled(to: places) }
        let divisor = BigInt(10).power(d.scale - places)
        let (q, r) = d.unscaled.quotientAndRemainder(dividingBy: divisor)
        var result = q
        let twice = r.magnitude * 2
        if d.unscaled.signum() >= 0 {
            if twice >= divisor.magnitude { result += 1 }
        } else if twice > divisor.magnitude {
            result -= 1
        }
        return SQLDecimal(unscaled: result, scale: places)
    }
}

import BigInt
import EddyCore

/// Rounds a decimal to `places` with a direction, keeping the scale of the input type.
enum DecimalRounding {
    enum Mode { case floor, ceiling, down }

    static func round(_ d: SQLDecimal, places: Int, _ mode: Mode) -> SQLDecimal {
        if places >= d.scale { return d.rescaled(to: places) }
        let divisor = BigInt(10).power(d.scale - places)
        let (q, r) = d.unscaled.quotientAndRemainder(dividingBy: divisor)
        var result = q
        if r != 0 {
            switch mode {
            case .floor: if d.unscaled.signum() < 0 { result -= 1 }
            case .ceiling: if d.unscaled.signum() > 0 { result += 1 }
            case .down: break
            }
        }
        return SQLDecimal(unscaled: result, scale: places)
    }

    static func scale(of type: SQLType) -> Int {
        if case .decimal(_, let s) = type { return s }
        return 0
    }
}

struct Floor: ScalarFunction {
    static let name = "Floor"
    static let category = FunctionCategory.mathematical
    static let description = "Returns the largest integer less than or equal to the specified numeric expression."
    static var signatures: [Signature] {[
        .strict([.int], returns: .int) { a, _ in a[0] },
        .strict([.bigint], returns: .bigint) { a, _ in a[0] },
        .strict([.double], returns: .double) { a, _ in .double(a[0].doubleValue!.rounded(.down)) },
        Signature([.decimal], returns: .decimal, returnType: { $0[0] }) { types, _ in
            let scale = DecimalRounding.scale(of: types[0])
            return { args in
                guard let d = args[0].decimalValue else { return .null }
                return .decimal(DecimalRounding.round(d, places: 0, .floor).rescaled(to: scale))
            }
        },
    ]}
}

struct Ceil: ScalarFunction {
    static let name = "Ceil"
    static let category = FunctionCategory.mathematical
    static let description = "Returns the smallest integer greater than or equal to the specified numeric expression."
    static var signatures: [Signature] {[
        .strict([.int], returns: .int) { a, _ in a[0] },
        .strict([.bigint], returns: .bigint) { a, _ in a[0] },
        .strict([.double], returns: .double) { a, _ in .double(a[0].doubleValue!.rounded(.up)) },
        Signature([.decimal], returns: .decimal, returnType: { $0[0] }) { types, _ in
            let scale = DecimalRounding.scale(of: types[0])
            return { args in
                guard let d = args[0].decimalValue else { return .null }
                return .decimal(DecimalRounding.round(d, places: 0, .ceiling).rescaled(to: scale))
            }
        },
    ]}
}

struct Trunc: ScalarFunction {
    static let name = "Trunc"
    static let category = FunctionCategory.mathematical
    static let description = "Truncates a value to the number of decimal places as specified by scale to the right of the decimal point. If scale is negative then value is truncated to the right of the decimal point."
    static var signatures: [Signature] {[
        .strict([.bigint], returns: .bigint) { a, _ in .bigint(a[0].int64Value!) },
        .strict([.int], returns: .bigint) { a, _ in .bigint(a[0].int64Value!) },
        .strict([.double], returns: .bigint) { a, _ in
            let d = a[0].doubleValue!.rounded(.towardZero)
            return .bigint(d.isNaN ? 0 : d >= 9.2e18 ? .max : d <= -9.2e18 ? .min : Int64(d))
        },
        .strict([.double, .int], returns: .double) { a, _ in
            let d = a[0].doubleValue!
            guard d.isFinite, let dec = SQLDecimal("\(d)") else { return .double(d) }
            return .double(DecimalRounding.round(dec, places: Int(a[1].int32Value!), .down).doubleValue)
        },
        Signature([.decimal], returns: .decimal, returnType: { types in
            guard case .decimal(let p, let s) = types[0] else { return types[0] }
            return .decimal(precision: max(1, p - s), scale: 0)
        }) { _, _ in { args in
            guard let d = args[0].decimalValue else { return .null }
            return .decimal(DecimalRounding.round(d, places: 0, .down))
        } },
        Signature([.decimal, .int], returns: .decimal, returnType: { $0[0] }) { types, _ in
            let scale = DecimalRounding.scale(of: types[0])
            return { args in
                guard let d = args[0].decimalValue, let n = args[1].int32Value else { return .null }
                return .decimal(DecimalRounding.round(d, places: Int(n), .down).rescaled(to: scale))
            }
        },
    ]}
}

import EddyCore

/// GREATEST and LEAST skip NULLs and return NULL only when every argument is NULL.
enum Extremum {
    static let comparable: [ParamType] = [.int, .bigint, .double, .decimal, .string, .bytes, .date, .time, .timestamp]

    static func signatures(pickGreater: Bool) -> [Signature] {
        comparable.map { p in
            Signature([p, p], names: ["val", "vals"], variadic: true, returns: p, returnType: { types in
                p == .decimal ? DecimalTypes.widest(types) : types[0]
            }) { _, _ in
                // Decimals keep their own scale, as ksqlDB returns the winning BigDecimal unchanged.
                { args in
                    var best: Value = .null
                    for v in args.values where !v.isNull {
                        if best.isNull { best = v; continue }
                        let c = Value.javaCompare(v, best)
                        if pickGreater ? c > 0 : c < 0 { best = v }
                    }
                    return best
                }
            }
        }
    }
}

struct Greatest: ScalarFunction {
    static let name = "greatest", category = FunctionCategory.mathematical
    static let description = "Returns the highest non-null value among a variable number of comparable columns. If comparing columns of different numerical types, use CAST to first cast them to be of the same type."
    static var signatures: [Signature] { Extremum.signatures(pickGreater: true) }
}

struct Least: ScalarFunction {
    static let name = "least", category = FunctionCategory.mathematical
    static let description = "Returns the lowest non-null value among a variable number of comparable columns. If comparing columns of different numerical types, use CAST to first cast them to be of the same type."
    static var signatures: [Signature] { Extremum.signatures(pickGreater: false) }
}

enum DecimalTypes {
    /// The smallest decimal type holding every given decimal type exactly.
    static func widest(_ types: [SQLType]) -> SQLType {
        var digits = 1, scale = 0
        for case .decimal(let p, let s) in types {
            digits = max(digits, p - s)
            scale = max(scale, s)
        }
        return .decimal(precision: min(digits + scale, 38), scale: scale)
    }
}

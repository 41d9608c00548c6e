/// The binary arithmetic operators of ksqlDB's SQL.
public enum ArithmeticOperator: String, Sendable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulus = "%"

    public var symbol: String { rawValue }
}

extension SQLType {
    /// The result type of `lhs op rhs` (ksqlDB's `Operator.resultType`). The narrower numeric side
    /// widens to the other; DECIMAL results follow SQL's precision and scale rules. STRING + STRING
    /// is concatenation. Pass nil for an untyped NULL operand.
    ///
    /// The message is the bare reason; the analyzer prefixes it with
    /// `Error processing expression: <expr>. ` as ksqlDB does.
    public static func arithmeticResultType(
        _ op: ArithmeticOperator, _ lhs: SQLType?, _ rhs: SQLType?
    ) throws(EddyError) -> SQLType {
        guard let lhs, let rhs else {
            throw EddyError.analysis(
                "Arithmetic on types \(lhs?.ksqlText ?? "null") and \(rhs?.ksqlText ?? "null") are not supported.")
        }
        if op == .add, lhs == .string, rhs == .string { return .string }
        if lhs.isNumeric && rhs.isNumeric {
            if lhs.base.canImplicitlyCast(to: rhs.base) {
                guard case .decimal = rhs else { return rhs }
                return try decimalResult(op, lhs.requireDecimalParameters(), rhs.requireDecimalParameters())
            }
            if rhs.base.canImplicitlyCast(to: lhs.base) {
                guard case .decimal = lhs else { return lhs }
                return try decimalResult(op, lhs.requireDecimalParameters(), rhs.requireDecimalParameters())
            }
        }
        throw EddyError.analysis("Unsupported arithmetic types. \(lhs.base.rawValue) \(rhs.base.rawValue)")
    }

    /// ksqlDB's SqlDecimal.add/subtract/multiply/divide/modulus type rules.
    static func decimalResult(
        _ op: ArithmeticOperator, _ l: (precision: Int, scale: Int), _ r: (precision: Int, scale: Int)
    ) throws(EddyError) -> SQLType {
        let p: Int, s: Int
        switch op {
        case .add, .subtract:
            s = max(l.scale, r.scale)
            p = s + max(l.precision - l.scale, r.precision - r.scale) + 1
        case .multiply:
            p = l.precision + r.precision + 1
            s = l.scale + r.scale
        case .divide:
            s = max(6, l.scale + r.precision + 1)
            p = l.precision - l.scale + r.scale + s
        case .modulus:
            s = max(l.scale, r.scale)
            p = min(l.precision - l.scale, r.precision - r.scale) + s
        }
        try validateDecimal(precision: p, scale: s)
        return .decimal(precision: p, scale: s)
    }
}

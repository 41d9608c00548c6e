/// Evaluation of binary arithmetic with ksqlDB's runtime semantics:
///
/// - a NULL operand gives NULL;
/// - INTEGER and BIGINT wrap on overflow like Java's `int`/`long`; division or modulus by zero
///   throws (ksqlDB's `ArithmeticException`, which the query turns into NULL plus a processing-log
///   entry);
/// - DOUBLE follows IEEE 754 (`x / 0.0` is infinite, `%` keeps the dividend's sign); a DECIMAL
///   operand of a DOUBLE operation is converted to DOUBLE first;
/// - DECIMAL results are exact: an operation whose exact result does not fit the result type's
///   precision and scale throws instead of rounding, as ksqlDB's `MathContext(p, UNNECESSARY)`.
public enum Arithmetic {
    /// A compiled binary operation. It throws only for the per-record failures listed above.
    public typealias Binary = @Sendable (Value, Value) throws(EddyError) -> Value

    /// Type-checks `lhs op rhs` and returns its result type with an evaluator specialised for the
    /// operand types, so the per-record path does not inspect SQL types.
    public static func compile(
        _ op: ArithmeticOperator, _ lhs: SQLType, _ rhs: SQLType
    ) throws(EddyError) -> (resultType: SQLType, evaluate: Binary) {
        let result = try SQLType.arithmeticResultType(op, lhs, rhs)
        return (result, try evaluator(op, lhs, rhs, result))
    }

    /// Evaluates one operation; prefer `compile` on hot paths.
    public static func evaluate(
        _ op: ArithmeticOperator, _ lhs: Value, _ rhs: Value, lhsType: SQLType, rhsType: SQLType
    ) throws(EddyError) -> Value {
        try compile(op, lhsType, rhsType).evaluate(lhs, rhs)
    }

    static func evaluator(
        _ op: ArithmeticOperator, _ lhs: SQLType, _ rhs: SQLType, _ result: SQLType
    ) throws(EddyError) -> Binary {
        switch result {
        case .string:
            return { a, b in
                guard case .string(let x) = a, case .string(let y) = b else { return .null }
                return .string(x + y)
            }
        case .int:
            let f: @Sendable (Int32, Int32) throws(EddyError) -> Int32 = integerOp(op)
            return { a, b throws(EddyError) in
                guard case .int(let x) = a, case .int(let y) = b else { return .null }
                return .int(try f(x, y))
            }
        case .bigint:
            let f: @Sendable (Int64, Int64) throws(EddyError) -> Int64 = integerOp(op)
            return { a, b throws(EddyError) in
                guard let x = a.asInt64, let y = b.asInt64 else { return .null }
                return .bigint(try f(x, y))
            }
        case .double:
            let f = doubleOp(op)
            return { a, b in
                guard let x = a.asDouble, let y = b.asDouble else { return .null }
                return .double(f(x, y))
            }
        case .decimal(let precision, let scale):
            let f = decimalOp(op, precision: precision, scale: scale)
            return { a, b throws(EddyError) in
                guard let x = a.asDecimal, let y = b.asDecimal else { return .null }
                return .decimal(try f(x, y))
            }
        default:
            throw EddyError(.internal, "No arithmetic for result type \(result)")
        }
    }

    static let divisionByZero = EddyError.execution("/ by zero")

    /// Java's wrapping integer arithmetic for INT and BIGINT; division by zero throws.
    static func integerOp<T: FixedWidthInteger & SignedInteger & SendableMetatype>(_ op: ArithmeticOperator) -> @Sendable (T, T) throws(EddyError) -> T {
        switch op {
        case .add: { $0 &+ $1 }
        case .subtract: { $0 &- $1 }
        case .multiply: { $0 &* $1 }
        case .divide: { x, y throws(EddyError) in
            if y == 0 { throw divisionByZero }
            return x.dividedReportingOverflow(by: y).partialValue
        }
        case .modulus: { x, y throws(EddyError) in
            if y == 0 { throw divisionByZero }
            return x.remainderReportingOverflow(dividingBy: y).partialValue
        }
        }
    }

    static func doubleOp(_ op: ArithmeticOperator) -> @Sendable (Double, Double) -> Double {
        switch op {
        case .add: { $0 + $1 }
        case .subtract: { $0 - $1 }
        case .multiply: { $0 * $1 }
        case .divide: { $0 / $1 }
        case .modulus: { $0.truncatingRemainder(dividingBy: $1) }
        }
    }

    static func decimalOp(
        _ op: ArithmeticOperator, precision: Int, scale: Int
    ) -> @Sendable (SQLDecimal, SQLDecimal) throws(EddyError) -> SQLDecimal {
        // Java first rounds to `precision` digits (failing if that would lose anything), then
        // sets the scale (failing likewise).
        @Sendable func finish(_ exact: SQLDecimal?) throws(EddyError) -> SQLDecimal {
            guard let exact else { throw EddyError.execution("Division by zero") }
            guard exact.strippedPrecision <= precision, let r = exact.rescaledExactly(to: scale) else {
                throw EddyError.execution("Rounding necessary")
            }
            return r
        }
        switch op {
        case .add: return { x, y throws(EddyError) in try finish(x + y) }
        case .subtract: return { x, y throws(EddyError) in try finish(x - y) }
        case .multiply: return { x, y throws(EddyError) in try finish(x * y) }
        case .modulus: return { x, y throws(EddyError) in try finish(x.remainder(dividingBy: y)) }
        case .divide:
            return { x, y throws(EddyError) in
                if y.isZero { throw EddyError.execution(x.isZero ? "Division undefined" : "Division by zero") }
                guard let q = x.dividedExactly(by: y, scale: scale) else {
                    throw EddyError.execution("Rounding necessary")
                }
                return try finish(q)
            }
        }
    }
}

extension Value {
    /// INTEGER or BIGINT as a 64-bit integer.
    @inlinable var asInt64: Int64? {
        switch self {
        case .int(let v): Int64(v)
        case .bigint(let v): v
        default: nil
        }
    }

    /// Any number as a double, the way Java's `Number.doubleValue()` converts it.
    @inlinable var asDouble: Double? {
        switch self {
        case .int(let v): Double(v)
        case .bigint(let v): Double(v)
        case .double(let v): v
        case .decimal(let d): d.doubleValue
        default: nil
        }
    }

    /// INTEGER, BIGINT or DECIMAL as an exact decimal.
    var asDecimal: SQLDecimal? {
        switch self {
        case .int(let v): SQLDecimal(Int64(v))
        case .bigint(let v): SQLDecimal(v)
        case .decimal(let d): d
        default: nil
        }
    }
}

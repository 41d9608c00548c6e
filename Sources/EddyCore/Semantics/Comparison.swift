/// Evaluation of comparisons with ksqlDB's runtime semantics: a NULL operand makes every
/// comparison FALSE (not NULL), except IS [NOT] DISTINCT FROM, which treats two NULLs as equal.
/// A STRING compared with a temporal value is parsed as that type; a parse failure throws.
public enum Comparison {
    public typealias Binary = @Sendable (Value, Value) throws(EddyError) -> Value

    /// Type-checks `lhs op rhs` and returns a BOOLEAN evaluator specialised for the operand types.
    public static func compile(
        _ op: ComparisonOperator, _ lhs: SQLType, _ rhs: SQLType, lhsText: String = "?", rhsText: String = "?"
    ) throws(EddyError) -> Binary {
        try SQLType.checkComparison(lhs, op, rhs, lhsText: lhsText, rhsText: rhsText)
        let order = try comparator(lhs, rhs, equalityOnly: op.isEquality)
        switch op {
        case .isDistinctFrom, .isNotDistinctFrom:
            let distinct = op == .isDistinctFrom
            return { a, b throws(EddyError) in
                if a.isNull || b.isNull { return .bool((a.isNull != b.isNull) == distinct) }
                return .bool(op.holds(try order(a, b)))
            }
        default:
            return { a, b throws(EddyError) in
                if a.isNull || b.isNull { return .bool(false) }
                return .bool(op.holds(try order(a, b)))
            }
        }
    }

    /// A three-way comparison for two non-null values of the given types. For equality-only
    /// operators on doubles, NaN never equals anything, as Java's primitive `<=`/`>=` behave; this
    /// shows up as a non-zero result.
    static func comparator(
        _ lhs: SQLType, _ rhs: SQLType, equalityOnly: Bool
    ) throws(EddyError) -> @Sendable (Value, Value) throws(EddyError) -> Int {
        if lhs.base == .decimal || rhs.base == .decimal {
            return { a, b throws(EddyError) in
                try ValueOrder.decimalOperand(a).compare(try ValueOrder.decimalOperand(b))
            }
        }
        if lhs.isTemporal || rhs.isTemporal {
            let kind: SQLType.Base = (lhs == .time || rhs == .time) ? .time
                : (lhs == .timestamp || rhs == .timestamp) ? .timestamp : .date
            return { a, b throws(EddyError) in
                let x = try ValueOrder.temporalOperand(a, as: kind)
                let y = try ValueOrder.temporalOperand(b, as: kind)
                return x < y ? -1 : (x == y ? 0 : 1)
            }
        }
        switch lhs.base {
        case .int, .bigint:
            if rhs.base == .double { return doubleComparator }
            return { a, b in
                let x = a.asInt64 ?? 0, y = b.asInt64 ?? 0
                return x < y ? -1 : (x == y ? 0 : 1)
            }
        case .double:
            return doubleComparator
        case .string:
            return { a, b in
                guard case .string(let x) = a, case .string(let y) = b else { return 1 }
                return ValueOrder.compareUTF16(x, y)
            }
        case .bytes:
            return { a, b in
                guard case .bytes(let x) = a, case .bytes(let y) = b else { return 1 }
                return ValueOrder.compareSignedBytes(x, y)
            }
        default:
            // BOOLEAN, ARRAY, MAP, STRUCT: equality only.
            return { a, b in ValueOrder.javaEquals(a, b) ? 0 : 1 }
        }
    }

    /// Java's primitive comparisons: NaN is unordered, so every operator is false for it, even
    /// `<>` (which ksqlDB generates as `a < b || a > b`).
    static let doubleComparator: @Sendable (Value, Value) throws(EddyError) -> Int = { a, b in
        let x = a.asDouble ?? .nan, y = b.asDouble ?? .nan
        if x < y { return -1 }
        if x > y { return 1 }
        return x == y ? 0 : ComparisonOperator.unordered
    }
}

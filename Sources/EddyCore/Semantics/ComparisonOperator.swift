/// The comparison operators of ksqlDB's SQL.
public enum ComparisonOperator: String, Sendable, CaseIterable {
    case equal = "="
    case notEqual = "<>"
    case lessThan = "<"
    case lessThanOrEqual = "<="
    case greaterThan = ">"
    case greaterThanOrEqual = ">="
    case isDistinctFrom = "IS DISTINCT FROM"
    case isNotDistinctFrom = "IS NOT DISTINCT FROM"

    public var symbol: String { rawValue }

    /// The Java enum name ksqlDB prints in "Cannot compare … with LESS_THAN." messages.
    public var ksqlName: String {
        switch self {
        case .equal: "EQUAL"
        case .notEqual: "NOT_EQUAL"
        case .lessThan: "LESS_THAN"
        case .lessThanOrEqual: "LESS_THAN_OR_EQUAL"
        case .greaterThan: "GREATER_THAN"
        case .greaterThanOrEqual: "GREATER_THAN_OR_EQUAL"
        case .isDistinctFrom: "IS_DISTINCT_FROM"
        case .isNotDistinctFrom: "IS_NOT_DISTINCT_FROM"
        }
    }

    /// Operators that only ask whether two values are the same, allowed on every type.
    public var isEquality: Bool {
        switch self {
        case .equal, .notEqual, .isDistinctFrom, .isNotDistinctFrom: true
        default: false
        }
    }

    /// The three-way result for operands with no order (a NaN double): every operator fails.
    public static let unordered = Int.min

    /// Whether a three-way comparison result satisfies the operator.
    @inlinable public func holds(_ order: Int) -> Bool {
        if order == ComparisonOperator.unordered { return false }
        return switch self {
        case .equal, .isNotDistinctFrom: order == 0
        case .notEqual, .isDistinctFrom: order != 0
        case .lessThan: order < 0
        case .lessThanOrEqual: order <= 0
        case .greaterThan: order > 0
        case .greaterThanOrEqual: order >= 0
        }
    }
}

extension SQLType {
    /// Whether ksqlDB accepts `lhs op rhs` (its `ComparisonUtil`). The left side decides: numbers
    /// compare with numbers, STRING with STRING and the temporal types, DATE and TIMESTAMP with
    /// each other and STRING, TIME with TIME and STRING, BYTES with BYTES; BOOLEAN, ARRAY, MAP and
    /// STRUCT only with their own kind and only for equality.
    public static func isValidComparison(_ lhs: SQLType, _ op: ComparisonOperator, _ rhs: SQLType) -> Bool {
        let r = rhs.base
        switch lhs.base {
        case .int, .bigint, .decimal, .double: return rhs.isNumeric
        case .string: return r == .string || rhs.isTemporal
        case .boolean, .array, .map, .struct: return r == lhs.base && op.isEquality
        case .time: return r == .time || r == .string
        case .date, .timestamp: return r == .date || r == .timestamp || r == .string
        case .bytes: return r == .bytes
        }
    }

    /// Checks a comparison with ksqlDB's messages. `lhsText`/`rhsText` are the operands as the
    /// formatter prints them, e.g. `ID` or `'not an int'`. Nil types stand for an untyped NULL.
    public static func checkComparison(
        _ lhs: SQLType?, _ op: ComparisonOperator, _ rhs: SQLType?, lhsText: String, rhsText: String
    ) throws(EddyError) {
        guard let lhs, let rhs else {
            throw EddyError.analysis(
                "Comparison with NULL not supported: \(lhs?.base.rawValue ?? "NULL") \(op.symbol) "
                    + "\(rhs?.base.rawValue ?? "NULL")\nUse 'IS NULL' or 'IS NOT NULL' instead.")
        }
        if !isValidComparison(lhs, op, rhs) {
            throw EddyError.analysis(
                "Cannot compare \(lhsText) (\(lhs.ksqlText)) to \(rhsText) (\(rhs.ksqlText)) with \(op.ksqlName).")
        }
    }
}

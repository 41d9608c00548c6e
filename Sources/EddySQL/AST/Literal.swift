import EddyCore

/// A literal constant, as used in expressions and in WITH properties.
public enum Literal: Sendable, Hashable {
    case null
    case boolean(Bool)
    /// An integer literal that fits in 32 bits (ksqlDB's IntegerLiteral).
    case integer(Int32)
    /// An integer literal too large for INT (ksqlDB's LongLiteral).
    case bigint(Int64)
    /// A literal with a decimal point and no exponent, e.g. `1.50` (DECIMAL(3, 2)).
    case decimal(SQLDecimal)
    /// A literal with an exponent, e.g. `1.5E0`.
    case double(Double)
    case string(String)

    /// The value as text, as ksqlDB reads property values: strings unquoted, others printed.
    public var text: String? {
        switch self {
        case .null: nil
        case .boolean(let b): b ? "true" : "false"
        case .integer(let v): String(v)
        case .bigint(let v): String(v)
        case .decimal(let d): d.description
        case .double(let d): String(d)
        case .string(let s): s
        }
    }

    /// The value as an integer when it is integral.
    public var integerValue: Int64? {
        switch self {
        case .integer(let v): Int64(v)
        case .bigint(let v): v
        default: nil
        }
    }

    /// The runtime value of this literal.
    public var value: Value {
        switch self {
        case .null: .null
        case .boolean(let b): .bool(b)
        case .integer(let v): .int(v)
        case .bigint(let v): .bigint(v)
        case .decimal(let d): .decimal(d)
        case .double(let d): .double(d)
        case .string(let s): .string(s)
        }
    }
}

extension SQLType.Base {
    /// ksqlDB's numeric widening order: INTEGER < BIGINT < DECIMAL < DOUBLE.
    var numericRank: Int? {
        switch self {
        case .int: 0
        case .bigint: 1
        case .decimal: 2
        case .double: 3
        default: nil
        }
    }

    /// Whether a value of this base type may be used where `to` is expected without an explicit
    /// CAST. Numbers widen along INTEGER → BIGINT → DECIMAL → DOUBLE; STRING converts to the
    /// temporal types and BYTES because ksqlDB parses such literals on the fly.
    public func canImplicitlyCast(to: SQLType.Base) -> Bool {
        if self == to { return true }
        if let a = numericRank, let b = to.numericRank { return a <= b }
        if self == .string { return to == .date || to == .time || to == .timestamp || to == .bytes }
        return false
    }
}

extension SQLType {
    /// The DECIMAL an INTEGER widens to without losing digits.
    public static let intAsDecimal = SQLType.decimal(precision: 10, scale: 0)
    /// The DECIMAL a BIGINT widens to without losing digits.
    public static let bigintAsDecimal = SQLType.decimal(precision: 19, scale: 0)

    /// Whether `from` can be used where `to` is expected without an explicit CAST.
    ///
    /// Base types follow `SQLType.Base.canImplicitlyCast`; a DECIMAL only widens into a DECIMAL
    /// with at least as many fractional and integral digits.
    public static func canImplicitlyCast(from: SQLType, to: SQLType) -> Bool {
        if case .decimal(let p1, let s1) = from, case .decimal(let p2, let s2) = to {
            return s1 <= s2 && p1 - s1 <= p2 - s2
        }
        return from.base.canImplicitlyCast(to: to.base)
    }

    /// The DECIMAL that holds every value of this type exactly (ksqlDB's `DecimalUtil.toSqlDecimal`).
    /// Only INTEGER, BIGINT and DECIMAL qualify.
    public func toDecimalType() throws(EddyError) -> SQLType {
        switch self {
        case .decimal: return self
        case .int: return SQLType.intAsDecimal
        case .bigint: return SQLType.bigintAsDecimal
        default: throw EddyError.analysis("Cannot convert \(base.rawValue) to DECIMAL.")
        }
    }

    /// The precision and scale of a DECIMAL, INTEGER or BIGINT seen as a decimal.
    var decimalParameters: (precision: Int, scale: Int)? {
        switch self {
        case .decimal(let p, let s): (p, s)
        case .int: (10, 0)
        case .bigint: (19, 0)
        default: nil
        }
    }

    func requireDecimalParameters() throws(EddyError) -> (precision: Int, scale: Int) {
        if let p = decimalParameters { return p }
        throw EddyError.analysis("Cannot convert \(base.rawValue) to DECIMAL.")
    }

    /// A DECIMAL wide enough for both operands (ksqlDB's `DecimalUtil.widen`): the larger integral
    /// part plus the larger scale.
    public static func widenDecimal(_ a: SQLType, _ b: SQLType) throws(EddyError) -> SQLType {
        let l = try a.requireDecimalParameters()
        let r = try b.requireDecimalParameters()
        let whole = max(l.precision - l.scale, r.precision - r.scale)
        let scale = max(l.scale, r.scale)
        return .decimal(precision: whole + scale, scale: scale)
    }

    /// The DECIMAL type ksqlDB infers for a decimal value (`DecimalUtil.fromValue`): values strictly
    /// between -1 and 1 get one integral digit, so `0.005` is DECIMAL(4, 3).
    public static func decimalType(of value: SQLDecimal) -> SQLType {
        var v = value
        if v.scale < 0 { v = v.rescaled(to: 0) }
        if v.unscaled.magnitude < SQLDecimal.pow10(v.scale).magnitude {
            return .decimal(precision: v.scale + 1, scale: v.scale)
        }
        return .decimal(precision: v.precision, scale: v.scale)
    }

    /// Validates DECIMAL parameters with ksqlDB's wording.
    public static func validateDecimal(precision: Int, scale: Int) throws(EddyError) {
        if precision < 1 {
            throw EddyError.analysis("DECIMAL precision must be >= 1: DECIMAL(\(precision),\(scale))")
        }
        if scale < 0 {
            throw EddyError.analysis("DECIMAL scale must be >= 0: DECIMAL(\(precision),\(scale))")
        }
        if precision < scale {
            throw EddyError.analysis("DECIMAL precision must be >= scale: DECIMAL(\(precision),\(scale))")
        }
    }
}

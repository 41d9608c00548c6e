/// Orderings and equality with Java's semantics, shared by comparisons and the dynamic
/// `Value.sqlCompare`.
enum ValueOrder {
    /// A numeric operand of a DECIMAL comparison. Doubles go through their shortest decimal text,
    /// as Java's `BigDecimal.valueOf(double)`.
    static func decimalOperand(_ v: Value) throws(EddyError) -> SQLDecimal {
        switch v {
        case .int(let x): return SQLDecimal(Int64(x))
        case .bigint(let x): return SQLDecimal(x)
        case .decimal(let d): return d
        case .double(let d):
            guard d.isFinite, let r = SQLDecimal(JavaDouble.toString(d)) else {
                throw EddyError.execution("Infinite or NaN")
            }
            return r
        default: throw EddyError(.internal, "Not a number: \(v)")
        }
    }

    /// A temporal operand as epoch milliseconds (TIMESTAMP, DATE widened to TIMESTAMP), days (DATE)
    /// or milliseconds of the day (TIME); strings are parsed as `kind`.
    static func temporalOperand(_ v: Value, as kind: SQLType.Base) throws(EddyError) -> Int64 {
        switch (v, kind) {
        case (.time(let t), _): return Int64(t)
        case (.date(let d), .timestamp): return Int64(d) * CivilTime.millisPerDay
        case (.date(let d), _): return Int64(d)
        case (.timestamp(let t), _): return t
        case (.string(let s), .time): return Int64(try TemporalText.parseTime(s))
        case (.string(let s), .date): return Int64(try TemporalText.parseDate(s))
        case (.string(let s), _): return try TemporalText.parseTimestamp(s)
        default: throw EddyError(.internal, "Not a temporal value: \(v)")
        }
    }

    /// `String.compareTo`: lexicographic over UTF-16 code units.
    static func compareUTF16(_ a: String, _ b: String) -> Int {
        if a.utf8.elementsEqual(b.utf8) { return 0 }
        var i = a.utf16.makeIterator(), j = b.utf16.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    /// `ByteBuffer.compareTo`: bytes compare as signed values, then the shorter buffer first.
    static func compareSignedBytes(_ a: [UInt8], _ b: [UInt8]) -> Int {
        for (x, y) in zip(a, b) where x != y {
            return Int8(bitPattern: x) < Int8(bitPattern: y) ? -1 : 1
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Java's `equals` on the runtime objects: decimals are scale-sensitive (1.0 ≠ 1.00), doubles
    /// equal when their bits do (NaN equals NaN, 0.0 ≠ -0.0), maps ignore entry order, strings
    /// compare code unit by code unit.
    static func javaEquals(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.double(let x), .double(let y)):
            return (x.isNaN && y.isNaN) || x.bitPattern == y.bitPattern
        case (.string(let x), .string(let y)):
            return x.utf8.elementsEqual(y.utf8)
        case (.array(let x), .array(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { javaEquals($0, $1) }
        case (.map(let x), .map(let y)):
            guard x.count == y.count else { return false }
            for (k, v) in x.pairs {
                guard let i = y.keys.firstIndex(where: { javaEquals($0, k) }), javaEquals(y.values[i], v) else {
                    return false
                }
            }
            return true
        case (.struct(let x), .struct(let y)):
            return x.names == y.names && x.values.count == y.values.count
                && zip(x.values, y.values).allSatisfy { javaEquals($0, $1) }
        default:
            return a == b
        }
    }
}

extension Value {
    /// Compares two values by SQL semantics without static types: nil when either is NULL or the
    /// pair has no order (different kinds, NaN, an unparsable string against a temporal value).
    /// Numbers compare across INTEGER, BIGINT, DECIMAL and DOUBLE; strings against temporal values
    /// are parsed; complex values only report equality (0) or inequality (1).
    public static func sqlCompare(_ a: Value, _ b: Value) -> Int? {
        if a.isNull || b.isNull { return nil }
        switch (a, b) {
        case (.bool(let x), .bool(let y)):
            return x == y ? 0 : (!x ? -1 : 1)
        case (.string(let x), .string(let y)):
            return ValueOrder.compareUTF16(x, y)
        case (.bytes(let x), .bytes(let y)):
            return ValueOrder.compareSignedBytes(x, y)
        case (.array, .array), (.map, .map), (.struct, .struct):
            return ValueOrder.javaEquals(a, b) ? 0 : 1
        default: break
        }
        if let x = a.asInt64, let y = b.asInt64 { return x < y ? -1 : (x == y ? 0 : 1) }
        if case .decimal = a, b.asDouble != nil || b.asDecimal != nil { return decimalOrder(a, b) }
        if case .decimal = b, a.asDouble != nil { return decimalOrder(a, b) }
        if let x = a.asDouble, let y = b.asDouble {
            if x < y { return -1 }
            if x > y { return 1 }
            return x == y ? 0 : nil
        }
        guard let kind = temporalKind(a, b) else { return nil }
        guard let x = try? ValueOrder.temporalOperand(a, as: kind),
              let y = try? ValueOrder.temporalOperand(b, as: kind) else { return nil }
        return x < y ? -1 : (x == y ? 0 : 1)
    }

    private static func decimalOrder(_ a: Value, _ b: Value) -> Int? {
        guard let x = try? ValueOrder.decimalOperand(a), let y = try? ValueOrder.decimalOperand(b) else { return nil }
        return x.compare(y)
    }

    private static func temporalKind(_ a: Value, _ b: Value) -> SQLType.Base? {
        func kind(_ v: Value) -> SQLType.Base? {
            switch v {
            case .date: .date
            case .time: .time
            case .timestamp: .timestamp
            case .string: .string
            default: nil
            }
        }
        guard let x = kind(a), let y = kind(b), x != .string || y != .string else { return nil }
        if x == .time || y == .time { return (x == .time || x == .string) && (y == .time || y == .string) ? .time : nil }
        if x == .timestamp || y == .timestamp { return .timestamp }
        return .date
    }
}

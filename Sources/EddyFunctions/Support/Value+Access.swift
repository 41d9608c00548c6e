import BigInt
import EddyCore

/// Payload accessors for function bodies. Arguments arrive already cast to the resolved types, so
/// each accessor only unwraps; the numeric ones also accept narrower payloads for robustness.
extension Value {
    @inlinable var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    @inlinable var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    @inlinable var int32Value: Int32? {
        switch self {
        case .int(let v): return v
        case .bigint(let v): return Int32(truncatingIfNeeded: v)
        default: return nil
        }
    }

    @inlinable var int64Value: Int64? {
        switch self {
        case .int(let v): return Int64(v)
        case .bigint(let v): return v
        case .timestamp(let v): return v
        default: return nil
        }
    }

    @inlinable var intValue: Int? { int64Value.map { Int($0) } }

    var doubleValue: Double? {
        switch self {
        case .double(let v): return v
        case .int(let v): return Double(v)
        case .bigint(let v): return Double(v)
        case .decimal(let d): return d.doubleValue
        default: return nil
        }
    }

    var decimalValue: SQLDecimal? {
        switch self {
        case .decimal(let d): return d
        case .int(let v): return SQLDecimal(unscaled: BigInt(v), scale: 0)
        case .bigint(let v): return SQLDecimal(unscaled: BigInt(v), scale: 0)
        default: return nil
        }
    }

    @inlinable var arrayValue: [Value]? {
        if case .array(let a) = self { return a }
        return nil
    }

    @inlinable var mapValue: MapValue? {
        if case .map(let m) = self { return m }
        return nil
    }

    @inlinable var bytesValue: [UInt8]? {
        if case .bytes(let b) = self { return b }
        return nil
    }
}

/// Numeric widening of values (INT → BIGINT → DECIMAL → DOUBLE) for literal arguments and tests.
/// The expression compiler owns general CAST.
public enum ValueCasting {
    public static func widen(_ value: Value, to type: SQLType) -> Value {
        switch (value, type) {
        case (.int(let v), .bigint): return .bigint(Int64(v))
        case (.int, .double), (.bigint, .double), (.decimal, .double): return value.doubleValue.map(Value.double) ?? .null
        case (.int, .decimal(_, let s)), (.bigint, .decimal(_, let s)): return .decimal(value.decimalValue!.rescaled(to: s))
        case (.decimal(let d), .decimal(_, let s)): return .decimal(d.rescaled(to: s))
        case (.array(let a), .array(let e)): return .array(a.map { widen($0, to: e) })
        default: return value
        }
    }
}

/// Structural equality and hashing, used for GROUP BY keys, map keys and DISTINCT.
/// SQL comparison semantics (nulls, numeric widening) live in `Value.compare`.
extension Value: Hashable {
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.int(let a), .int(let b)): a == b
        case (.bigint(let a), .bigint(let b)): a == b
        case (.double(let a), .double(let b)): a == b || (a.isNaN && b.isNaN)
        case (.decimal(let a), .decimal(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.bytes(let a), .bytes(let b)): a == b
        case (.date(let a), .date(let b)): a == b
        case (.time(let a), .time(let b)): a == b
        case (.timestamp(let a), .timestamp(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.map(let a), .map(let b)): a == b
        case (.struct(let a), .struct(let b)): a == b
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let v): hasher.combine(1); hasher.combine(v)
        case .int(let v): hasher.combine(2); hasher.combine(v)
        case .bigint(let v): hasher.combine(3); hasher.combine(v)
        case .double(let v): hasher.combine(4); hasher.combine(v.isNaN ? Double.nan.bitPattern : v.bitPattern)
        case .decimal(let v): hasher.combine(5); hasher.combine(v)
        case .string(let v): hasher.combine(6); hasher.combine(v)
        case .bytes(let v): hasher.combine(7); hasher.combine(v)
        case .date(let v): hasher.combine(8); hasher.combine(v)
        case .time(let v): hasher.combine(9); hasher.combine(v)
        case .timestamp(let v): hasher.combine(10); hasher.combine(v)
        case .array(let v): hasher.combine(11); hasher.combine(v)
        case .map(let v): hasher.combine(12); hasher.combine(v)
        case .struct(let v): hasher.combine(13); hasher.combine(v)
        }
    }
}

import EddyCore

/// A declared parameter type. Like ksqlDB's `ParamType`, DECIMAL matches any precision and scale,
/// and generics (`T`, `K`, `V`, ...) bind to the first argument type they meet.
public indirect enum ParamType: Sendable, Hashable {
    case boolean, int, bigint, double, decimal, string, bytes, date, time, timestamp
    /// A time-unit keyword (DAYS, HOURS, ...).
    case intervalUnit
    case array(ParamType)
    case map(ParamType, ParamType)
    case anyStruct
    /// Any type at all (a Java `Object` parameter).
    case any
    case generic(String)
    case lambda([ParamType], ParamType)

    public static let T = ParamType.generic("T")
    public static let U = ParamType.generic("U")
    public static let K = ParamType.generic("K")
    public static let V = ParamType.generic("V")
    public static let S = ParamType.generic("S")

    public var hasGenerics: Bool {
        switch self {
        case .generic: true
        case .array(let e): e.hasGenerics
        case .map(let k, let v): k.hasGenerics || v.hasGenerics
        case .lambda(let ins, let out): out.hasGenerics || ins.contains { $0.hasGenerics }
        default: false
        }
    }

    public var isLambda: Bool {
        if case .lambda = self { return true }
        return false
    }

    /// The concrete type for a non-generic parameter, when it has exactly one.
    var concrete: SQLType? {
        switch self {
        case .boolean: .boolean
        case .int: .int
        case .bigint: .bigint
        case .double: .double
        case .string: .string
        case .bytes: .bytes
        case .date: .date
        case .time: .time
        case .timestamp: .timestamp
        case .array(let e): e.concrete.map { .array($0) }
        case .map(let k, let v): k.concrete.flatMap { k in v.concrete.map { .map(key: k, value: $0) } }
        default: nil
        }
    }
}

extension ParamType: CustomStringConvertible {
    public var description: String {
        switch self {
        case .boolean: "BOOLEAN"
        case .int: "INT"
        case .bigint: "BIGINT"
        case .double: "DOUBLE"
        case .decimal: "DECIMAL"
        case .string: "VARCHAR"
        case .bytes: "BYTES"
        case .date: "DATE"
        case .time: "TIME"
        case .timestamp: "TIMESTAMP"
        case .intervalUnit: "INTERVALUNIT"
        case .array(let e): "ARRAY<\(e)>"
        case .map(let k, let v): "MAP<\(k), \(v)>"
        case .anyStruct: "STRUCT"
        case .any: "ANY"
        case .generic(let n): n
        case .lambda(let ins, let out): "LAMBDA (" + ins.map(\.description).joined(separator: ", ") + ") => \(out)"
        }
    }
}

/// Generic bindings collected while matching one signature.
struct GenericBindings {
    var types: [String: SQLType] = [:]

    /// Structurally matches `type` against `param`, binding generics. Casts are never applied
    /// inside generic types, as in ksqlDB.
    mutating func reserve(_ param: ParamType, _ type: SQLType) -> Bool {
        switch (param, type) {
        case (.generic(let name), _):
            if let bound = types[name] { return bound == type }
            types[name] = type
            return true
        case (.array(let pe), .array(let e)):
            return reserve(pe, e)
        case (.map(let pk, let pv), .map(let k, let v)):
            return reserve(pk, k) && reserve(pv, v)
        default:
            return ParamMatching.exact(param, type)
        }
    }

    /// The concrete type of `param` under these bindings; nil when a generic is unbound.
    func resolve(_ param: ParamType) -> SQLType? {
        switch param {
        case .generic(let n): types[n]
        case .array(let e): resolve(e).map { .array($0) }
        case .map(let k, let v): resolve(k).flatMap { k in resolve(v).map { .map(key: k, value: $0) } }
        case .decimal, .anyStruct, .any, .lambda: nil
        case .intervalUnit: .string
        default: param.concrete
        }
    }
}

enum ParamMatching {
    /// Whether `type` is `param` with no cast.
    static func exact(_ param: ParamType, _ type: SQLType) -> Bool {
        switch (param, type) {
        case (.any, _): return true
        case (.boolean, .boolean), (.int, .int), (.bigint, .bigint), (.double, .double), (.decimal, .decimal),
             (.string, .string), (.bytes, .bytes), (.date, .date), (.time, .time), (.timestamp, .timestamp),
             (.anyStruct, .struct):
            return true
        case (.array(let pe), .array(let e)): return exact(pe, e)
        case (.map(let pk, let pv), .map(let k, let v)): return exact(pk, k) && exact(pv, v)
        default: return false
        }
    }

    /// ksqlDB's implicit casts: INT → BIGINT → DECIMAL → DOUBLE, and STRING parsed as DATE, TIME,
    /// TIMESTAMP or (base64) BYTES; primitives only.
    static func widens(_ type: SQLType, to param: ParamType) -> Bool {
        if type == .string {
            switch param {
            case .date, .time, .timestamp, .bytes: return true
            default: return false
            }
        }
        func rank(_ t: SQLType) -> Int? {
            switch t {
            case .int: 1
            case .bigint: 2
            case .decimal: 3
            case .double: 4
            default: nil
            }
        }
        let target: Int? = switch param {
        case .int: 1
        case .bigint: 2
        case .decimal: 3
        case .double: 4
        default: nil
        }
        guard let from = rank(type), let to = target else { return false }
        return from <= to
    }

    /// The type an argument of `type` is cast to for a non-generic `param`.
    static func targetType(for param: ParamType, argument type: SQLType?) -> SQLType? {
        switch param {
        case .decimal:
            switch type {
            case .decimal?: return type
            case .int?: return .decimal(precision: 10, scale: 0)
            case .bigint?: return .decimal(precision: 19, scale: 0)
            // An untyped NULL must not widen a decimal result computed from the argument types.
            case nil: return .decimal(precision: 1, scale: 0)
            default: return .decimal(precision: 38, scale: 0)
            }
        case .anyStruct:
            if case .struct? = type { return type }
            return .struct([])
        default:
            return param.concrete
        }
    }
}

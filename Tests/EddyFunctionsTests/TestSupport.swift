import EddyCore
@testable import EddyFunctions

/// Resolves and calls a builtin scalar with arguments typed from their values.
func call(_ name: String, _ args: Value..., types: [ArgumentType]? = nil, lambdas: [Lambda] = [],
          registry: FunctionRegistry = .builtin, log: (@Sendable (String) -> Void)? = nil) throws -> Value {
    let argTypes = types ?? args.map { v in inferredType(v).map(ArgumentType.type) ?? .null }
    let resolved = try registry.resolveScalar(name: name, argumentTypes: argTypes)
    var fa = FunctionArguments(
        values: zip(args, resolved.argumentTypes).map { ValueCasting.widen($0, to: $1) },
        lambdas: lambdas, context: FunctionContext(logError: log ?? { _ in }))
    return try resolved.invoke(&fa)
}

func inferredType(_ v: Value) -> SQLType? {
    switch v {
    case .null: nil
    case .bool: .boolean
    case .int: .int
    case .bigint: .bigint
    case .double: .double
    case .decimal(let d): .decimal(precision: max(d.precision, d.scale + 1), scale: d.scale)
    case .string: .string
    case .bytes: .bytes
    case .date: .date
    case .time: .time
    case .timestamp: .timestamp
    case .array(let a): .array(a.lazy.compactMap(inferredType).first ?? .string)
    case .map(let m): .map(key: m.keys.lazy.compactMap(inferredType).first ?? .string,
                           value: m.values.lazy.compactMap(inferredType).first ?? .string)
    case .struct(let s): .struct(zip(s.names, s.values).map { .init($0, inferredType($1) ?? .string) })
    }
}

func dec(_ s: String) -> Value { .decimal(SQLDecimal(s)!) }
func str(_ s: String) -> Value { .string(s) }

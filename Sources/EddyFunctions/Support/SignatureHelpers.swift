import EddyCore

/// Shorthands for the most common overload shapes. "Strict" bodies return NULL when any argument is
/// NULL, which is what most ksqlDB functions do.
extension Signature {
    static func strict(_ parameters: [ParamType], names: [String] = [], returns: ParamType, description: String? = nil,
                       _ body: @escaping @Sendable ([Value], FunctionContext) throws -> Value) -> Signature {
        var signature = Signature(parameters, names: names, returns: returns, description: description) { args in
            for v in args.values where v.isNull { return .null }
            return try body(args.values, args.context)
        }
        signature.nullPolicy = .nullOnNullInput
        return signature
    }

    static func double1(_ f: @escaping @Sendable (Double) -> Double) -> [Signature] {
        [ParamType.int, .bigint, .double].map { p in
            strict([p], names: ["value"], returns: .double) { a, _ in .double(f(a[0].doubleValue!)) }
        }
    }
}

@inline(__always) func nullIfNil(_ v: Value?) -> Value { v ?? .null }

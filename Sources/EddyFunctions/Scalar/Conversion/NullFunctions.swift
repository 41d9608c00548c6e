import EddyCore

struct Coalesce: ScalarFunction {
    static let name = "COALESCE", category = FunctionCategory.nulls
    static let description = "Returns first non-null element in list of arguments."
    static var signatures: [Signature] {[
        Signature([.T, .T], variadic: true, returns: .T) { args in
            args.values.first { !$0.isNull } ?? .null
        },
    ]}
}

struct IfNull: ScalarFunction {
    static let name = "IFNULL", category = FunctionCategory.nulls
    static let description = "Returns expression if not NULL, otherwise the alternative value."
    static var signatures: [Signature] {[
        Signature([.T, .T], names: ["expression", "altValue"], returns: .T) { args in
            args[0].isNull ? args[1] : args[0]
        },
    ]}
}

struct NullIf: ScalarFunction {
    static let name = "NULLIF", category = FunctionCategory.nulls
    static let description = "Returns NULL if the two arguments are equal, otherwise the first argument."
    static var signatures: [Signature] {[
        Signature([.T, .T], names: ["expression1", "expression2"], returns: .T) { args in
            if args[0].isNull { return .null }
            return args[0] == args[1] ? .null : args[0]
        },
    ]}
}

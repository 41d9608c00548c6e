import EddyCore
import EddyFunctions

/// ksqlDB's `TestUdtf`: one overload per parameter shape, each returning its arguments as rows, so
/// conformance cases can check how table-function arguments and results are typed and converted.
enum TestUdtf {
    static let structA = SQLType.struct([.init("A", .string)])
    static let scalars: [ParamType] = [.int, .bigint, .double, .boolean, .string, .decimal, .anyStruct]

    /// Java passes primitives: a NULL argument makes the call fail, which yields no rows.
    static func requireNonNull(_ values: [Value]) throws {
        if values.contains(where: \.isNull) { throw TestFunctionError("NullPointerException") }
    }

    /// The first element of a list, or the first value of a map (the order Java's iterator yields).
    static func first(_ v: Value) throws -> Value {
        switch v {
        case .array(let a) where !a.isEmpty: return a[0]
        case .map(let m) where m.count > 0: return m.pairs.first { _ in true }!.1
        default: throw TestFunctionError("NoSuchElementException")
        }
    }

    static func rendered(_ values: [Value]) -> Value { .array(values.map { .string($0.javaString) }) }

    static var signatures: [Signature] {
        var out: [Signature] = [
            Signature(scalars, names: ["i", "l", "d", "b", "s", "bd", "struct"], returns: .string) { args in
                try requireNonNull(args.values)
                return rendered(args.values)
            },
            Signature(scalars.map { .array($0) }, names: ["i", "l", "d", "b", "s", "bd", "struct"], returns: .string) { args in
                try requireNonNull(args.values)
                return rendered(try args.values.map(first))
            },
            Signature(scalars.map { .map(.string, $0) }, names: ["i", "l", "d", "b", "s", "bd", "struct"], returns: .string) { args in
                try requireNonNull(args.values)
                return rendered(try args.values.map(first))
            },
            Signature([.map(.bigint, .int)] + scalars.dropFirst().map { .map(.string, $0) },
                      names: ["i", "l", "d", "b", "s", "bd", "struct"], returns: .string) { args in
                try requireNonNull(args.values)
                return rendered(try args.values.map(first))
            },
        ]
        for p in [ParamType.int, .bigint, .double, .boolean, .string] {
            out.append(Signature([p], names: ["value"], returns: p) { args in
                try requireNonNull(args.values)
                return .array([args[0]])
            })
        }
        out.append(Signature([.decimal], names: ["bd"], returns: .decimal,
                             returnType: { _ in .decimal(precision: 30, scale: 10) }) { _, _ in
            { args in
                try requireNonNull(args.values)
                return .array([args[0]])
            }
        })
        out.append(Signature([.anyStruct], names: ["struct"], returns: .anyStruct,
                             returnType: { _ in structA }) { _, _ in
            { args in
                try requireNonNull(args.values)
                return .array([args[0]])
            }
        })
        return out
    }

    static let definition = TableFunctionDefinition(name: "test_udtf", description: "test", signatures: signatures)
}

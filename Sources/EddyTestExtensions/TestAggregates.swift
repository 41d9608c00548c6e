import EddyCore
import EddyFunctions

/// ksqlDB's test UDAFs (`ksqldb-engine/src/test/.../function/udaf`): TEST_UDAF and the multi-argument,
/// variadic and generic ones that exercise how aggregate arguments split into columns and literals.
enum TestAggregates {
    static let all: [AggregateDefinition] = [
        TestUdaf.definition, MultiArg.multi, MultiArg.four, MultiArg.five,
        VarArg.definition, VarArg.middle, GenericVarArg.definition, GenericVarArg.objectColumns,
    ]

    static func long(_ v: Value) -> Int64 {
        switch v {
        case .int(let x): Int64(x)
        case .bigint(let x): x
        default: 0
        }
    }

    /// Java `String.length()`: UTF-16 code units; NULL counts as 0 in these functions.
    static func length(_ v: Value) -> Int64 {
        if case .string(let s) = v { return Int64(s.utf16.count) }
        return 0
    }

    /// A BIGINT-state aggregate folded by `step`, finished by `finish`.
    static func longSum(initial: Int64, undo: Bool = false, finish: @escaping @Sendable (Int64) -> Int64 = { $0 },
                        step: @escaping @Sendable ([Value]) -> Int64) -> AggregateImplementation {
        var retract: (@Sendable ([Value], inout Value) -> Void)? = nil
        if undo {
            retract = { args, state in state = .bigint(long(state) &- step(args)) }
        }
        return AggregateImplementation(
            returnType: .bigint, intermediateType: .bigint, initialize: { .bigint(initial) },
            aggregate: { args, s in s = .bigint(long(s) &+ step(args)) },
            undo: retract,
            merge: { a, b in .bigint(long(a) &+ long(b)) },
            map: { s in .bigint(finish(long(s))) })
    }
}

enum TestUdaf {
    static let pair = SQLType.struct([.init("A", .int), .init("B", .int)])

    static func structSum(_ a: Value, _ b: Value) -> Value {
        guard case .struct(let x) = a, case .struct(let y) = b else { return a }
        func field(_ s: StructValue, _ n: String) -> Int32 { if case .int(let v)? = s[n] { return v }; return 0 }
        return .struct(StructValue(names: ["A", "B"], values: [
            .int(field(x, "A") &+ field(y, "A")), .int(field(x, "B") &+ field(y, "B")),
        ]))
    }

    static let definition = AggregateDefinition(name: "test_udaf", description: "test_udaf", signatures: [
        AggregateSignature([.bigint], returns: .bigint, description: "sums longs") { _, _ in
            TestAggregates.longSum(initial: 0, undo: true) { TestAggregates.long($0[0]) }
        },
        AggregateSignature([.int], returns: .bigint, description: "sums int") { _, _ in
            TestAggregates.longSum(initial: 0, undo: true) { TestAggregates.long($0[0]) }
        },
        AggregateSignature([.double], returns: .double, description: "sums double") { _, _ in
            AggregateImplementation(
                returnType: .double, intermediateType: .double, initialize: { .double(0) },
                aggregate: { args, s in
                    if case .double(let x) = args[0], case .double(let acc) = s { s = .double(acc + x) }
                },
                undo: nil,
                merge: { a, b in
                    if case .double(let x) = a, case .double(let y) = b { return .double(x + y) }
                    return a
                })
        },
        AggregateSignature([.string], literals: [.string], returns: .bigint, description: "sums the length of strings") { _, literals in
            TestAggregates.longSum(initial: TestAggregates.length(literals[0])) { TestAggregates.length($0[0]) }
        },
        AggregateSignature([.anyStruct], returns: .anyStruct, description: "returns a struct with {SUM(in->A), SUM(in->B)}") { _, _ in
            AggregateImplementation(
                returnType: pair, intermediateType: pair,
                initialize: { .struct(StructValue(names: ["A", "B"], values: [.int(0), .int(0)])) },
                aggregate: { args, s in s = structSum(args[0], s) },
                undo: nil,
                merge: { structSum($0, $1) })
        },
    ])
}

/// MULTI_ARG, FOUR_ARG and FIVE_ARG: column arguments (a BIGINT, STRINGs, an INT) summed as numbers and
/// string lengths, plus an INT and variadic STRING literals that set the initial value.
enum MultiArg {
    static func make(_ name: String, columns: [ParamType], description: String) -> AggregateDefinition {
        AggregateDefinition(name: name, description: description, signatures: [
            AggregateSignature(columns, literals: [.int, .string], returns: .bigint, description: "Testing factory",
                               variadicAt: columns.count + 1) { _, literals in
                let initial = TestAggregates.long(literals[0]) + literals.dropFirst().map(TestAggregates.length).reduce(0, +)
                return TestAggregates.longSum(initial: initial) { args in
                    zip(columns, args).map { p, v in p == .string ? TestAggregates.length(v) : TestAggregates.long(v) }.reduce(0, +)
                }
            },
        ])
    }

    static let multi = make("MULTI_ARG", columns: [.bigint, .string],
                            description: "Returns the sum of the provided longs and lengths of strings.")
    static let four = make("FOUR_ARG", columns: [.bigint, .string, .string, .string],
                           description: "Returns the sum of the provided longs and lengths of strings.")
    static let five = make("FIVE_ARG", columns: [.bigint, .string, .string, .string, .int],
                           description: "Returns the sum of the provided longs, lengths of strings, and integers.")
}

/// VAR_ARG(BIGINT, STRING...) and MID_VAR_ARG(BIGINT, STRING..., INT, INT): variadic column arguments.
enum VarArg {
    static func step(_ args: [Value]) -> Int64 {
        TestAggregates.long(args[0]) + args.dropFirst().map(TestAggregates.length).reduce(0, +)
    }

    static let definition = AggregateDefinition(
        name: "VAR_ARG", description: "Returns the sum of the provided longs and lengths of strings.",
        signatures: [
            AggregateSignature([.bigint, .string], returns: .bigint, description: "Testing factory", variadicAt: 1) { _, _ in
                TestAggregates.longSum(initial: 0, step: step)
            },
        ])

    static let middle = AggregateDefinition(
        name: "MID_VAR_ARG", description: "Returns the sum of the provided longs, lengths of strings, and initial arguments.",
        signatures: [
            AggregateSignature([.bigint, .string], literals: [.int, .int], returns: .bigint, description: "Testing factory",
                               variadicAt: 1) { _, literals in
                let constant = TestAggregates.long(literals[0]) + TestAggregates.long(literals[1])
                return TestAggregates.longSum(initial: 0, finish: { $0 + constant }, step: step)
            },
        ])
}

/// GENERIC_VAR_ARG(A, B, C...) and OBJ_COL_ARG(INT, ANY...): collect the first argument of each row
/// whose arguments are all non-null.
enum GenericVarArg {
    static func collecting(_ first: SQLType) -> AggregateImplementation {
        AggregateImplementation(
            returnType: .array(first), intermediateType: .array(first), initialize: { .array([]) },
            aggregate: { args, s in
                guard !args.contains(where: \.isNull), case .array(var items) = s else { return }
                items.append(args[0])
                s = .array(items)
            },
            undo: nil,
            merge: { a, b in
                guard case .array(let x) = a, case .array(let y) = b else { return a }
                return .array(x + y)
            })
    }

    static let definition = AggregateDefinition(
        name: "GENERIC_VAR_ARG", description: "Returns an array of rows where all the given columns are non-null.",
        signatures: [
            AggregateSignature([.generic("A"), .generic("B"), .generic("C")], returns: .array(.generic("A")),
                               description: "Testing factory", variadicAt: 2) { types, _ in collecting(types[0]) },
        ])

    static let objectColumns = AggregateDefinition(
        name: "OBJ_COL_ARG", description: "Returns an array of rows where all the given columns are non-null.",
        signatures: [
            AggregateSignature([.int, .any], returns: .array(.int), description: "Testing factory", variadicAt: 1) { types, _ in
                collecting(types[0])
            },
        ])
}

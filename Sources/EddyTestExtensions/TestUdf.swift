import EddyCore
import EddyFunctions
import Synchronization

/// ksqlDB's `TestUdf`: each overload returns the name of the Java method chosen, so conformance cases
/// can check overload resolution (exact matches first, implicit widening, NULL arguments, varargs).
enum TestUdf {
    static func named(_ method: String, _ parameters: [ParamType], variadic: Bool = false) -> Signature {
        Signature(parameters, variadic: variadic, returns: .string, description: "returns the method name") { _ in
            .string(method)
        }
    }

    static let structA = SQLType.struct([.init("A", .string)])

    static let definition = ScalarDefinition(name: "test_udf", category: .other, description: "test", signatures: [
        named("doStuffIntString", [.int, .string]),
        named("doStuffLongString", [.bigint, .string]),
        named("doStuffLongLongString", [.bigint, .bigint, .string]),
        named("doStuffLongVarargs", [.bigint], variadic: true),
        Signature([.anyStruct], names: ["struct"], returns: .string, description: "returns the value of 'A'") { args in
            guard case .struct(let s) = args[0] else { return .null }
            return s["A"] ?? .null
        },
        Signature([], returns: .anyStruct, description: "returns the value of 'STRUCT<A VARCHAR>'",
                  returnType: { _ in structA }) { _, _ in
            { _ in .struct(StructValue(names: ["A"], values: [.string("foo")])) }
        },
    ])
}

/// ksqlDB's `WhenCondition` / `WhenResult`: they fail when evaluated with `shouldBeEvaluated = false`,
/// which proves that CASE evaluates its branches lazily.
enum WhenCondition {
    static let definition = ScalarDefinition(
        name: "WhenCondition", category: .other, description: "UDF used in case-expression.json",
        signatures: [
            Signature([.boolean, .boolean], names: ["retValue", "shouldBeEvaluated"], returns: .boolean) { args in
                guard case .bool(true) = args[1] else { throw TestFunctionError("When condition in case is not running lazily!") }
                return args[0]
            },
        ])
}

enum WhenResult {
    static let definition = ScalarDefinition(
        name: "WhenResult", category: .other, description: "UDF used in case-expression.json",
        signatures: [
            Signature([.int, .boolean], names: ["retVal", "shouldBeEvaluated"], returns: .int) { args in
                guard case .bool(true) = args[1] else { throw TestFunctionError("Then expression in case is not running lazily!") }
                return args[0]
            },
        ])
}

/// ksqlDB's `BadUdf`: throws on demand, to test error handling around function calls.
enum BadUdf {
    /// ksqlDB's instance counter: ksqlDB makes a function instance per call site of a compiled
    /// query, so each call site counts its own invocations from zero.
    final class Counter: Sendable {
        let calls = Mutex(0)
    }

    static let definition = ScalarDefinition(
        name: "bad_udf", category: .other, description: "throws exceptions when called",
        signatures: [
            Signature([.int], names: ["arg1"], returns: .string, description: "throws") { _ in
                throw TestFunctionError("boom!")
            },
            Signature([.boolean], names: ["arg"], returns: .int, description: "throws if arg is true") { args in
                // A Java primitive parameter cannot take NULL: the call fails.
                guard case .bool(let b) = args[0] else { throw TestFunctionError("NullPointerException") }
                if b { throw TestFunctionError("You asked me to throw...") }
                return .int(0)
            },
            Signature([.string], names: ["arg"], returns: .string, description: "returns null every other invocation",
                      returnType: nil) { _, _ in
                let counter = Counter()
                return { args in
                    counter.calls.withLock { n in
                        defer { n += 1 }
                        return n % 2 == 0 ? .null : args[0]
                    }
                }
            },
        ])
}

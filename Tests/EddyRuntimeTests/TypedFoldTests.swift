import EddyCore
import EddyFunctions
@testable import EddyPlanner
@testable import EddyRuntime
import Testing

/// `TypedFold` (COUNT and integer SUM folded inline) must leave exactly the state the function's
/// own closure leaves, for every argument case (NULL, a slot past the row, wrapping extremes) and
/// for states the closure did not produce; calls it does not cover must not get a typed fold.
@Suite struct TypedFoldTests {
    static func call(_ name: String, _ types: [SQLType], slot: Int? = nil) throws -> AggregateCall {
        let function = try FunctionRegistry.builtin.resolveAggregate(name: name, argumentTypes: types.map { .type($0) })
        let arguments = slot.map { [CompiledExpression(type: types[0], slot: $0)] } ?? []
        return AggregateCall(function: function, arguments: arguments, text: name)
    }

    /// Folds every row with the typed fold and with the closure and compares after each step.
    static func check(_ call: AggregateCall, rows: [[Value]], states: [Value]) {
        guard let typed = TypedFold(call) else {
            Issue.record("no typed fold for \(call.text)")
            return
        }
        for start in states {
            var a = start, b = start
            for row in rows {
                typed.fold(row, into: &a)
                call.function.implementation.aggregate(call.arguments.map { $0.evaluate(row) }, &b)
                #expect(a == b, "\(call.text) from \(start) after \(row)")
            }
        }
    }

    @Test func countAll() throws {
        let rows: [[Value]] = [[.null], [.int(1)], [], [.string("x"), .null]]
        Self.check(try Self.call("COUNT", []), rows: rows, states: [.bigint(0), .bigint(41), .int(7), .null, .string("?")])
    }

    @Test func countColumnSkipsNulls() throws {
        let rows: [[Value]] = [[.null, .null], [.int(1), .string("a")], [.int(2)], [], [.null, .bigint(3)]]
        for type in [SQLType.string, .int, .bigint, .double] {
            Self.check(try Self.call("COUNT", [type], slot: 1), rows: rows, states: [.bigint(0), .bigint(9), .null, .int(2)])
        }
    }

    @Test func sumIntWraps() throws {
        let rows: [[Value]] = [[.int(5)], [.null], [.int(.max)], [.int(.max)], [], [.int(.min)], [.int(-3)]]
        Self.check(try Self.call("SUM", [.int], slot: 0), rows: rows, states: [.int(0), .int(.min), .null, .bigint(4)])
    }

    @Test func sumBigintWraps() throws {
        let rows: [[Value]] = [[.bigint(5)], [.null], [.bigint(.max)], [.bigint(.max)], [], [.bigint(.min)], [.bigint(-3)]]
        Self.check(try Self.call("SUM", [.bigint], slot: 0), rows: rows, states: [.bigint(0), .bigint(.max), .null, .int(4)])
    }

    @Test func otherCallsKeepTheirClosure() throws {
        #expect(TypedFold(try Self.call("SUM", [.double], slot: 0)) == nil)
        #expect(TypedFold(try Self.call("SUM", [.decimal(precision: 10, scale: 2)], slot: 0)) == nil)
        #expect(TypedFold(try Self.call("MAX", [.bigint], slot: 0)) == nil)
        #expect(TypedFold(try Self.call("AVG", [.bigint], slot: 0)) == nil)
        // A computed argument has no slot.
        var computed = try Self.call("COUNT", [.int], slot: 0)
        computed.arguments = [CompiledExpression(type: .int) { $0.first ?? .null }]
        #expect(TypedFold(computed) == nil)
        #expect(TypedFold.all([try Self.call("COUNT", []), try Self.call("MIN", [.int], slot: 0)]) == nil)
        #expect(TypedFold.all([try Self.call("COUNT", []), try Self.call("SUM", [.int], slot: 0)])?.count == 2)
    }
}

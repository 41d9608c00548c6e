import EddyCore
import EddyFunctions
@testable import EddyPlanner
import EddySQL
import Testing

/// Function-call semantics in the compiler: time-unit arguments, implicit casts, IN-list coercion,
/// constructors and lambdas whose NULL arithmetic fails the whole call (as ksqlDB's Java does).
@Suite struct FunctionCallCompilerTests {
    let scope = Scope(entries: [
        .init(qualifier: "S", name: "A", type: .int, index: 0),
        .init(qualifier: "S", name: "XS", type: .array(.int), index: 1),
        .init(qualifier: "S", name: "D", type: .date, index: 2),
        .init(qualifier: "S", name: "M", type: .map(key: .string, value: .bigint), index: 3),
    ], clause: "WHERE")

    func compile(_ sql: String) throws -> CompiledExpression {
        try ExpressionCompiler(scope: scope, functions: .builtin).compile(try SQLParser.parseExpression(sql))
    }

    func eval(_ sql: String, _ row: [Value]) throws -> Value { try compile(sql).evaluate(row) }

    let row: [Value] = [.int(7), .array([.int(1), .null]), .date(19000), .map(MapValue([(.string("a"), .bigint(1))]))]

    @Test func timeUnitsAndStringDates() throws {
        #expect(try eval("DATEADD(DAYS, 10, D)", row) == .date(19010))
        // A string literal is cast to DATE implicitly, so GREATEST accepts it among dates.
        let g = try compile("GREATEST(D, NULL, '2022-06-14')")
        #expect(g.type == .date && g.evaluate(row) == .date(19157))
    }

    @Test func inListsCoerceAndNeverYieldNull() throws {
        #expect(try eval("A IN (1, '7')", row) == .bool(true))
        #expect(try eval("A IN (1, NULL)", [.null, .null, .null, .null]) == .bool(false))
        #expect(try eval("M IN (MAP('a' := 1))", row) == .bool(true))
        #expect(try eval("XS IN (ARRAY[1, NULL])", row) == .bool(true))
        do {
            _ = try compile("A IN (1, 'x')")
            Issue.record("expected an error")
        } catch let e as EddyError {
            #expect(e.message == "Invalid Predicate: invalid input syntax for type INTEGER: \"x\".")
        }
        do {
            _ = try compile("A IN (true)")
            Issue.record("expected an error")
        } catch let e as EddyError {
            #expect(e.message.hasPrefix("Invalid Predicate: operator does not exist: INTEGER = BOOLEAN (true)"))
        }
    }

    @Test func nullsMakeComparisonsFalse() throws {
        let nulls: [Value] = [.null, .null, .null, .null]
        #expect(try eval("A BETWEEN 1 AND 10", nulls) == .bool(false))
        #expect(try eval("NOT (A BETWEEN 1 AND 10)", nulls) == .bool(true))
        #expect(try eval("A BETWEEN 1 AND 10", row) == .bool(true))
        #expect(try eval("D BETWEEN '2021-01-01' AND '2023-01-01'", row) == .bool(true))
        #expect(throws: EddyError.self) { try compile("A = NULL") }
    }

    @Test func constructorsUseListCoercion() throws {
        let m = try compile("MAP('k' := TRUE, 'j' := 'true', 10 := 'no')")
        #expect(m.type == .map(key: .string, value: .boolean))
        #expect(m.evaluate(row) == .map(MapValue([(.string("k"), .bool(true)), (.string("j"), .bool(true)), (.string("10"), .bool(false))])))
        do {
            _ = try compile("MAP(NULL := 1)")
            Issue.record("expected an error")
        } catch let e as EddyError {
            #expect(e.message.hasPrefix("Cannot construct a map with all NULL keys"))
        }
        let a = try compile("ARRAY[1, 2.5, '3']")
        // INT widens as DECIMAL(10, 0), so the common type is DECIMAL(11, 1), as ksqlDB's DecimalUtil.widen gives.
        #expect(a.type == .array(.decimal(precision: 11, scale: 1)))
    }

    @Test func lambdaNullArithmeticFailsTheCall() throws {
        #expect(try eval("TRANSFORM(XS, x => x + 5)", row) == .null)
        #expect(try eval("TRANSFORM(XS, x => IFNULL(x, 0))", row) == .array([.int(1), .int(0)]))
        #expect(try eval("TRANSFORM(ARRAY[1, 2], x => x + A)", row) == .array([.int(8), .int(9)]))
        // Outside lambdas a NULL operand gives NULL; an untyped NULL literal is ksqlDB's error.
        #expect(try eval("A + CAST(NULL AS INT)", row) == .null)
        #expect(throws: EddyError.self) { try eval("A + NULL", row) }
        #expect(try eval("REDUCE(XS, 0, (s, x) => s + x)", row) == .null)
        #expect(try eval("REDUCE(CAST(NULL AS ARRAY<INT>), 5, (s, x) => s + x)", row) == .int(5))
    }
}

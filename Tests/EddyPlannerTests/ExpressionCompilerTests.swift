import EddyCore
import EddyFunctions
@testable import EddyPlanner
import EddySQL
import Testing

@Suite struct ExpressionCompilerTests {
    let scope = Scope(entries: [
        .init(qualifier: "S", name: "A", type: .int, index: 0),
        .init(qualifier: "S", name: "B", type: .string, index: 1),
        .init(qualifier: "S", name: "C", type: .array(.int), index: 2),
    ], clause: "WHERE")

    func eval(_ sql: String, _ row: [Value]) throws -> (SQLType?, Value) {
        let c = try ExpressionCompiler(scope: scope, functions: .builtin).compile(try SQLParser.parseExpression(sql))
        return (c.type, c.evaluate(row))
    }

    let row: [Value] = [.int(7), .string("hello"), .array([.int(1), .int(2), .int(3)])]

    @Test func arithmeticAndComparison() throws {
        let r = try eval("A * 2 + 1", row)
        #expect(r.0 == .int && r.1 == .int(15))
        #expect(try eval("A > 5 AND B = 'hello'", row).1 == .bool(true))
        #expect(try eval("A BETWEEN 8 AND 10", row).1 == .bool(false))
        #expect(try eval("A IN (1, 7)", row).1 == .bool(true))
    }

    @Test func subscriptsAreOneBasedAndNegativeFromEnd() throws {
        #expect(try eval("C[1]", row).1 == .int(1))
        #expect(try eval("C[-1]", row).1 == .int(3))
        #expect(try eval("C[9]", row).1 == .null)
    }

    @Test func likeAndCase() throws {
        #expect(try eval("B LIKE 'he%o'", row).1 == .bool(true))
        #expect(try eval("B LIKE 'h_x%'", row).1 == .bool(false))
        let c = try eval("CASE WHEN A > 5 THEN 'big' ELSE 'small' END", row)
        #expect(c.0 == .string && c.1 == .string("big"))
    }

    @Test func unknownColumnNamesTheClause() throws {
        #expect(throws: EddyError.self) { try eval("BOB > 1", row) }
        do { _ = try eval("BOB > 1", row) } catch let e as EddyError {
            #expect(e.message == "WHERE column 'BOB' cannot be resolved.")
        }
    }

    @Test func comparingIncompatibleTypesFailsAtAnalysis() {
        #expect(throws: EddyError.self) { try eval("A > 'x'", row) }
    }
}


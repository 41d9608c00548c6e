import EddyCore
import EddyFunctions
@testable import EddyPlanner
import EddySQL
import Testing

/// ROWTIME and window bounds compare with timestamp strings, as ksqlDB rewrites them.
@Suite struct MagicTimestampTests {
    let scope = Scope(entries: [
        .init(qualifier: "S", name: "ROWTIME", type: .bigint, index: 0),
        .init(qualifier: "S", name: "WINDOWSTART", type: .bigint, index: 1),
        .init(qualifier: "S", name: "NAME", type: .string, index: 2),
    ], clause: "WHERE")

    func eval(_ sql: String, rowtime: Int64) throws -> Value {
        let c = try ExpressionCompiler(scope: scope, functions: .builtin).compile(try SQLParser.parseExpression(sql))
        return c.evaluate([.bigint(rowtime), .bigint(rowtime), .string("x")])
    }

    @Test func partialAndZonedTimestamps() throws {
        // 2018-01-01T00:00:00.000Z is 1514764800000.
        #expect(try eval("ROWTIME >= '2018'", rowtime: 1_514_764_800_000) == .bool(true))
        #expect(try eval("ROWTIME >= '2018'", rowtime: 1_514_764_799_999) == .bool(false))
        #expect(try eval("ROWTIME > '2018-01-01T00:00:00.001'", rowtime: 1_514_764_800_002) == .bool(true))
        #expect(try eval("ROWTIME < '2018-01-01T01:00:00+0100'", rowtime: 1_514_764_799_999) == .bool(true))
        #expect(try eval("WINDOWSTART BETWEEN '2018' AND '2019'", rowtime: 1_514_764_800_000) == .bool(true))
    }

    @Test func otherStringColumnsAreNotRewritten() throws {
        #expect(throws: EddyError.self) { try eval("ROWTIME > NAME", rowtime: 0) }
        #expect(throws: EddyError.self) { try eval("ROWTIME > 'not a time'", rowtime: 0) }
    }

    @Test func comparingWithAnUntypedNullIsRejected() throws {
        // ksqlDB's ComparisonUtil refuses an untyped NULL operand, whatever the operator.
        #expect(throws: EddyError.self) { try eval("NULL <> NULL", rowtime: 0) }
        #expect(throws: EddyError.self) { try eval("NULL IS NOT DISTINCT FROM NULL", rowtime: 0) }
        #expect(try eval("NAME IS NOT DISTINCT FROM 'x'", rowtime: 0) == .bool(true))
    }
}

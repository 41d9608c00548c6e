import EddyCore
import EddyFunctions
@testable import EddyPlanner
import EddySQL
import Testing

/// `column <op> integer literal` compiles to a comparison on the row slot; it must give what the
/// general comparator gives for every operator, operand value, NULL, short row and stray type.
@Suite struct SlotIntegerComparisonTests {
    let scope = Scope(entries: [
        .init(qualifier: "S", name: "A", type: .int, index: 0),
        .init(qualifier: "S", name: "X", type: .bigint, index: 1),
    ], clause: "WHERE")

    @Test func agreesWithTheGeneralComparator() throws {
        let samples: [Value] = [.null, .int(0), .int(1), .int(-1), .int(2), .int(.max), .int(.min),
                                .bigint(1), .bigint(3_000_000_000), .bigint(.min), .string("1"), .double(1.0)]
        let literals = ["0", "1", "-1", "2147483647", "3000000000", "-9223372036854775807"]
        let ops: [ComparisonOperator] = [.equal, .notEqual, .lessThan, .lessThanOrEqual, .greaterThan, .greaterThanOrEqual,
                                         .isDistinctFrom, .isNotDistinctFrom]
        for column in ["A", "X"] {
            let slot = column == "A" ? 0 : 1
            for literal in literals {
                for op in ops {
                    let compiled = try ExpressionCompiler(scope: scope, functions: .builtin)
                        .compile(try SQLParser.parseExpression("\(column) \(op.rawValue) \(literal)"))
                    let constant = try ExpressionCompiler(scope: scope, functions: .builtin)
                        .compile(try SQLParser.parseExpression(literal))
                    let reference = try Comparison.compile(op, column == "A" ? .int : .bigint, constant.type!)
                    for sample in samples {
                        var row: [Value] = [.null, .null]
                        row[slot] = sample
                        #expect(compiled.evaluate(row) == (try reference(sample, constant.evaluate([]))), "\(column) \(op) \(literal) on \(sample)")
                    }
                    let short = slot == 0 ? [] : [Value.int(1)]
                    #expect(compiled.evaluate(short) == (try reference(.null, constant.evaluate([]))), "\(column) \(op) \(literal) on a short row")
                }
            }
        }
    }

    @Test func onlyColumnAgainstIntegerLiteralTakesTheSlotPath() {
        let column = CompiledExpression(type: .int, slot: 0)
        let general: @Sendable ([Value]) -> Value = { _ in .null }
        #expect(SlotIntegerComparison.compile(.equal, column, CompiledExpression(type: .int, constant: .int(1)), general: general) != nil)
        #expect(SlotIntegerComparison.compile(.equal, column, CompiledExpression(type: .double, constant: .double(1)), general: general) == nil)
        #expect(SlotIntegerComparison.compile(.isDistinctFrom, column, CompiledExpression(type: .int, constant: .int(1)), general: general) == nil)
        #expect(SlotIntegerComparison.compile(.equal, CompiledExpression(type: .int, constant: .int(1)), column, general: general) == nil)
        #expect(SlotIntegerComparison.compile(.equal, column, CompiledExpression(type: .int, constant: .null), general: general) == nil)
    }
}

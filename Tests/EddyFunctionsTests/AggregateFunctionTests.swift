import EddyCore
import Testing
@testable import EddyFunctions

@Suite struct AggregateFunctionTests {
    let reg = FunctionRegistry.builtin

    func run(_ name: String, _ types: [ArgumentType], literals: [Value?] = [], rows: [[Value]]) throws -> (ResolvedAggregate, Accumulator) {
        let agg = try reg.resolveAggregate(name: name, argumentTypes: types, literalArguments: literals)
        var acc = agg.makeAccumulator()
        for r in rows { acc.add(r) }
        return (agg, acc)
    }

    @Test func countAndCountStar() throws {
        var (_, acc) = try run("count", [.type(.int)], rows: [[.int(1)], [.null], [.int(2)]])
        #expect(acc.result() == .bigint(2))
        acc.undo([.int(1)])
        #expect(acc.result() == .bigint(1))
        let (_, star) = try run("COUNT", [], rows: [[], [], []])
        #expect(star.result() == .bigint(3))
    }

    @Test func sumKeepsTypeAndUndoes() throws {
        var (agg, acc) = try run("SUM", [.type(.int)], rows: [[.int(1)], [.null], [.int(5)]])
        #expect(agg.returnType == .int)
        #expect(acc.result() == .int(6))
        acc.undo([.int(5)])
        #expect(acc.result() == .int(1))
        let (dagg, dacc) = try run("SUM", [.type(.decimal(precision: 4, scale: 2))], rows: [[dec("1.10")], [dec("2.25")]])
        #expect(dagg.returnType == .decimal(precision: 4, scale: 2))
        #expect(dacc.result() == dec("3.35"))
    }

    @Test func averageAndStddev() throws {
        let (_, avg) = try run("AVG", [.type(.bigint)], rows: [[.bigint(1)], [.bigint(2)], [.null]])
        #expect(avg.result() == .double(1.5))
        let (_, sd) = try run("STDDEV_SAMP", [.type(.double)], rows: [[.double(2)], [.double(4)], [.double(4)], [.double(4)], [.double(5)], [.double(5)], [.double(7)], [.double(9)]])
        guard case .double(let v) = sd.result() else { Issue.record("type"); return }
        // ksqlDB's STDDEV_SAMP returns the sample variance (sum of squared deviations / (n - 1)).
        #expect(abs(v - 4.571428571428571) < 1e-9)
    }

    @Test func minMaxAreStreamOnly() throws {
        let (agg, acc) = try run("MAX", [.type(.string)], rows: [[str("b")], [.null], [str("c")], [str("a")]])
        #expect(acc.result() == str("c"))
        #expect(!agg.supportsUndo)
    }

    @Test func topKNeedsLiteral() throws {
        let (_, acc) = try run("TOPK", [.type(.int), .type(.int)], literals: [nil, .int(2)], rows: [[.int(3)], [.int(9)], [.int(5)]])
        #expect(acc.result() == .array([.int(9), .int(5)]))
        do {
            _ = try reg.resolveAggregate(name: "EARLIEST_BY_OFFSET", argumentTypes: [.type(.int), .type(.int)],
                                         literalArguments: [nil, nil], argumentTexts: ["V", "F0"])
            Issue.record("expected failure")
        } catch let e as EddyError {
            #expect(e.message == "Parameter 2 passed to function EARLIEST_BY_OFFSET must be a literal constant, but was expression: 'F0'")
        }
    }

    @Test func byOffset() throws {
        let rows: [[Value]] = [[.null], [.int(1)], [.int(2)], [.null]]
        #expect(try run("EARLIEST_BY_OFFSET", [.type(.int)], rows: rows).1.result() == .int(1))
        #expect(try run("LATEST_BY_OFFSET", [.type(.int)], rows: rows).1.result() == .int(2))
        #expect(try run("LATEST_BY_OFFSET", [.type(.int), .type(.boolean)], literals: [nil, .bool(false)], rows: rows).1.result() == .null)
        #expect(try run("EARLIEST_BY_OFFSET", [.type(.int), .type(.int)], literals: [nil, .int(2)], rows: rows).1.result()
                == .array([.int(1), .int(2)]))
    }

    @Test func collections() throws {
        let rows: [[Value]] = [[str("a")], [str("b")], [str("a")]]
        #expect(try run("COLLECT_LIST", [.type(.string)], rows: rows).1.result() == .array([str("a"), str("b"), str("a")]))
        #expect(try run("COLLECT_SET", [.type(.string)], rows: rows).1.result() == .array([str("a"), str("b")]))
        #expect(try run("COUNT_DISTINCT", [.type(.string)], rows: rows).1.result() == .bigint(2))
        var (_, h) = try run("HISTOGRAM", [.type(.string)], rows: rows)
        #expect(h.result() == .map(MapValue([(str("a"), .bigint(2)), (str("b"), .bigint(1))])))
        h.undo([str("b")])
        // A count that falls to zero removes the entry, as ksqlDB's HistogramUdaf does.
        #expect(h.result() == .map(MapValue([(str("a"), .bigint(2))])))
        var (_, attr) = try run("ATTR", [.type(.string)], rows: [[str("x")], [str("x")]])
        #expect(attr.result() == str("x"))
        attr.add([str("y")])
        #expect(attr.result() == .null)
    }

    @Test func mergeCombinesSessions() throws {
        let (_, a) = try run("SUM", [.type(.bigint)], rows: [[.bigint(1)]])
        var (_, b) = try run("SUM", [.type(.bigint)], rows: [[.bigint(2)]])
        b.merge(a)
        #expect(b.result() == .bigint(3))
    }

    @Test func tableFunctions() throws {
        let tf = try reg.resolveTableFunction(name: "explode", argumentTypes: [.type(.array(.int))])
        #expect(tf.returnType == .int)
        var args = FunctionArguments(values: [.array([.int(1), .int(2)])])
        #expect(try tf.invoke(&args) == [.int(1), .int(2)])
        #expect(CubeExplode.cube([.int(1), .null]) == [.array([.null, .null]), .array([.int(1), .null])])
        #expect(TableFunctionZip.zip([[.int(1), .int(2)], [.int(10)]]) == [[.int(1), .int(10)], [.int(2), .null]])
        #expect(reg.isTableFunction("cube_explode") && reg.isAggregate("topkdistinct") && !reg.isAggregate("abs"))
    }
}

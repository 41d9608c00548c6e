import EddyCore
import Testing
@testable import EddyFunctions

/// Accumulator semantics that must match ksqlDB's UDAFs exactly: by-offset ordering across merges,
/// the Youngs-Cramer standard deviation (and STDDEV_SAMP returning the variance, as ksqlDB does),
/// and CORRELATION's single-pass formula.
@Suite struct AggregateSemanticsTests {
    let reg = FunctionRegistry.builtin

    func accumulator(_ name: String, _ types: [ArgumentType], literals: [Value?] = []) throws -> Accumulator {
        try reg.resolveAggregate(name: name, argumentTypes: types, literalArguments: literals).makeAccumulator()
    }

    func fold(_ name: String, _ type: SQLType, _ values: [Value]) throws -> Value {
        var acc = try accumulator(name, [.type(type)])
        for v in values { acc.add([v]) }
        return acc.result()
    }

    @Test func latestByOffsetIgnoresNullsByDefault() throws {
        #expect(try fold("LATEST_BY_OFFSET", .int, [.int(1), .int(2), .null]) == .int(2))
        var keepNulls = try accumulator("LATEST_BY_OFFSET", [.type(.int), .type(.boolean)], literals: [nil, .bool(false)])
        for v: Value in [.int(1), .null] { keepNulls.add([v]) }
        #expect(keepNulls.result() == .null)
        var earliestNulls = try accumulator("EARLIEST_BY_OFFSET", [.type(.int), .type(.boolean)], literals: [nil, .bool(false)])
        for v: Value in [.null, .int(1)] { earliestNulls.add([v]) }
        #expect(earliestNulls.result() == .null)
        #expect(try fold("EARLIEST_BY_OFFSET", .int, [.null, .int(1), .int(2)]) == .int(1))
    }

    @Test func byOffsetMergeFollowsArrivalOrder() throws {
        var first = try accumulator("LATEST_BY_OFFSET", [.type(.string)])
        var second = try accumulator("LATEST_BY_OFFSET", [.type(.string)])
        first.add([.string("old")])
        second.add([.string("new")])
        // Whichever way the sessions merge, the value that arrived last wins.
        var a = first, b = second
        a.merge(second)
        b.merge(first)
        #expect(a.result() == .string("new") && b.result() == .string("new"))

        var n1 = try accumulator("EARLIEST_BY_OFFSET", [.type(.int), .type(.int)], literals: [nil, .int(2)])
        var n2 = try accumulator("EARLIEST_BY_OFFSET", [.type(.int), .type(.int)], literals: [nil, .int(2)])
        n1.add([.int(1)]); n2.add([.int(2)]); n1.add([.int(3)]); n2.add([.int(4)])
        n2.merge(n1)
        #expect(n2.result() == .array([.int(1), .int(2)]))
        #expect(throws: EddyError.self) {
            _ = try reg.resolveAggregate(name: "LATEST_BY_OFFSET", argumentTypes: [.type(.int), .type(.int)], literalArguments: [nil, .int(0)])
        }
    }

    @Test func standardDeviationMatchesKsqlDB() throws {
        // stddev_sample int, from ksqlDB's standarddeviation.json: 10 then 50 for one key.
        #expect(try fold("STDDEV_SAMPLE", .int, [.int(0)]) == .double(0))
        #expect(try fold("STDDEV_SAMPLE", .int, [.int(0), .int(10)]) == .double(7.0710678118654755))
        #expect(try fold("STDDEV_SAMPLE", .double, [.double(10), .double(12), .double(13)]) == .double(1.5275252316519465))
        // STDDEV_SAMP is ksqlDB's variance.
        #expect(try fold("STDDEV_SAMP", .int, [.int(0), .int(10)]) == .double(50))
        #expect(try fold("STDDEV_POP", .double, [.double(2), .double(4), .double(4), .double(4), .double(5), .double(5), .double(7), .double(9)]) == .double(2))
    }

    @Test func standardDeviationUndoAndMerge() throws {
        var acc = try accumulator("STDDEV_SAMPLE", [.type(.bigint)])
        for v: Int64 in [3, 7, 11] { acc.add([.bigint(v)]) }
        acc.undo([.bigint(11)])
        let direct = try fold("STDDEV_SAMPLE", .bigint, [.bigint(3), .bigint(7)])
        #expect(acc.result() == direct)
        var left = try accumulator("STDDEV_SAMPLE", [.type(.double)])
        var right = try accumulator("STDDEV_SAMPLE", [.type(.double)])
        left.add([.double(1)]); left.add([.double(2)]); right.add([.double(3)]); right.add([.double(4)])
        left.merge(right)
        guard case .double(let merged) = left.result() else { Issue.record("not a double"); return }
        #expect(abs(merged - 1.2909944487358056) < 1e-12)
    }

    @Test func correlationUsesKsqlFormula() throws {
        // Key 'alice' of ksqlDB's correlation-udaf.json; the NULL row is ignored.
        var acc = try accumulator("CORRELATION", [.type(.double), .type(.double)])
        let rows: [(Double?, Double)] = [(1.5, 8), (-1, -2), (-4.5, -1), (nil, -6)]
        for (x, y) in rows { acc.add([x.map(Value.double) ?? .null, .double(y)]) }
        #expect(acc.result() == .double(0.7580764521133173))
        acc.undo([.double(-4.5), .double(-1)])
        #expect(acc.result() == .double(1.0))
        let empty = try accumulator("CORRELATION", [.type(.double), .type(.double)])
        guard case .double(let nan) = empty.result() else { Issue.record("not a double"); return }
        #expect(nan.isNaN)
    }

    @Test func averageKeepsIntegerSums() throws {
        // ksqlDB sums BIGINTs as longs (wrapping) and divides as doubles.
        #expect(try fold("AVG", .bigint, [.bigint(-1), .bigint(Int64.max)]) == .double(Double(Int64.max - 1) / 2))
        #expect(try fold("AVG", .int, [.int(1), .int(2), .null]) == .double(1.5))
        #expect(try fold("AVG", .int, []) == .double(0))
        let decimal = try reg.resolveAggregate(name: "AVG", argumentTypes: [.type(.decimal(precision: 4, scale: 2))])
        #expect(decimal.argumentTypes == [.double])
    }

    @Test func topKCarriesOtherColumns() throws {
        let agg = try reg.resolveAggregate(name: "TOPK", argumentTypes: [.type(.int), .type(.string), .type(.int)],
                                           literalArguments: [nil, nil, .int(2)])
        #expect(agg.returnType == .array(.struct([.init("sort_col", .int), .init("col0", .string)])))
        var acc = agg.makeAccumulator()
        for (v, n) in [(0, "zero"), (100, "one"), (99, "two"), (100, "three")] { acc.add([.int(Int32(v)), .string(n)]) }
        func entry(_ v: Int32, _ n: String) -> Value { .struct(StructValue(names: ["sort_col", "col0"], values: [.int(v), .string(n)])) }
        #expect(acc.result() == .array([entry(100, "one"), entry(100, "three")]))
    }

    @Test func collectLimitsComeFromConfiguration() throws {
        let limited = reg.configured(["ksql.functions.collect_list.limit": "1", "ksql.functions.collect_set.limit": "2"])
        var list = try limited.resolveAggregate(name: "COLLECT_LIST", argumentTypes: [.type(.int)]).makeAccumulator()
        var set = try limited.resolveAggregate(name: "COLLECT_SET", argumentTypes: [.type(.int)]).makeAccumulator()
        for v: Int32 in [1, 2, 2, 3] { list.add([.int(v)]); set.add([.int(v)]) }
        #expect(list.result() == .array([.int(1)]))
        #expect(set.result() == .array([.int(1), .int(2)]))
        #expect(reg.configured([:]) === reg)
        #expect(try fold("COLLECT_LIST", .int, (0..<1500).map { .int(Int32($0)) }).arrayValue?.count == 1500)
    }

    @Test func collectSetTreatsMapsAsUnordered() throws {
        let a = Value.map(MapValue([(str("x"), .int(1)), (str("y"), .int(2))]))
        let b = Value.map(MapValue([(str("y"), .int(2)), (str("x"), .int(1))]))
        #expect(try fold("COLLECT_SET", .map(key: .string, value: .int), [a, b]) == .array([a]))
    }

    @Test func sumList() throws {
        #expect(try fold("SUM_LIST", .array(.bigint), [.array([.bigint(1), .null, .bigint(2)]), .null, .array([.bigint(4)])]) == .bigint(7))
        var acc = try accumulator("SUM_LIST", [.type(.array(.double))])
        acc.add([.array([.double(1.5), .double(2)])])
        acc.undo([.array([.double(2)])])
        #expect(acc.result() == .double(1.5))
    }
}

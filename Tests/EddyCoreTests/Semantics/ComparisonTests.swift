import Testing
@testable import EddyCore

@Suite struct ComparisonTests {
    func dec(_ s: String) -> Value { .decimal(SQLDecimal(s)!) }
    func eval(_ op: ComparisonOperator, _ l: SQLType, _ r: SQLType, _ a: Value, _ b: Value) throws -> Value {
        try Comparison.compile(op, l, r)(a, b)
    }

    @Test func validity() {
        #expect(SQLType.isValidComparison(.int, .lessThan, .decimal(precision: 2, scale: 1)))
        #expect(SQLType.isValidComparison(.string, .lessThan, .timestamp))
        #expect(SQLType.isValidComparison(.timestamp, .equal, .date))
        #expect(!SQLType.isValidComparison(.time, .equal, .timestamp))
        #expect(!SQLType.isValidComparison(.int, .equal, .string))
        #expect(!SQLType.isValidComparison(.boolean, .lessThan, .boolean))
        #expect(SQLType.isValidComparison(.boolean, .isDistinctFrom, .boolean))
        #expect(SQLType.isValidComparison(.array(.int), .notEqual, .array(.int)))
        #expect(!SQLType.isValidComparison(.array(.int), .lessThan, .array(.int)))
        #expect(!SQLType.isValidComparison(.bytes, .equal, .string))
    }

    @Test func errorMessagesMatchKsql() {
        do {
            try SQLType.checkComparison(.int, .greaterThanOrEqual, .string, lhsText: "ID", rhsText: "'not an int'")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "Cannot compare ID (INTEGER) to 'not an int' (STRING) with GREATER_THAN_OR_EQUAL.")
        }
        do {
            let s = SQLType.struct([.init("ID", .int)])
            try SQLType.checkComparison(s, .lessThan, s, lhsText: "B", rhsText: "C")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "Cannot compare B (STRUCT<`ID` INTEGER>) to C (STRUCT<`ID` INTEGER>) with LESS_THAN.")
        }
        do {
            try SQLType.checkComparison(.int, .equal, nil, lhsText: "A", rhsText: "null")
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "Comparison with NULL not supported: INTEGER = NULL\nUse 'IS NULL' or 'IS NOT NULL' instead.")
        }
    }

    @Test func nullsMakeComparisonsFalse() throws {
        let d = SQLType.decimal(precision: 4, scale: 2)
        #expect(try eval(.equal, d, d, .null, dec("10.01")) == .bool(false))
        #expect(try eval(.notEqual, d, d, .null, .null) == .bool(false))
        #expect(try eval(.lessThan, .int, .int, .int(1), .null) == .bool(false))
    }

    @Test func distinctFromTreatsNullsAsValues() throws {
        #expect(try eval(.isDistinctFrom, .int, .int, .int(1), .int(1)) == .bool(false))
        #expect(try eval(.isDistinctFrom, .int, .int, .int(1), .null) == .bool(true))
        #expect(try eval(.isDistinctFrom, .int, .int, .null, .null) == .bool(false))
        #expect(try eval(.isNotDistinctFrom, .int, .int, .null, .null) == .bool(true))
        #expect(try eval(.isNotDistinctFrom, .int, .int, .null, .int(1)) == .bool(false))
    }

    @Test func numbersCompareAcrossTypes() throws {
        let d42 = SQLType.decimal(precision: 4, scale: 2), d53 = SQLType.decimal(precision: 5, scale: 3)
        #expect(try eval(.lessThan, d42, d53, dec("10.01"), dec("10.012")) == .bool(true))
        #expect(try eval(.lessThan, d42, .int, dec("10.01"), .int(12)) == .bool(true))
        #expect(try eval(.equal, .double, d42, .double(1.1), dec("1.10")) == .bool(true))
        #expect(try eval(.equal, d42, d42, dec("1.20"), dec("1.2")) == .bool(true))
        #expect(try eval(.greaterThan, .int, .double, .int(1), .double(0.5)) == .bool(true))
        #expect(try eval(.equal, .bigint, .int, .bigint(11), .int(11)) == .bool(true))
    }

    @Test func nanIsUnordered() throws {
        for op in ComparisonOperator.allCases where op != .isNotDistinctFrom {
            #expect(try eval(op, .double, .double, .double(.nan), .double(.nan)) == .bool(false))
        }
    }

    @Test func stringsCompareByUTF16() throws {
        #expect(try eval(.lessThan, .string, .string, .string("Foo"), .string("foo")) == .bool(true))
        #expect(try eval(.greaterThan, .string, .string, .string("goo"), .string("foo")) == .bool(true))
        // U+FF21 sorts after U+1F600 by code point but before it by UTF-16 (surrogates are D8xx).
        #expect(try eval(.lessThan, .string, .string, .string("\u{1F600}"), .string("\u{FF21}")) == .bool(true))
    }

    @Test func temporalValuesCompareWithStrings() throws {
        let ts = try TemporalText.parseTimestamp("2020-05-26T10:00:00.000")
        #expect(try eval(.greaterThan, .timestamp, .string, .timestamp(ts), .string("2020-05-26")) == .bool(true))
        #expect(try eval(.equal, .string, .date, .string("2020-05-26"), .date(18408)) == .bool(true))
        #expect(try eval(.equal, .date, .timestamp, .date(1), .timestamp(86_400_000)) == .bool(true))
        #expect(try eval(.lessThan, .time, .string, .time(1000), .string("00:00:02")) == .bool(true))
        #expect(throws: EddyError.self) { try eval(.equal, .date, .string, .date(1), .string("nope")) }
    }

    @Test func bytesCompareSigned() throws {
        #expect(try eval(.lessThan, .bytes, .bytes, .bytes([0xFF]), .bytes([0x01])) == .bool(true))
        #expect(try eval(.lessThan, .bytes, .bytes, .bytes([1]), .bytes([1, 0])) == .bool(true))
    }

    @Test func complexEquality() throws {
        let m = SQLType.map(key: .string, value: .int)
        let a = Value.map(MapValue([(.string("a"), .int(1)), (.string("b"), .int(2))]))
        let b = Value.map(MapValue([(.string("b"), .int(2)), (.string("a"), .int(1))]))
        #expect(try eval(.equal, m, m, a, b) == .bool(true))
        let arr = SQLType.array(.int)
        #expect(try eval(.notEqual, arr, arr, .array([.int(1), .int(2)]), .array([.int(1)])) == .bool(true))
        let st = SQLType.struct([.init("ID", .int)])
        let s1 = Value.struct(StructValue(names: ["ID"], values: [.int(2)]))
        let s2 = Value.struct(StructValue(names: ["ID"], values: [.int(3)]))
        #expect(try eval(.equal, st, st, s1, s1) == .bool(true))
        #expect(try eval(.isDistinctFrom, st, st, s1, s2) == .bool(true))
        #expect(try eval(.equal, .boolean, .boolean, .bool(true), .bool(true)) == .bool(true))
    }

    @Test func dynamicCompare() {
        #expect(Value.sqlCompare(.int(1), .null) == nil)
        #expect(Value.sqlCompare(.int(1), .bigint(2)) == -1)
        #expect(Value.sqlCompare(.decimal(SQLDecimal("2.50")!), .double(2.5)) == 0)
        #expect(Value.sqlCompare(.double(3), .int(2)) == 1)
        #expect(Value.sqlCompare(.string("a"), .string("b")) == -1)
        #expect(Value.sqlCompare(.date(0), .string("1970-01-01")) == 0)
        #expect(Value.sqlCompare(.int(1), .string("1")) == nil)
        #expect(Value.sqlCompare(.double(.nan), .double(1)) == nil)
        #expect(Value.sqlCompare(.bool(false), .bool(true)) == -1)
    }
}

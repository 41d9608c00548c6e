import Testing
@testable import EddyCore

@Suite struct CommonTypeTests {
    func expr(_ t: SQLType, _ text: String = "X") -> CoercionItem { CoercionItem(.expression(t), text: text) }
    func lit(_ t: SQLType, _ text: String) -> CoercionItem { CoercionItem(.literal(t), text: text) }
    func str(_ s: String) -> CoercionItem { CoercionItem(.stringLiteral(s), text: "'\(s)'") }
    let null = CoercionItem(.null, text: "null")

    @Test func nullsAreIgnoredAndAllNullHasNoType() throws {
        #expect(try SQLType.commonSuperType([nil, nil]) == nil)
        #expect(try SQLType.commonSuperType([]) == nil)
        #expect(try SQLType.commonSuperType([nil, .int, nil]) == .int)
    }

    @Test func numbersWiden() throws {
        #expect(try SQLType.commonSuperType([.int, .bigint]) == .bigint)
        #expect(try SQLType.commonSuperType([.bigint, .int]) == .bigint)
        #expect(try SQLType.commonSuperType([.int, .double]) == .double)
        #expect(try SQLType.commonSuperType([.decimal(precision: 4, scale: 2), .int]) == .decimal(precision: 12, scale: 2))
        #expect(try SQLType.commonSuperType([.decimal(precision: 4, scale: 2), .decimal(precision: 5, scale: 4)])
            == .decimal(precision: 6, scale: 4))
        #expect(try SQLType.commonSuperType([.decimal(precision: 4, scale: 2), .double]) == .double)
    }

    @Test func mismatchUsesKsqlMessage() {
        do {
            _ = try TypeCoercion.commonType([expr(.int, "A"), expr(.string, "B")])
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "operator does not exist: INTEGER = STRING (B)\nHint: You might need to add explicit type casts.")
        }
    }

    @Test func stringLiteralsJoinNumericLists() throws {
        #expect(try TypeCoercion.commonType([expr(.int), str("10")]) == .int)
        #expect(try TypeCoercion.commonType([expr(.int), str("3000000000")]) == .bigint)
        #expect(try TypeCoercion.commonType([expr(.int), str("1.5")]) == .decimal(precision: 11, scale: 1))
        #expect(try TypeCoercion.commonType([expr(.double), str("1")]) == .double)
        do {
            _ = try TypeCoercion.commonType([expr(.int), str("abc")])
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "invalid input syntax for type INTEGER: \"abc\".")
        }
    }

    @Test func stringLiteralsJoinBooleanListsWhenParsable() throws {
        #expect(try TypeCoercion.commonType([expr(.boolean), str("yes")]) == .boolean)
        #expect(throws: EddyError.self) { try TypeCoercion.commonType([expr(.boolean), str("maybe")]) }
    }

    @Test func literalsJoinStringListsButExpressionsDoNot() throws {
        #expect(try TypeCoercion.commonType([expr(.string), lit(.int, "1")]) == .string)
        #expect(throws: EddyError.self) { try TypeCoercion.commonType([expr(.string), expr(.int)]) }
        // A string expression is not parsed into a number.
        #expect(throws: EddyError.self) { try TypeCoercion.commonType([expr(.int), expr(.string)]) }
    }

    @Test func stringsMeetTemporalTypes() throws {
        #expect(try TypeCoercion.commonType([expr(.timestamp), expr(.string)]) == .timestamp)
        #expect(try TypeCoercion.commonType([expr(.string), expr(.date)]) == .date)
    }

    @Test func nestedConstructorsWiden() throws {
        let a = CoercionItem(.array([lit(.int, "1")]), text: "ARRAY[1]")
        let b = CoercionItem(.array([lit(.bigint, "3000000000")]), text: "ARRAY[3000000000]")
        #expect(try TypeCoercion.commonType([a, b]) == .array(.bigint))
        let s1 = CoercionItem(.struct([(name: "A", value: lit(.int, "1"))]), text: "STRUCT(A:=1)")
        let s2 = CoercionItem(.struct([(name: "B", value: str("x"))]), text: "STRUCT(B:='x')")
        #expect(try TypeCoercion.commonType([s1, s2]) == .struct([.init("B", .string), .init("A", .int)]))
        #expect(throws: EddyError.self) { try TypeCoercion.commonType([a, lit(.int, "1")]) }
    }

    @Test func valueCoercerRules() {
        #expect(ValueCoercer.strict.canCoerce(from: .int, to: .bigint) == .bigint)
        #expect(ValueCoercer.strict.canCoerce(from: .bigint, to: .int) == nil)
        #expect(ValueCoercer.strict.canCoerce(from: .string, to: .int) == nil)
        #expect(ValueCoercer.lenient.canCoerce(from: .string, to: .int) == .int)
        #expect(ValueCoercer.lenient.coerce(.string(" 12 "), from: .string, to: .int) == .int(12))
        #expect(ValueCoercer.lenient.coerce(.string("1.255"), from: .string, to: .decimal(precision: 4, scale: 2)) == nil)
        #expect(ValueCoercer.lenient.coerce(.string("1.25"), from: .string, to: .decimal(precision: 4, scale: 2))
            == .decimal(SQLDecimal("1.25")!))
        #expect(ValueCoercer.strict.coerce(.int(5), from: .int, to: .decimal(precision: 3, scale: 1))
            == .decimal(SQLDecimal("5.0")!))
        #expect(ValueCoercer.strict.coerce(.int(500), from: .int, to: .decimal(precision: 3, scale: 1)) == nil)
        #expect(ValueCoercer.lenient.coerce(.bool(true), from: .boolean, to: .string) == .string("true"))
        #expect(ValueCoercer.strict.coerce(.bool(true), from: .boolean, to: .string) == nil)
    }
}

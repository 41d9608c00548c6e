import Testing
@testable import EddyCore

@Suite struct ImplicitCastTests {
    @Test func numericWideningFollowsRank() {
        #expect(SQLType.canImplicitlyCast(from: .int, to: .bigint))
        #expect(SQLType.canImplicitlyCast(from: .int, to: .double))
        #expect(SQLType.canImplicitlyCast(from: .bigint, to: .decimal(precision: 19, scale: 0)))
        #expect(SQLType.canImplicitlyCast(from: .decimal(precision: 5, scale: 2), to: .double))
        #expect(!SQLType.canImplicitlyCast(from: .bigint, to: .int))
        #expect(!SQLType.canImplicitlyCast(from: .double, to: .decimal(precision: 38, scale: 10)))
        #expect(!SQLType.canImplicitlyCast(from: .boolean, to: .int))
    }

    @Test func stringConvertsToTemporalAndBytesOnly() {
        #expect(SQLType.canImplicitlyCast(from: .string, to: .timestamp))
        #expect(SQLType.canImplicitlyCast(from: .string, to: .date))
        #expect(SQLType.canImplicitlyCast(from: .string, to: .time))
        #expect(SQLType.canImplicitlyCast(from: .string, to: .bytes))
        #expect(!SQLType.canImplicitlyCast(from: .string, to: .int))
        #expect(!SQLType.canImplicitlyCast(from: .timestamp, to: .string))
    }

    @Test func decimalWideningNeedsRoomOnBothSides() {
        let d52 = SQLType.decimal(precision: 5, scale: 2)
        #expect(SQLType.canImplicitlyCast(from: d52, to: .decimal(precision: 6, scale: 3)))
        #expect(SQLType.canImplicitlyCast(from: d52, to: .decimal(precision: 5, scale: 2)))
        #expect(!SQLType.canImplicitlyCast(from: d52, to: .decimal(precision: 5, scale: 3)))
        #expect(!SQLType.canImplicitlyCast(from: d52, to: .decimal(precision: 4, scale: 1)))
    }

    @Test func decimalTypesOfIntegers() throws {
        #expect(try SQLType.int.toDecimalType() == .decimal(precision: 10, scale: 0))
        #expect(try SQLType.bigint.toDecimalType() == .decimal(precision: 19, scale: 0))
        #expect(throws: EddyError.self) { try SQLType.double.toDecimalType() }
        #expect(try SQLType.widenDecimal(.int, .decimal(precision: 4, scale: 3)) == .decimal(precision: 13, scale: 3))
    }

    @Test func decimalTypeOfValues() {
        #expect(SQLType.decimalType(of: SQLDecimal("0.005")!) == .decimal(precision: 4, scale: 3))
        #expect(SQLType.decimalType(of: SQLDecimal("0.8")!) == .decimal(precision: 2, scale: 1))
        #expect(SQLType.decimalType(of: SQLDecimal("12.50")!) == .decimal(precision: 4, scale: 2))
        #expect(SQLType.decimalType(of: SQLDecimal("0")!) == .decimal(precision: 1, scale: 0))
    }

    @Test func invalidDecimalParameters() {
        #expect(throws: EddyError.self) { try SQLType.validateDecimal(precision: 0, scale: 0) }
        do {
            try SQLType.validateDecimal(precision: 2, scale: 3)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "DECIMAL precision must be >= scale: DECIMAL(2,3)")
        }
    }

    @Test func structTypesRenderQuotedInMessages() {
        let t = SQLType.struct([.init("ID", .int), .init("f", .array(.string))])
        #expect(t.ksqlText == "STRUCT<`ID` INTEGER, `f` ARRAY<STRING>>")
        #expect(SQLType.struct([]).ksqlText == "STRUCT< >")
    }
}

import EddyCore
import Testing
@testable import EddyFunctions

@Suite struct MathFunctionTests {
    @Test func roundDoubleIsHalfTowardsPositive() throws {
        #expect(try call("ROUND", .double(1.5)) == .bigint(2))
        #expect(try call("ROUND", .double(-1.5)) == .bigint(-1))
        #expect(try call("ROUND", .double(-1.6)) == .bigint(-2))
        #expect(try call("ROUND", .double(1.25), .int(1)) == .double(1.3))
        #expect(try call("ROUND", .double(-1.25), .int(1)) == .double(-1.2))
        #expect(try call("ROUND", .double(123.0), .int(-1)) == .double(120.0))
        #expect(try call("ROUND", .int(5)) == .bigint(5))
        #expect(try call("ROUND", .null, types: [.type(.double)]) == .null)
    }

    @Test func roundDecimal() throws {
        let r = try FunctionRegistry.builtin.resolveScalar(name: "ROUND", argumentTypes: [.type(.decimal(precision: 5, scale: 2))])
        #expect(r.returnType == .decimal(precision: 3, scale: 0))
        #expect(try call("ROUND", dec("12.50")) == dec("13"))
        #expect(try call("ROUND", dec("-12.50")) == dec("-12"))
        #expect(try call("ROUND", dec("-12.51")) == dec("-13"))
        // With places the declared type (and scale) is kept.
        #expect(try call("ROUND", dec("1.255"), .int(2)) == dec("1.260"))
        #expect(try call("ROUND", dec("155.000"), .int(-1)) == dec("160.000"))
    }

    @Test func floorCeilTrunc() throws {
        #expect(try call("FLOOR", .double(-1.5)) == .double(-2))
        #expect(try call("CEIL", .double(-1.5)) == .double(-1))
        #expect(try call("FLOOR", dec("-1.5")) == dec("-2.0"))
        #expect(try call("CEIL", dec("1.1")) == dec("2.0"))
        #expect(try call("TRUNC", .double(-1.7)) == .bigint(-1))
        #expect(try call("TRUNC", .double(1.789), .int(2)) == .double(1.78))
        #expect(try call("TRUNC", dec("1.789"), .int(1)) == dec("1.700"))
    }

    @Test func absAndSign() throws {
        #expect(try call("ABS", .int(-3)) == .int(3))
        #expect(try call("ABS", dec("-3.10")) == dec("3.10"))
        #expect(try call("SIGN", .double(-3)) == .int(-1))
        #expect(try call("SIGN", .bigint(0)) == .int(0))
        #expect(try call("SIGN", .null, types: [.type(.int)]) == .null)
    }

    @Test func greatestAndLeastSkipNulls() throws {
        #expect(try call("GREATEST", .int(1), .null, .int(7), types: [.type(.int), .null, .type(.int)]) == .int(7))
        #expect(try call("LEAST", str("b"), str("a")) == str("a"))
        #expect(try call("LEAST", .null, .null, types: [.type(.int), .type(.int)]) == .null)
        #expect(try call("GREATEST", dec("1.5"), dec("10.25")) == dec("10.25"))
        // The winner keeps its own scale (ksqlDB returns the BigDecimal unchanged); the type is widened.
        #expect(try call("GREATEST", dec("10.5"), dec("1.25")) == dec("10.5"))
        let widened = try FunctionRegistry.builtin.resolveScalar(
            name: "GREATEST", argumentTypes: [.type(.decimal(precision: 9, scale: 2)), .type(.decimal(precision: 7, scale: 6)), .null])
        #expect(widened.returnType == .decimal(precision: 13, scale: 6))
        // A DATE list accepts a string literal, which ksqlDB casts implicitly.
        let dates = try FunctionRegistry.builtin.resolveScalar(name: "GREATEST", argumentTypes: [.type(.date), .null, .type(.string)])
        #expect(dates.returnType == .date && dates.argumentTypes == [.date, .date, .date])
    }

    @Test func logarithmsAndPowers() throws {
        #expect(try call("LOG", .int(2), .int(8)) == .double(3))
        #expect(try call("LN", .double(1)) == .double(0))
        #expect(try call("SQRT", .int(16)) == .double(4))
        #expect(try call("POWER", .int(2), .int(10)) == .double(1024))
        guard case .double(let nan) = try call("LOG", .int(1), .int(8)) else { Issue.record("type"); return }
        #expect(nan.isNaN)
    }
}

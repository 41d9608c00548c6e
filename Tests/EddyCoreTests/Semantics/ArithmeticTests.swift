import Testing
@testable import EddyCore

@Suite struct ArithmeticTests {
    func dec(_ s: String) -> Value { .decimal(SQLDecimal(s)!) }

    @Test func resultTypes() throws {
        #expect(try SQLType.arithmeticResultType(.add, .int, .int) == .int)
        #expect(try SQLType.arithmeticResultType(.add, .int, .bigint) == .bigint)
        #expect(try SQLType.arithmeticResultType(.multiply, .bigint, .double) == .double)
        #expect(try SQLType.arithmeticResultType(.add, .decimal(precision: 4, scale: 2), .double) == .double)
        #expect(try SQLType.arithmeticResultType(.add, .string, .string) == .string)
    }

    @Test func decimalResultTypes() throws {
        let a = SQLType.decimal(precision: 4, scale: 2), b = SQLType.decimal(precision: 5, scale: 3)
        #expect(try SQLType.arithmeticResultType(.add, a, b) == .decimal(precision: 6, scale: 3))
        #expect(try SQLType.arithmeticResultType(.subtract, a, a) == .decimal(precision: 5, scale: 2))
        #expect(try SQLType.arithmeticResultType(.multiply, a, b) == .decimal(precision: 10, scale: 5))
        #expect(try SQLType.arithmeticResultType(.divide, a, b) == .decimal(precision: 13, scale: 8))
        #expect(try SQLType.arithmeticResultType(.divide, a, a) == .decimal(precision: 11, scale: 7))
        #expect(try SQLType.arithmeticResultType(.modulus, a, b) == .decimal(precision: 5, scale: 3))
        // INTEGER widens to DECIMAL(10, 0) first.
        #expect(try SQLType.arithmeticResultType(.add, .int, a) == .decimal(precision: 13, scale: 2))
    }

    @Test func unsupportedTypesUseKsqlWording() {
        do {
            _ = try SQLType.arithmeticResultType(.add, .string, .boolean)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "Unsupported arithmetic types. STRING BOOLEAN")
        }
        do {
            _ = try SQLType.arithmeticResultType(.subtract, .string, .string)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "Unsupported arithmetic types. STRING STRING")
        }
        do {
            _ = try SQLType.arithmeticResultType(.add, nil, .int)
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "Arithmetic on types null and INTEGER are not supported.")
        }
    }

    @Test func integerArithmeticWrapsLikeJava() throws {
        let add = try Arithmetic.compile(.add, .int, .int)
        #expect(try add.evaluate(.int(.max), .int(1)) == .int(.min))
        let mul = try Arithmetic.compile(.multiply, .bigint, .bigint).evaluate
        #expect(try mul(.bigint(.max), .bigint(2)) == .bigint(-2))
        let div = try Arithmetic.compile(.divide, .int, .int).evaluate
        #expect(try div(.int(7), .int(-2)) == .int(-3))
        #expect(try div(.int(.min), .int(-1)) == .int(.min))
        let mod = try Arithmetic.compile(.modulus, .int, .int).evaluate
        #expect(try mod(.int(-7), .int(3)) == .int(-1))
        #expect(try mod(.int(.min), .int(-1)) == .int(0))
    }

    @Test func mixedIntegerOperandsPromote() throws {
        let (type, f) = try Arithmetic.compile(.add, .int, .bigint)
        #expect(type == .bigint)
        #expect(try f(.int(1), .bigint(Int64(Int32.max))) == .bigint(2_147_483_648))
    }

    @Test func integerDivisionByZeroThrows() throws {
        let div = try Arithmetic.compile(.divide, .int, .int).evaluate
        #expect(throws: EddyError.self) { try div(.int(1), .int(0)) }
        let mod = try Arithmetic.compile(.modulus, .bigint, .bigint).evaluate
        #expect(throws: EddyError.self) { try mod(.bigint(1), .bigint(0)) }
    }

    @Test func nullOperandsGiveNull() throws {
        for op in ArithmeticOperator.allCases {
            let f = try Arithmetic.compile(op, .int, .double).evaluate
            #expect(try f(.null, .double(1)) == .null)
            #expect(try f(.int(1), .null) == .null)
        }
        #expect(try Arithmetic.compile(.add, .string, .string).evaluate(.string("a"), .null) == .null)
    }

    @Test func doubleArithmeticIsIEEE() throws {
        let f = try Arithmetic.compile(.divide, .double, .int).evaluate
        #expect(try f(.double(1), .int(0)) == .double(.infinity))
        let mod = try Arithmetic.compile(.modulus, .double, .double).evaluate
        #expect(try mod(.double(-5.5), .double(2)) == .double(-1.5))
        let add = try Arithmetic.compile(.add, .bigint, .double).evaluate
        #expect(try add(.bigint(25), .double(3.21)) == .double(28.21))
        // A DECIMAL operand meeting a DOUBLE becomes a double.
        let mixed = try Arithmetic.compile(.add, .decimal(precision: 3, scale: 1), .double).evaluate
        #expect(try mixed(dec("1.5"), .double(1)) == .double(2.5))
    }

    @Test func stringConcatenation() throws {
        let f = try Arithmetic.compile(.add, .string, .string).evaluate
        #expect(try f(.string("ID"), .string("_new")) == .string("ID_new"))
    }

    @Test func decimalArithmeticMatchesConformance() throws {
        let t = SQLType.decimal(precision: 4, scale: 2)
        let sub = try Arithmetic.compile(.subtract, t, t).evaluate
        #expect(try sub(dec("10.10"), dec("5.10")) == dec("5.00"))
        #expect(try sub(dec("10.10"), dec("-5.00")) == dec("15.10"))
        let mul = try Arithmetic.compile(.multiply, t, t).evaluate
        #expect(try mul(dec("10.10"), dec("2.00")) == dec("20.2000"))
        #expect(try mul(dec("10.10"), dec("-2.00")) == dec("-20.2000"))
        let mod = try Arithmetic.compile(.modulus, t, t).evaluate
        #expect(try mod(dec("10.10"), dec("2.00")) == dec("0.10"))
        #expect(try mod(dec("10.10"), dec("-2.00")) == dec("0.10"))
        #expect(throws: EddyError.self) { try mod(dec("10.10"), dec("0.00")) }
    }

    @Test func decimalDivisionIsExactOrFails() throws {
        let t = SQLType.decimal(precision: 4, scale: 2)
        let (type, div) = try Arithmetic.compile(.divide, t, t)
        #expect(type == .decimal(precision: 11, scale: 7))
        #expect(try div(dec("10.00"), dec("4.00")) == dec("2.5000000"))
        #expect(try div(dec("1.00"), dec("8.00")) == dec("0.1250000"))
        // 1/3 does not terminate: Java's MathContext(…, UNNECESSARY) throws.
        #expect(throws: EddyError.self) { try div(dec("1.00"), dec("3.00")) }
        #expect(throws: EddyError.self) { try div(dec("1.00"), dec("0.00")) }
        // Exact, but more digits than the result scale holds.
        #expect(throws: EddyError.self) { try div(dec("0.01"), dec("64.00")) }
    }

    @Test func decimalWithIntegerOperand() throws {
        let (type, add) = try Arithmetic.compile(.add, .decimal(precision: 3, scale: 1), .int)
        #expect(type == .decimal(precision: 12, scale: 1))
        #expect(try add(dec("1.5"), .int(2)) == dec("3.5"))
    }
}

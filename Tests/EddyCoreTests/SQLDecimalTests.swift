import Testing
@testable import EddyCore

@Suite struct SQLDecimalTests {
    @Test func parsesAndPrints() {
        #expect(SQLDecimal("12.340")?.description == "12.340")
        #expect(SQLDecimal("-0.05")?.description == "-0.05")
        #expect(SQLDecimal("1E+3")?.description == "1000")
        #expect(SQLDecimal("abc") == nil)
        #expect(SQLDecimal("1.2.3") == nil)
    }

    @Test func rescalesHalfUp() {
        #expect(SQLDecimal("1.25")!.rescaled(to: 1).description == "1.3")
        #expect(SQLDecimal("-1.25")!.rescaled(to: 1).description == "-1.3")
        #expect(SQLDecimal("1.24")!.rescaled(to: 1).description == "1.2")
        #expect(SQLDecimal("1.2")!.rescaled(to: 3).description == "1.200")
    }

    @Test func precisionAndFit() {
        #expect(SQLDecimal("123.45")!.precision == 5)
        #expect(SQLDecimal("123.45")!.fits(precision: 4, scale: 2) == false)
        #expect(SQLDecimal("12.345")!.fits(precision: 4, scale: 2))
    }

    @Test func comparesAcrossScales() {
        #expect(SQLDecimal("1.50")!.compare(SQLDecimal("1.5")!) == 0)
        #expect(SQLDecimal("-2")!.compare(SQLDecimal("1.5")!) == -1)
    }
}

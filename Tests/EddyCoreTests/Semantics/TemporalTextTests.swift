import EddyCore
import Testing

@Suite struct TemporalTextTests {
    @Test func hour24IsMidnightAtTheEndOfTheDay() throws {
        let next = try TemporalText.parseTimestamp("2020-02-25")
        #expect(try TemporalText.parseTimestamp("2020-02-24T24") == next)
        #expect(try TemporalText.parseTimestamp("2020-02-24T24:00:00.000") == next)
        #expect(throws: EddyError.self) { try TemporalText.parseTimestamp("2020-02-24T24:01") }
        #expect(throws: EddyError.self) { try TemporalText.parseTimestamp("2020-02-24T25") }
    }
}

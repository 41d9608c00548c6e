import Testing
@testable import EddyFormats

@Suite struct EddyFormatsPlaceholderTests {
    @Test func moduleLoads() {}
}

import Testing
@testable import EddySQL

@Suite struct EddySQLPlaceholderTests {
    @Test func moduleLoads() {}
}

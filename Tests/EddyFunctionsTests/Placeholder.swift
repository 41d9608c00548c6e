import Testing
@testable import EddyFunctions

@Suite struct EddyFunctionsPlaceholderTests {
    @Test func moduleLoads() {}
}

import Testing
@testable import EddyTesting

@Suite struct EddyTestingPlaceholderTests {
    @Test func moduleLoads() {}
}

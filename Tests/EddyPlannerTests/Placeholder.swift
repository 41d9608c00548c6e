import Testing
@testable import EddyPlanner

@Suite struct EddyPlannerPlaceholderTests {
    @Test func moduleLoads() {}
}

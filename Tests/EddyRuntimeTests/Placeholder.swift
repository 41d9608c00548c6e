import Testing
@testable import EddyRuntime

@Suite struct EddyRuntimePlaceholderTests {
    @Test func moduleLoads() {}
}

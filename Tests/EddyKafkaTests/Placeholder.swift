import Testing
@testable import EddyKafka

@Suite struct EddyKafkaPlaceholderTests {
    @Test func moduleLoads() {}
}

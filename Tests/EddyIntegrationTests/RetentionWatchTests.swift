import EddyKafka
import EddyKafkaRuntime
import Testing

@Suite struct RetentionWatchTests {
    @Test func warnsOncePerPartitionNearingTheLimit() async throws {
        let kafka = try KafkaFixture()
        try kafka.cluster.createTopic("full", partitions: 2)
        try await kafka.produce("full", (0..<30).map { _ in (nil, "x") })
        let admin = try KafkaAdmin(config: kafka.settings.adminConfig(), logger: quietLogger(), mockCluster: kafka.cluster)
        let watch = RetentionWatch(admin: admin, logger: quietLogger(), warningRecords: 10)
        let first = try await onDedicatedThread { watch.check() }
        #expect(first.count == 2)
        #expect(first.allSatisfy { $0.contains("nears the embedded broker's retention") })
        let again = try await onDedicatedThread { watch.check() }
        #expect(again.isEmpty)
    }
}

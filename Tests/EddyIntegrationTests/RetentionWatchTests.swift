import EddyKafka
import EddyKafkaRuntime
import Testing

@Suite struct RetentionWatchTests {
    @Test func warnsOncePerPartitionNearingTheLimit() async throws {
        let kafka = try KafkaFixture()
        try kafka.cluster.createTopic("full", partitions: 2)
        // Explicit partitions: null-keyed records go through librdkafka's sticky partitioner,
        // which may put them all in one partition.
        let producer = try KafkaProducer(config: kafka.cluster.clientConfig(), logger: quietLogger())
        for index in 0..<30 {
            try producer.produce(ProducerRecord(topic: "full", partition: Int32(index % 2), value: Array("x".utf8)))
        }
        try await producer.flush()
        let admin = try KafkaAdmin(config: kafka.settings.adminConfig(), logger: quietLogger(), mockCluster: kafka.cluster)
        let watch = RetentionWatch(admin: admin, logger: quietLogger(), warningRecords: 10)
        let first = try await onDedicatedThread { watch.check() }
        #expect(first.count == 2)
        #expect(first.allSatisfy { $0.contains("nears the embedded broker's retention") })
        let again = try await onDedicatedThread { watch.check() }
        #expect(again.isEmpty)
    }
}

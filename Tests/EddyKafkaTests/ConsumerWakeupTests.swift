import EddyKafka
import Testing

@Suite struct ConsumerWakeupTests {
    /// A query asked to stop must not wait out its consume timeout before its final commit.
    @Test func wakeupEndsABlockedConsume() async throws {
        let cluster = try MockCluster()
        try cluster.createTopic("quiet", partitions: 1)
        let consumer = try KafkaConsumer(config: cluster.clientConfig(), logger: testLogger())
        try consumer.assign([TopicPartitionOffset("quiet", 0, offset: KafkaOffset.beginning)])
        let batch = ConsumerBatch(capacity: 10)
        let waker = Task {
            try await Task.sleep(for: .milliseconds(300))
            consumer.wakeup()
        }
        let clock = ContinuousClock()
        let started = clock.now
        try await consumer.consume(into: batch, timeout: .seconds(20))
        let waited = clock.now - started
        try await waker.value
        #expect(batch.isEmpty)
        #expect(waited < .seconds(10), "consume waited \(waited) despite wakeup")
        try await consumer.close()
    }
}

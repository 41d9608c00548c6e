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
        let clock = ContinuousClock()
        // Under a loaded test run the waker itself may start late: what is measured is the time
        // from the wakeup to the consume's return.
        let waker = Task {
            try await Task.sleep(for: .milliseconds(300))
            consumer.wakeup()
            return clock.now
        }
        try await consumer.consume(into: batch, timeout: .seconds(20))
        let returned = clock.now
        let woken = try await waker.value
        #expect(batch.isEmpty)
        #expect(returned - woken < .seconds(5), "consume returned \(returned - woken) after the wakeup")
        try await consumer.close()
    }
}

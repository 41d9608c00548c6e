import EddyKafka
import Testing

@Suite struct PartitionControlTests {
    private func filledTopic(_ name: String) async throws -> MockCluster {
        let cluster = try MockCluster()
        try cluster.createTopic(name, partitions: 2)
        let producer = try KafkaProducer(config: cluster.clientConfig(), logger: testLogger())
        for index in 0..<10 {
            try producer.produce(ProducerRecord(topic: name, partition: Int32(index % 2), value: bytes("\(index)")))
        }
        try await producer.flush()
        return cluster
    }

    @Test func pausedPartitionsDeliverNothingUntilResumed() async throws {
        let cluster = try await filledTopic("paused")
        let consumer = try KafkaConsumer(config: cluster.clientConfig(), logger: testLogger())
        try consumer.assign([
            TopicPartitionOffset("paused", 0, offset: KafkaOffset.beginning),
            TopicPartitionOffset("paused", 1, offset: KafkaOffset.beginning),
        ])
        try consumer.pause([TopicPartition("paused", 1)])
        // Wait for the unpaused partition's five records however slow the machine is, then
        // check that nothing from the paused partition follows them.
        var received = try await consumeMessages(consumer, count: 5)
        #expect(received.count == 5)
        #expect(received.allSatisfy { $0.partition == 0 })
        let extra = try await consumeMessages(consumer, count: 1, deadline: .milliseconds(1_000))
        #expect(extra.isEmpty)

        try consumer.resume([TopicPartition("paused", 1)])
        received = try await consumeMessages(consumer, count: 5)
        #expect(received.map(\.partition) == [1, 1, 1, 1, 1])
        #expect(received.map(\.offset) == [0, 1, 2, 3, 4])
    }

    @Test func seekRewindsAnAssignedPartition() async throws {
        let cluster = try await filledTopic("seek")
        let consumer = try KafkaConsumer(config: cluster.clientConfig(), logger: testLogger())
        try consumer.assign([TopicPartitionOffset("seek", 0, offset: KafkaOffset.beginning)])
        let all = try await consumeMessages(consumer, count: 5)
        #expect(all.map(\.offset) == [0, 1, 2, 3, 4])
        #expect(try consumer.position([TopicPartition("seek", 0)]).first?.offset == 5)

        try await consumer.seek([TopicPartitionOffset("seek", 0, offset: 2)])
        let replayed = try await consumeMessages(consumer, count: 3)
        #expect(replayed.map(\.offset) == [2, 3, 4])
        #expect(replayed.map { text($0.value) } == ["4", "6", "8"])
    }

    @Test func partitionEndIsReportedWhenEnabled() async throws {
        let cluster = try await filledTopic("eof")
        let consumer = try KafkaConsumer(
            config: cluster.clientConfig(["enable.partition.eof": "true"]), logger: testLogger())
        try consumer.assign([TopicPartitionOffset("eof", 1, offset: KafkaOffset.beginning)])
        let batch = ConsumerBatch(capacity: 100)
        var count = 0
        var ended: [TopicPartition] = []
        for _ in 0..<50 where ended.isEmpty {
            try await consumer.consume(into: batch, timeout: .milliseconds(100))
            count += batch.count
            ended += batch.reachedEnd
        }
        #expect(count == 5)
        #expect(ended == [TopicPartition("eof", 1)])
    }
}

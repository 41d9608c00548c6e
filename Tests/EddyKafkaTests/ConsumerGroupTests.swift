import EddyKafka
import Synchronization
import Testing

@Suite struct ConsumerGroupTests {
    @Test func restartResumesFromCommittedOffsets() async throws {
        let cluster = try MockCluster()
        try cluster.createTopic("orders", partitions: 2)
        let producer = try KafkaProducer(config: cluster.clientConfig(), logger: testLogger())
        for index in 0..<10 {
            try producer.produce(ProducerRecord(topic: "orders", partition: Int32(index % 2), value: bytes("o\(index)")))
        }
        try await producer.flush()

        let groupConfig = cluster.clientConfig([
            "group.id": "orders-app", "enable.auto.commit": "false", "auto.offset.reset": "earliest",
            // The mock holds a rejoining group for about one session timeout, even after a clean leave.
            "session.timeout.ms": "3000", "heartbeat.interval.ms": "500",
        ])
        let seen = Mutex<[ConsumerEvent]>([])
                let first = try KafkaConsumer(
            config: groupConfig, logger: testLogger(), onRebalance: { event in seen.withLock { $0.append(event) } })
        try first.subscribe(["orders"])
        let received = try await consumeMessages(first, count: 10)
        #expect(received.count == 10)
        #expect(Set(try first.assignment()) == [TopicPartition("orders", 0), TopicPartition("orders", 1)])

        // Partition 0 is processed up to offset 2 (next is 3); partition 1 completely.
        let commits = [
            TopicPartitionOffset("orders", 0, offset: 3), TopicPartitionOffset("orders", 1, offset: 5),
        ]
        try await first.commit(commits)
        let committed = try await first.committed([TopicPartition("orders", 0), TopicPartition("orders", 1)])
        #expect(committed.map(\.offset) == [3, 5])
        #expect(try first.position([TopicPartition("orders", 0)]).first?.offset == 5)
        try await first.close()
        let events = seen.withLock { $0 }
        #expect(events.first == .assigned([TopicPartition("orders", 0), TopicPartition("orders", 1)]))
        #expect(events.last == .revoked([TopicPartition("orders", 0), TopicPartition("orders", 1)]))

        let second = try KafkaConsumer(config: groupConfig, logger: testLogger())
        try second.subscribe(["orders"])
        let resumed = try await consumeMessages(second, count: 2)
        #expect(resumed.map(\.partition) == [0, 0])
        #expect(resumed.map(\.offset) == [3, 4])
        // Nothing else is delivered: partition 1 was fully committed.
        let batch = ConsumerBatch(capacity: 100)
        try await second.consume(into: batch, timeout: .milliseconds(500))
        #expect(batch.isEmpty)
        try await second.close()
    }

    @Test func asynchronousCommitReportsThroughEvents() async throws {
        let cluster = try MockCluster()
        try cluster.createTopic("async-commit")
        let producer = try KafkaProducer(config: cluster.clientConfig(), logger: testLogger())
        _ = try await producer.send(ProducerRecord(topic: "async-commit", value: bytes("x")))
        let consumer = try KafkaConsumer(
            config: cluster.clientConfig(["group.id": "async-group", "enable.auto.commit": "false"]),
            logger: testLogger())
        try consumer.assign([TopicPartitionOffset("async-commit", 0, offset: KafkaOffset.beginning)])
        #expect(try await consumeMessages(consumer, count: 1).count == 1)
        let events = consumer.events
        let firstCommit = Task { () -> ConsumerEvent? in
            for await event in events { if case .committed = event { return event } }
            return nil
        }
        try consumer.commitAsync([TopicPartitionOffset("async-commit", 0, offset: 1)])
        // The commit result is served by the consume calls.
        let batch = ConsumerBatch(capacity: 10)
        for _ in 0..<10 { try await consumer.consume(into: batch, timeout: .milliseconds(100)) }
        try await consumer.close()
        let event = await firstCommit.value
        #expect(event == .committed([TopicPartitionOffset("async-commit", 0, offset: 1)], nil))
    }
}

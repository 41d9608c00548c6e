import EddyKafka
import Testing

/// `earliestTopics`: internal topics start at the beginning where the group committed nothing,
/// while other topics keep `auto.offset.reset` and committed offsets win everywhere.
@Suite struct EarliestTopicsTests {
    @Test func uncommittedInternalPartitionsStartAtTheBeginning() async throws {
        let cluster = try MockCluster()
        try cluster.createTopic("source", partitions: 1)
        try cluster.createTopic("internal-repartition", partitions: 2)
        let producer = try KafkaProducer(config: cluster.clientConfig(), logger: testLogger())
        for index in 0..<4 {
            try producer.produce(ProducerRecord(topic: "source", partition: 0, value: bytes("s\(index)")))
            try producer.produce(ProducerRecord(topic: "internal-repartition", partition: Int32(index % 2), value: bytes("r\(index)")))
        }
        try await producer.flush()

        let config = cluster.clientConfig([
            "group.id": "earliest-app", "enable.auto.commit": "false", "auto.offset.reset": "latest",
            "session.timeout.ms": "3000", "heartbeat.interval.ms": "500",
        ])
        // Partition 1 of the internal topic has a commit: it resumes there, not at the beginning.
        let committer = try KafkaConsumer(config: config, logger: testLogger())
        try committer.assign([TopicPartitionOffset("internal-repartition", 1, offset: KafkaOffset.beginning)])
        try await committer.commit([TopicPartitionOffset("internal-repartition", 1, offset: 1)])
        try await committer.close()

        let consumer = try KafkaConsumer(config: config, logger: testLogger(), earliestTopics: ["internal-repartition"])
        try consumer.subscribe(["source", "internal-repartition"])
        let received = try await consumeMessages(consumer, count: 3, deadline: .seconds(10))
        // Partition 0: r0, r2 from the beginning; partition 1: r3 after the commit; source: nothing (latest).
        #expect(Set(received.compactMap { text($0.value) }) == ["r0", "r2", "r3"])
        let batch = ConsumerBatch(capacity: 100)
        try await consumer.consume(into: batch, timeout: .milliseconds(500))
        #expect(batch.isEmpty)
        try await consumer.close()
    }
}

import EddyKafka
import Testing

@Suite struct ProduceConsumeTests {
    @Test func roundTripKeepsKeysHeadersTimestampsAndPartitions() async throws {
        let cluster = try MockCluster()
        try cluster.createTopic("round-trip", partitions: 2)
        let producer = try KafkaProducer(config: cluster.clientConfig(["linger.ms": "5"]), logger: testLogger())
        var sent: [ProducerRecord] = []
        for index in 0..<20 {
            sent.append(ProducerRecord(
                topic: "round-trip", partition: Int32(index % 2), key: bytes("k\(index)"),
                value: index == 7 ? nil : bytes("value-\(index)"), timestamp: 1_700_000_000_000 + Int64(index),
                headers: index % 3 == 0 ? [KafkaHeader("h", bytes("x\(index)")), KafkaHeader("nil", nil)] : []))
        }
        for record in sent { try producer.produce(record) }
        try await producer.flush(timeout: .seconds(10))
        #expect(producer.deliveryCounts.delivered == 20)
        #expect(producer.deliveryCounts.failed == 0)

        let consumer = try KafkaConsumer(config: cluster.clientConfig(), logger: testLogger())
        try consumer.assign([
            TopicPartitionOffset("round-trip", 0, offset: KafkaOffset.beginning),
            TopicPartitionOffset("round-trip", 1, offset: KafkaOffset.beginning),
        ])
        let received = try await consumeMessages(consumer, count: 20)
        #expect(received.count == 20)
        for message in received {
            let index = Int(text(message.key)!.dropFirst())!
            let record = sent[index]
            #expect(message.topic == "round-trip")
            #expect(message.partition == record.partition)
            #expect(message.value == record.value)
            #expect(message.timestamp == record.timestamp)
            #expect(message.headers == record.headers)
        }
        // Offsets within each partition are dense and in production order.
        for partition: Int32 in [0, 1] {
            let inPartition = received.filter { $0.partition == partition }
            #expect(inPartition.map(\.offset) == Array(0..<Int64(inPartition.count)))
        }
        try await consumer.close()
    }

    @Test func sendAwaitsItsDeliveryReport() async throws {
        let cluster = try MockCluster()
        try cluster.createTopic("awaited", partitions: 3)
        let producer = try KafkaProducer(config: cluster.clientConfig(), logger: testLogger())
        let first = try await producer.send(ProducerRecord(topic: "awaited", partition: 2, value: bytes("a")))
        let second = try await producer.send(ProducerRecord(topic: "awaited", partition: 2, value: bytes("b")))
        #expect(first.topic == "awaited")
        #expect(first.partition == 2)
        #expect(first.offset == 0)
        #expect(second.offset == 1)
        #expect(first.id != second.id)
    }

    @Test func borrowedBytesAreReadInPlace() async throws {
        let cluster = try MockCluster()
        try cluster.createTopic("views")
        let producer = try KafkaProducer(config: cluster.clientConfig(), logger: testLogger())
        try bytes("key").withUnsafeBytes { key in
            try bytes("payload").withUnsafeBytes { value in
                _ = try producer.produce(topic: "views", partition: 0, key: key, value: value)
            }
        }
        try await producer.flush()
        let consumer = try KafkaConsumer(config: cluster.clientConfig(), logger: testLogger())
        try consumer.assign([TopicPartitionOffset("views", 0, offset: KafkaOffset.beginning)])
        let batch = ConsumerBatch(capacity: 16)
        while batch.isEmpty { try await consumer.consume(into: batch, timeout: .milliseconds(200)) }
        #expect(batch.count == 1)
        batch.withMessage(at: 0) { message in
            #expect(message.key.map { Array($0) } == bytes("key"))
            #expect(message.value.map { String(decoding: $0, as: UTF8.self) } == "payload")
            #expect(message.offset == 0)
        }
    }
}

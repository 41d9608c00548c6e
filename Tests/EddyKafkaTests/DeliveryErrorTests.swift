import EddyKafka
import Synchronization
import Testing

@Suite struct DeliveryErrorTests {
    @Test func unknownPartitionFailsTheDelivery() async throws {
        let cluster = try MockCluster()
        try cluster.createTopic("small", partitions: 1)
        let reports = Mutex<[DeliveryReport]>([])
        let producer = try KafkaProducer(
            config: cluster.clientConfig(), logger: testLogger(),
            onDelivery: { report in reports.withLock { $0.append(report) } })
        // librdkafka refuses the record at once if it already knows the partition count, or
        // fails its delivery once metadata arrives: either way with UNKNOWN_PARTITION.
        do {
            _ = try await producer.send(ProducerRecord(topic: "small", partition: 7, value: bytes("x")))
            Issue.record("a record for a missing partition was delivered")
        } catch let error as KafkaError {
            #expect(error.code == .unknownPartition)
        }
        try producer.produce(ProducerRecord(topic: "small", partition: 0, value: bytes("ok")))
        try await producer.flush()
        let failed = producer.takeFailedDeliveries()
        #expect(failed.count <= 1)
        #expect(failed.allSatisfy { $0.error?.code == .unknownPartition })
        #expect(producer.takeFailedDeliveries().isEmpty)
        #expect(producer.deliveryCounts == (delivered: 1, failed: failed.count))
        let outcomes = reports.withLock { $0.map(\.succeeded) }
        #expect(outcomes.filter { $0 } == [true])
        #expect(outcomes.filter { !$0 }.count == failed.count)
    }

    @Test func unknownTopicFailsWhenAutoCreationIsOff() async throws {
        let cluster = try MockCluster()
        // The mock creates any topic a client asks for; this makes it answer "unknown" instead.
        cluster.setTopicError("no-such-topic", .unknownTopicOrPartition)
        let producer = try KafkaProducer(
            config: cluster.clientConfig([
                "allow.auto.create.topics": "false", "topic.metadata.propagation.max.ms": "200",
                "message.timeout.ms": "3000",
            ]),
            logger: testLogger())
        do {
            _ = try await producer.send(ProducerRecord(topic: "no-such-topic", value: bytes("x")))
            Issue.record("delivery to a missing topic succeeded")
        } catch let error as KafkaError {
            #expect([.unknownTopic, .unknownTopicOrPartition, .messageTimedOut].contains(error.code))
        }
    }

    @Test func brokerErrorsReachTheErrorHandler() async throws {
        let errors = Mutex<[KafkaError]>([])
        let producer = try KafkaProducer(
            config: KafkaConfig(bootstrapServers: "127.0.0.1:1"), logger: testLogger(),
            onError: { error in errors.withLock { $0.append(error) } })
        let clock = ContinuousClock()
        let end = clock.now + .seconds(10)
        while errors.withLock({ $0.isEmpty }) && clock.now < end { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!errors.withLock { $0.isEmpty })
        _ = producer
    }
}

import EddyKafka
import EddyRuntime
import Logging

/// Topics on a Kafka cluster, for the engine's broker (`InMemoryBroker(backend:)`): metadata
/// through an admin client, INSERT VALUES through a shared producer.
public final class KafkaTopicBackend: TopicBackend {
    public let admin: KafkaAdmin
    private let producer: KafkaProducer
    private let isMock: Bool
    private let logger: Logger

    public init(settings: KafkaSettings, mockCluster: MockCluster? = nil, logger: Logger) throws {
        admin = try KafkaAdmin(config: settings.adminConfig(), logger: logger, mockCluster: mockCluster)
        producer = try KafkaProducer(
            config: settings.producerConfig(["linger.ms": "1"]), logger: logger, blockOnQueueFull: true,
            onDelivery: { report in
                if let error = report.error { logger.error("INSERT VALUES into \(report.topic) failed: \(error)") }
            })
        isMock = mockCluster != nil
        self.logger = logger
    }

    public func describeTopic(_ name: String) throws -> InMemoryBroker.TopicDescription? {
        // Metadata for all topics: asking for one by name could auto-create it.
        guard let topic = try admin.listTopicsBlocking().first(where: { $0.name == name && $0.error == nil }) else {
            return nil
        }
        return InMemoryBroker.TopicDescription(name: topic.name, partitions: topic.partitionCount)
    }

    public func createTopic(_ name: String, partitions: Int, replicas: Int?) throws {
        // -1 asks a real broker for its default replication; the mock needs a real number.
        let replication = Int16(replicas ?? (isMock ? 1 : -1))
        logger.info("creating topic \(name) with \(partitions) partitions")
        do {
            try admin.createTopicsBlocking([NewTopic(name, partitions: Int32(partitions), replicationFactor: replication)])
        } catch let error as KafkaError where error.code == .topicAlreadyExists {
            return
        }
        try awaitMetadata(name)
    }

    public func deleteTopic(_ name: String) throws {
        try admin.deleteTopicsBlocking([name])
    }

    public func listTopics() throws -> [InMemoryBroker.TopicDescription] {
        try admin.listTopicsBlocking()
            .filter { $0.error == nil && !Self.isInternal($0.name) }
            .map { InMemoryBroker.TopicDescription(name: $0.name, partitions: $0.partitionCount) }
    }

    public func produce(_ record: KafkaRecord) throws {
        try producer.produce(ProducerRecord(
            topic: record.topic, key: record.key, value: record.value,
            timestamp: record.timestamp > 0 ? record.timestamp : nil,
            headers: record.headers.map { KafkaHeader($0.key, $0.value) }))
    }

    /// Waits until INSERT VALUES records are delivered (before shutdown, and in tests).
    public func flush() throws {
        try producer.flushBlocking()
    }

    /// Kafka's own topics and ksqlDB's internal ones, which SHOW TOPICS leaves out.
    static func isInternal(_ name: String) -> Bool {
        name.hasPrefix("__") || name.hasPrefix("_confluent-ksql-") || name == "_schemas"
    }

    /// A new topic may take a moment to appear in metadata; statements right after expect it.
    private func awaitMetadata(_ name: String) throws {
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while clock.now < deadline {
            if try describeTopic(name) != nil { return }
            sleepMilliseconds(20)
        }
    }
}

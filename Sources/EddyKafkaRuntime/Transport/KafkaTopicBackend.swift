import EddyKafka
import EddyRuntime
import Logging
import Synchronization

/// Topics on a Kafka cluster, for the engine's broker (`InMemoryBroker(backend:)`): metadata
/// through an admin client; INSERT VALUES and state changelogs through a shared producer
/// (changelogs write-behind, see `ChangelogBuffer`).
public final class KafkaTopicBackend: TopicBackend {
    public let admin: KafkaAdmin
    private let producer: KafkaProducer
    private let isMock: Bool
    private let changelogs = ChangelogBuffer()
    private let knownChangelogs = Mutex<Set<String>>([])
    private let settingsCommon: [String: String]
    private let logger: Logger

    public init(settings: KafkaSettings, mockCluster: MockCluster? = nil, logger: Logger) throws {
        admin = try KafkaAdmin(config: settings.adminConfig(), logger: logger, mockCluster: mockCluster)
        producer = try KafkaProducer(
            config: settings.producerConfig(["linger.ms": "1"]), logger: logger, blockOnQueueFull: true,
            onDelivery: { report in
                if let error = report.error { logger.error("INSERT VALUES into \(report.topic) failed: \(error)") }
            })
        isMock = mockCluster != nil
        settingsCommon = settings.common
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
        try createTopic(name, partitions: partitions, replicas: replicas, config: [:])
    }

    /// The admin request for a topic: -1 asks a real broker for its default replication; the
    /// mock needs a real number. Configs go into the CreateTopics request; the mock cluster has
    /// no CreateTopics handler, so there they are dropped (`KafkaAdmin` creates mock topics directly).
    public static func newTopic(_ name: String, partitions: Int, replicas: Int?, config: [String: String], isMock: Bool) -> NewTopic {
        NewTopic(name, partitions: Int32(partitions), replicationFactor: Int16(replicas ?? (isMock ? 1 : -1)), config: config)
    }

    public func createTopic(_ name: String, partitions: Int, replicas: Int?, config: [String: String]) throws {
        let topic = Self.newTopic(name, partitions: partitions, replicas: replicas, config: config, isMock: isMock)
        logger.info("creating topic \(name) with \(partitions) partitions\(config.isEmpty ? "" : ", \(config)")")
        do {
            try admin.createTopicsBlocking([topic])
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
        if ChangelogBuffer.isChangelog(record.topic), let key = record.key {
            changelogs.put(record, key: key)
            return
        }
        try send(record)
    }

    private func send(_ record: KafkaRecord) throws {
        try producer.produce(ProducerRecord(
            topic: record.topic, key: record.key, value: record.value,
            timestamp: record.timestamp > 0 ? record.timestamp : nil,
            headers: record.headers.map { KafkaHeader($0.key, $0.value) }))
    }

    public func read(_ topic: String) throws -> [KafkaRecord] {
        guard let metadata = try admin.listTopicsBlocking().first(where: { $0.name == topic && $0.error == nil }) else {
            return []
        }
        var records: [KafkaRecord] = []
        // Records written by this process may still sit in its buffers (a changelog written a
        // moment ago); the read must see them.
        try flush()
        for partition in metadata.partitions {
            let marks = try admin.watermarksBlocking(topic, partition: partition.id)
            guard marks.high > marks.low else { continue }
            records += try readPartition(topic, partition.id, from: marks.low, to: marks.high)
        }
        return records
    }

    /// Reads [from, to) of one partition with an assigned (group-less) consumer.
    private func readPartition(_ topic: String, _ partition: Int32, from: Int64, to: Int64) throws -> [KafkaRecord] {
        let consumer = try KafkaConsumer(config: KafkaConfig(settingsCommon), logger: logger)
        try consumer.assign([TopicPartitionOffset(topic, partition, offset: from)])
        let batch = ConsumerBatch(capacity: 10_000)
        var records: [KafkaRecord] = []
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(30)
        var next = from
        while next < to {
            guard clock.now < deadline else {
                throw KafkaError(code: .timedOut, message: "reading \(topic)-\(partition) stopped at \(next) of \(to)")
            }
            try consumer.consumeBlocking(into: batch, timeout: .milliseconds(100))
            batch.forEach { message in
                next = message.offset + 1
                records.append(KafkaRecord(
                    topic: topic, partition: partition, offset: message.offset, timestamp: message.timestamp ?? 0,
                    key: message.key.map { Array($0) }, value: message.value.map { Array($0) },
                    headers: message.headers.map { RecordHeader(key: $0.key, value: $0.value) }))
            }
        }
        batch.clear()
        return records.filter { $0.offset < to }
    }

    /// Writes the buffered changelog records and waits until everything produced through this
    /// backend (changelogs, INSERT VALUES) is delivered. Queries call it before committing.
    public func flush() throws {
        let records = changelogs.drain()
        for topic in Set(records.map(\.topic)) { try ensureChangelogTopic(topic) }
        for record in records { try send(record) }
        try producer.flushBlocking()
    }

    /// Changelog topics are compacted, as ksqlDB creates them: only a key's latest state
    /// matters, so the log must not grow forever (broker auto-creation would use `delete`).
    private func ensureChangelogTopic(_ topic: String) throws {
        guard !knownChangelogs.withLock({ $0.contains(topic) }) else { return }
        if try describeTopic(topic) == nil {
            let replication = Int16(isMock ? 1 : -1)
            do {
                try admin.createTopicsBlocking([NewTopic(
                    topic, partitions: 1, replicationFactor: replication, config: ["cleanup.policy": "compact"])])
            } catch let error as KafkaError where error.code == .topicAlreadyExists {}
            try awaitMetadata(topic)
        }
        knownChangelogs.withLock { _ = $0.insert(topic) }
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

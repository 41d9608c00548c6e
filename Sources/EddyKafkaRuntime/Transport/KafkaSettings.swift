import EddyKafka
import Logging

/// librdkafka configuration derived from Eddy's (ksqlDB-named) properties.
///
/// - `bootstrap.servers`, `security.protocol`, `sasl.*`, `ssl.*` and any other key librdkafka
///   knows pass through as they are;
/// - `ksql.streams.X` passes X through (ksqlDB's prefix for Kafka Streams client settings), and
///   `ksql.streams.producer.X` / `ksql.streams.consumer.X` reach only that client;
/// - keys librdkafka does not know or refuses (Java-only settings such as
///   `ssl.truststore.location`) are dropped and reported, so a ksqlDB properties file can be
///   reused unchanged.
///
/// Consumer-only keys are kept away from producers and the reverse, because librdkafka warns
/// about every misplaced key on every client it creates.
public struct KafkaSettings: Sendable {
    public var common: [String: String] = [:]
    public var producerOnly: [String: String] = [:]
    public var consumerOnly: [String: String] = [:]
    /// `ksql.service.id`: prefixes consumer groups and internal topics.
    public var serviceID = "default_"
    /// Keys that were not passed to librdkafka (reported once at startup).
    public private(set) var ignored: [String] = []
    /// librdkafka's reason for each ignored key.
    public private(set) var ignoredReasons: [String] = []

    public init(properties: [String: String]) {
        for key in properties.keys.sorted() {
            let value = properties[key]!
            if key == "ksql.service.id" {
                serviceID = value
                continue
            }
            var name = key
            var role = Role.common
            if name.hasPrefix("ksql.streams.producer.") {
                name.removeFirst("ksql.streams.producer.".count)
                role = .producer
            } else if name.hasPrefix("ksql.streams.consumer.") {
                name.removeFirst("ksql.streams.consumer.".count)
                role = .consumer
            } else if name.hasPrefix("ksql.streams.") {
                name.removeFirst("ksql.streams.".count)
            } else if name.hasPrefix("ksql.") {
                continue
            }
            // Kafka Streams settings Eddy applies itself, not librdkafka's.
            if Self.streamsKeys.contains(name) { continue }
            if let reason = KafkaConfig.rejection(key: name, value: value) {
                ignored.append(key)
                ignoredReasons.append("\(key): \(reason)")
                continue
            }
            if role == .common { role = Self.role(of: name) }
            switch role {
            case .common: common[name] = value
            case .producer: producerOnly[name] = value
            case .consumer: consumerOnly[name] = value
            }
        }
    }

    public var bootstrapServers: String? {
        get { common["bootstrap.servers"] }
        set { common["bootstrap.servers"] = newValue }
    }

    /// Settings for admin clients (metadata, topic creation).
    public func adminConfig() -> KafkaConfig { KafkaConfig(common) }

    /// A sink producer: large batches, and Java's murmur2 partitioner so keys land on the same
    /// partitions as records written by Java clients (ksqlDB, Kafka Streams, Connect).
    public func producerConfig(_ extra: [String: String] = [:]) -> KafkaConfig {
        let defaults = ["partitioner": "murmur2_random", "linger.ms": "20", "batch.num.messages": "10000"]
        return KafkaConfig(defaults.merging(common) { $1 }.merging(producerOnly) { $1 }.merging(extra) { $1 })
    }

    /// Consumer prefetch: librdkafka stops fetching once `queued.min.messages` wait in the
    /// consumer's queue, and with partitions forwarded to one queue (the high-level consumer)
    /// that count covers all partitions together. At the default (100,000) a query thread that
    /// spends ~2 µs per record outran the prefetch and waited on every fetch round trip: 1M
    /// records took as long as fetching plus processing back to back. Memory stays bounded by
    /// `queued.max.messages.kbytes` (64 MB by default). Users may override either.
    public static let consumerPrefetch = ["queued.min.messages": "1000000"]

    /// A consumer that commits only what the caller commits.
    public func consumerConfig(groupID: String, offsetReset: String?, _ extra: [String: String] = [:]) -> KafkaConfig {
        var defaults = ["enable.auto.commit": "false", "enable.auto.offset.store": "false"].merging(Self.consumerPrefetch) { $1 }
        defaults["auto.offset.reset"] = "latest"
        var config = defaults.merging(common) { $1 }.merging(consumerOnly) { $1 }
        if let offsetReset { config["auto.offset.reset"] = offsetReset }
        config["group.id"] = groupID
        return KafkaConfig(config.merging(extra) { $1 })
    }

    /// ksqlDB's consumer group for a persistent query.
    public func persistentGroupID(queryID: String) -> String {
        "_confluent-ksql-\(serviceID)query_\(queryID)"
    }

    /// ksqlDB's consumer group for a push query (unique per run).
    public func transientGroupID(queryID: String) -> String {
        "_confluent-ksql-\(serviceID)transient_\(queryID)_\(UInt32.random(in: 0...UInt32.max))"
    }

    enum Role { case common, producer, consumer }

    static func role(of key: String) -> Role {
        if consumerKeys.contains(key) || key.hasPrefix("fetch.") || key.hasPrefix("queued.") { return .consumer }
        if producerKeys.contains(key) || key.hasPrefix("queue.buffering.") { return .producer }
        return .common
    }

    private static let streamsKeys: Set<String> = [
        "num.stream.threads", "cache.max.bytes.buffering", "commit.interval.ms",
    ]
    private static let consumerKeys: Set<String> = [
        "auto.offset.reset", "enable.auto.commit", "enable.auto.offset.store", "auto.commit.interval.ms",
        "group.id", "group.instance.id", "session.timeout.ms", "heartbeat.interval.ms", "max.poll.interval.ms",
        "isolation.level", "partition.assignment.strategy", "enable.partition.eof", "check.crcs",
        "coordinator.query.interval.ms", "group.protocol.type", "allow.auto.create.topics",
    ]
    private static let producerKeys: Set<String> = [
        "linger.ms", "batch.num.messages", "batch.size", "compression.type", "compression.codec", "acks",
        "request.required.acks", "enable.idempotence", "retries", "message.send.max.retries", "message.timeout.ms",
        "delivery.timeout.ms", "partitioner", "transactional.id", "transaction.timeout.ms", "retry.backoff.ms",
        "enable.gapless.guarantee", "sticky.partitioning.linger.ms",
    ]
}

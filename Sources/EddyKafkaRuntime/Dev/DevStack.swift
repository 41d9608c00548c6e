import EddyKafka
import Logging

/// The embedded services of `eddy server --dev`: librdkafka's mock cluster as the broker and,
/// watching it, the retention warnings.
///
/// TODO(avro): start the embedded Confluent-compatible schema registry (`EddyRegistryServer`,
/// storing schemas in a `_schemas` topic on this cluster) once the avro work lands, and expose
/// its URL as `ksql.schema.registry.url`. Until then dev mode runs without a registry.
public final class DevStack: Sendable {
    public let cluster: MockCluster
    public let retention: RetentionWatch
    public let settings: KafkaSettings

    /// - Parameter properties: Eddy properties; `bootstrap.servers` is replaced by the mock's.
    public init(properties: [String: String] = [:], logger: Logger) throws {
        cluster = try MockCluster(brokers: 1, logger: logger)
        var settings = KafkaSettings(properties: properties)
        settings.bootstrapServers = cluster.bootstrapServers
        // The mock keeps little per partition: compress everything Eddy writes to it.
        if settings.producerOnly["compression.type"] == nil { settings.producerOnly["compression.type"] = "zstd" }
        for (key, value) in MockCluster.consumerSettings where settings.consumerOnly[key] == nil {
            settings.consumerOnly[key] = value
        }
        self.settings = settings
        let admin = try KafkaAdmin(config: settings.adminConfig(), logger: logger, mockCluster: cluster)
        retention = RetentionWatch(admin: admin, logger: logger)
        logger.notice("dev mode: embedded Kafka (librdkafka mock cluster) at \(cluster.bootstrapServers)")
    }
}

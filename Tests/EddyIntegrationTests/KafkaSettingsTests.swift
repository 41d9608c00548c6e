import EddyKafka
@testable import EddyKafkaRuntime
import Testing

@Suite struct KafkaSettingsTests {
    @Test func ksqlPropertiesMapOntoLibrdkafkaClients() {
        let settings = KafkaSettings(properties: [
            "bootstrap.servers": "b1:9092",
            "ksql.service.id": "orders_app_",
            "ksql.streams.auto.offset.reset": "earliest",
            "ksql.streams.producer.linger.ms": "7",
            "security.protocol": "SASL_SSL",
            "sasl.mechanism": "PLAIN",
            "ssl.truststore.location": "/java/only.jks",
            "ksql.persistence.default.format.value": "JSON",
        ])
        #expect(settings.serviceID == "orders_app_")
        #expect(settings.ignored == ["ssl.truststore.location"])
        let producer = settings.producerConfig().properties
        #expect(producer["linger.ms"] == "7")
        #expect(producer["security.protocol"] == "SASL_SSL")
        #expect(producer["sasl.mechanism"] == "PLAIN")
        #expect(producer["partitioner"] == "murmur2_random")
        #expect(producer["auto.offset.reset"] == nil)
        let consumer = settings.consumerConfig(groupID: settings.persistentGroupID(queryID: "CSAS_X_0"), offsetReset: nil)
        #expect(consumer["group.id"] == "_confluent-ksql-orders_app_query_CSAS_X_0")
        #expect(consumer["auto.offset.reset"] == "earliest")
        #expect(consumer["enable.auto.commit"] == "false")
        #expect(consumer["linger.ms"] == nil)
        #expect(consumer["bootstrap.servers"] == "b1:9092")
        #expect(consumer["ksql.persistence.default.format.value"] == nil)
    }

    @Test func defaultServiceIDAndTransientGroups() {
        let settings = KafkaSettings(properties: [:])
        #expect(settings.persistentGroupID(queryID: "CSAS_A_1") == "_confluent-ksql-default_query_CSAS_A_1")
        #expect(settings.transientGroupID(queryID: "transient_7").hasPrefix("_confluent-ksql-default_transient_transient_7_"))
    }
}

/// The admin request a sink topic becomes. The mock cluster cannot take CreateTopics, so the
/// configs are checked on the request rather than read back from a broker.
@Suite struct SinkTopicRequestTests {
    @Test func configsGoIntoTheCreateTopicsRequest() {
        let compact = KafkaTopicBackend.newTopic("T", partitions: 3, replicas: nil, config: ["cleanup.policy": "compact"], isMock: false)
        #expect(compact == NewTopic("T", partitions: 3, replicationFactor: -1, config: ["cleanup.policy": "compact"]))
        let mock = KafkaTopicBackend.newTopic("S", partitions: 1, replicas: nil, config: [:], isMock: true)
        #expect(mock.replicationFactor == 1)
        #expect(mock.config.isEmpty)
    }

    /// Kafka Streams settings Eddy applies itself stay away from librdkafka (which would reject
    /// them), while ones Eddy does not apply are still reported as not passed on.
    @Test func streamsSettingsAreAppliedByEddy() {
        let settings = KafkaSettings(properties: [
            "ksql.streams.num.stream.threads": "3", "ksql.streams.commit.interval.ms": "500",
            "ksql.streams.cache.max.bytes.buffering": "0", "ksql.streams.processing.guarantee": "exactly_once_v2",
        ])
        #expect(settings.ignored == ["ksql.streams.processing.guarantee"])
        let consumer = settings.consumerConfig(groupID: "g", offsetReset: nil)
        #expect(consumer["num.stream.threads"] == nil)
        #expect(consumer["queued.min.messages"] == "1000000")
        let properties = ["ksql.streams.num.stream.threads": "3", "ksql.streams.commit.interval.ms": "500"]
        #expect(KafkaRuntime.streamThreads(properties) == 3)
        #expect(KafkaRuntime.streamThreads([:]) == 1)
        #expect(KafkaRuntime.streamThreads(["ksql.streams.num.stream.threads": "0"]) == 1)
        #expect(KafkaRuntime.commitInterval(properties) == .milliseconds(500))
        #expect(KafkaRuntime.commitInterval([:]) == nil)
    }
}

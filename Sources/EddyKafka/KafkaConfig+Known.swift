import CRdKafka

extension KafkaConfig {
    /// Whether librdkafka knows this property (client-level, for producer, consumer or both).
    /// Eddy's configuration also carries Java-client settings (`ssl.truststore.location`,
    /// `default.api.timeout.ms`) that librdkafka would reject, so these are filtered out.
    public static func isKnownProperty(_ key: String) -> Bool {
        guard let conf = rd_kafka_conf_new() else { return false }
        defer { rd_kafka_conf_destroy(conf) }
        var errstr = [CChar](repeating: 0, count: 256)
        // An empty value is invalid for most keys, but "invalid" still means "known".
        return rd_kafka_conf_set(conf, key, "", &errstr, errstr.count) != RD_KAFKA_CONF_UNKNOWN
    }
}

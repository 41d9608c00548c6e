import CRdKafka

extension KafkaConfig {
    /// Whether librdkafka accepts this property with this value; nil if it does, else its
    /// reason. Eddy's configuration also carries Java-client settings (`ssl.truststore.location`,
    /// `default.api.timeout.ms`) that librdkafka does not know or refuses, so callers filter
    /// with this instead of failing every client they create.
    public static func rejection(key: String, value: String) -> String? {
        guard let conf = rd_kafka_conf_new() else { return "rd_kafka_conf_new failed" }
        defer { rd_kafka_conf_destroy(conf) }
        var errstr = [CChar](repeating: 0, count: 512)
        guard rd_kafka_conf_set(conf, key, value, &errstr, errstr.count) == RD_KAFKA_CONF_OK else {
            return String(cBuffer: errstr)
        }
        return nil
    }
}

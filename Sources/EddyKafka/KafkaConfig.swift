import CRdKafka

/// librdkafka properties as plain strings, with typed accessors for the ones Eddy sets itself.
///
/// Any key librdkafka knows (SASL, SSL, tuning) passes through unchanged; librdkafka validates
/// the whole set when a client is created and its message becomes the thrown `KafkaError`.
public struct KafkaConfig: Sendable, Hashable, CustomStringConvertible {
    public var properties: [String: String]

    public init(_ properties: [String: String] = [:]) {
        self.properties = properties
    }

    public init(bootstrapServers: String, _ properties: [String: String] = [:]) {
        self.properties = properties
        self.bootstrapServers = bootstrapServers
    }

    public subscript(key: String) -> String? {
        get { properties[key] }
        set { properties[key] = newValue }
    }

    /// A copy with `other` laid over this configuration.
    public func merging(_ other: [String: String]) -> KafkaConfig {
        KafkaConfig(properties.merging(other) { _, new in new })
    }

    /// Builds and discards a native configuration, so bad keys or values fail early.
    public func validate() throws(KafkaError) {
        rd_kafka_conf_destroy(try makeNative())
    }

    /// Secrets are masked so configurations can be logged.
    public var description: String {
        let shown = properties.keys.sorted().map { key in
            let secret = key.hasSuffix("password") || key.hasSuffix("secret") || key == "sasl.oauthbearer.config"
            return "\(key)=\(secret ? "[hidden]" : properties[key]!)"
        }
        return "KafkaConfig(\(shown.joined(separator: ", ")))"
    }

    /// A fresh `rd_kafka_conf_t` owned by the caller.
    func makeNative() throws(KafkaError) -> OpaquePointer {
        guard let conf = rd_kafka_conf_new() else { throw .configuration("rd_kafka_conf_new failed") }
        // Sorted so failures are reported deterministically.
        for key in properties.keys.sorted() {
            var errstr = [CChar](repeating: 0, count: 512)
            let result = rd_kafka_conf_set(conf, key, properties[key]!, &errstr, errstr.count)
            if result != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                throw .configuration(String(cBuffer: errstr))
            }
        }
        return conf
    }
}

// MARK: Typed accessors

extension KafkaConfig {
    public var bootstrapServers: String? {
        get { properties["bootstrap.servers"] }
        set { properties["bootstrap.servers"] = newValue }
    }

    public var clientID: String? {
        get { properties["client.id"] }
        set { properties["client.id"] = newValue }
    }

    public var groupID: String? {
        get { properties["group.id"] }
        set { properties["group.id"] = newValue }
    }

    public var transactionalID: String? {
        get { properties["transactional.id"] }
        set { properties["transactional.id"] = newValue }
    }

    public var enableIdempotence: Bool? {
        get { bool("enable.idempotence") }
        set { properties["enable.idempotence"] = newValue.map { String($0) } }
    }

    public var enableAutoCommit: Bool? {
        get { bool("enable.auto.commit") }
        set { properties["enable.auto.commit"] = newValue.map { String($0) } }
    }

    public var enablePartitionEOF: Bool? {
        get { bool("enable.partition.eof") }
        set { properties["enable.partition.eof"] = newValue.map { String($0) } }
    }

    /// Producer: maximum number of messages in one MessageSet (`batch.num.messages`).
    public var batchNumMessages: Int? {
        get { properties["batch.num.messages"].flatMap { Int($0) } }
        set { properties["batch.num.messages"] = newValue.map { String($0) } }
    }

    /// Producer: how long to wait for a batch to fill (`linger.ms`).
    public var lingerMs: Double? {
        get { properties["linger.ms"].flatMap { Double($0) } }
        set { properties["linger.ms"] = newValue.map { String($0) } }
    }

    public var messageTimeoutMs: Int? {
        get { properties["message.timeout.ms"].flatMap { Int($0) } }
        set { properties["message.timeout.ms"] = newValue.map { String($0) } }
    }

    public var autoOffsetReset: OffsetReset? {
        get { properties["auto.offset.reset"].flatMap { OffsetReset(rawValue: $0) } }
        set { properties["auto.offset.reset"] = newValue?.rawValue }
    }

    public var compression: Compression? {
        get { properties["compression.type"].flatMap { Compression(rawValue: $0) } }
        set { properties["compression.type"] = newValue?.rawValue }
    }

    public var securityProtocol: String? {
        get { properties["security.protocol"] }
        set { properties["security.protocol"] = newValue }
    }

    public enum OffsetReset: String, Sendable {
        case earliest, latest, error
    }

    public enum Compression: String, Sendable {
        case none, gzip, snappy, lz4, zstd
    }

    private func bool(_ key: String) -> Bool? {
        switch properties[key]?.lowercased() {
        case "true", "1", "yes": return true
        case "false", "0", "no": return false
        default: return nil
        }
    }
}

extension String {
    /// Text from a NUL-terminated C buffer filled in by librdkafka (`errstr` arguments).
    init(cBuffer: [CChar]) {
        self.init(decoding: cBuffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

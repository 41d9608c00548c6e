import EddyKafka
import Logging
import Synchronization
import Testing

@Suite struct ConfigTests {
    @Test func typedAccessorsWriteLibrdkafkaKeys() throws {
        var config = KafkaConfig(bootstrapServers: "broker:9092", ["sasl.password": "secret"])
        config.groupID = "g"
        config.enableIdempotence = true
        config.batchNumMessages = 5_000
        config.lingerMs = 20
        config.autoOffsetReset = .earliest
        config.compression = .zstd
        #expect(config.properties["group.id"] == "g")
        #expect(config.properties["enable.idempotence"] == "true")
        #expect(config.properties["batch.num.messages"] == "5000")
        #expect(config.properties["auto.offset.reset"] == "earliest")
        #expect(config.enableIdempotence == true)
        #expect(config.lingerMs == 20)
        #expect(!config.description.contains("secret"))
        try config.validate()
    }

    @Test func unknownKeysFailWithLibrdkafkasMessage() {
        #expect {
            try KafkaConfig(["no.such.property": "1"]).validate()
        } throws: { error in
            (error as? KafkaError)?.message.contains("No such configuration property") == true
        }
        #expect(throws: KafkaError.self) {
            _ = try KafkaProducer(config: KafkaConfig(["acks": "sometimes"]), logger: testLogger())
        }
    }

    @Test func librdkafkaLogsReachTheInjectedLogger() async throws {
        let records = LogRecords()
        var logger = Logger(label: "capture") { _ in CapturingHandler(records: records) }
        logger.logLevel = .debug
        let cluster = try MockCluster()
        let producer = try KafkaProducer(config: cluster.clientConfig(["debug": "generic"]), logger: logger)
        try await producer.flush()
        // Every librdkafka line carries its facility (e.g. INIT, BROKER) as metadata.
        let facilities = records.facilities.withLock { $0 }
        #expect(!facilities.isEmpty)
        #expect(facilities.allSatisfy { !$0.isEmpty })
    }
}

private final class LogRecords: Sendable {
    let facilities = Mutex<[String]>([])
}

private struct CapturingHandler: LogHandler {
    let records: LogRecords
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let facility = event.metadata?["rdkafka.facility"].map { "\($0)" } ?? ""
        records.facilities.withLock { $0.append(facility) }
    }
}

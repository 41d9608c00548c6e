import EddyCore
import Foundation
import EddyKafka
import EddyKafkaRuntime
import EddyRuntime
import EddySchemaRegistry
import Logging
import Synchronization

/// A mock cluster plus an Eddy session on it, the way `eddy server --dev` wires them.
final class KafkaFixture: @unchecked Sendable {
    let cluster: MockCluster
    let settings: KafkaSettings
    let log = ProcessingLog()
    let output = Lines()

    init() throws {
        cluster = try MockCluster()
        settings = KafkaSettings(properties: ["bootstrap.servers": cluster.bootstrapServers])
    }

    /// A fresh runtime and session (a "server start"); statements run on a dedicated thread.
    func startSession(_ script: String, schemaRegistry: (any SchemaRegistryClient)? = nil) async throws -> ServerSession {
        let runtime = try KafkaRuntime(settings: settings, mockCluster: cluster, logger: quietLogger())
        // The mock holds a departed member's partitions for a session timeout; keep it short.
        runtime.consumerOverrides = ["session.timeout.ms": "3000", "heartbeat.interval.ms": "500"]
        runtime.commitInterval = .milliseconds(200)
        let output = self.output
        let session = ServerSession(
            runtime: runtime, processingLog: log, schemaRegistry: schemaRegistry, logger: quietLogger(),
            output: { line in output.append(line) })
        try await onDedicatedThread { try session.run(script: script, stopOnError: true) }
        return session
    }

    /// A topic backend and the embedded schema registry (HTTP, on a free port) on this cluster.
    func startRegistry() async throws -> (KafkaTopicBackend, DevSchemaRegistry) {
        let backend = try KafkaTopicBackend(settings: settings, mockCluster: cluster, logger: quietLogger())
        let settings = self.settings
        let registry = try await onDedicatedThread {
            try DevSchemaRegistry(backend: backend, settings: settings, port: 0, logger: quietLogger())
        }
        return (backend, registry)
    }

    func stop(_ session: ServerSession) async throws {
        try await onDedicatedThread { session.shutdown() }
    }

    func produce(_ topic: String, _ values: [(key: String?, value: String)], timestamps: [Int64]? = nil) async throws {
        let producer = try KafkaProducer(config: cluster.clientConfig(), logger: quietLogger())
        for (index, record) in values.enumerated() {
            try producer.produce(ProducerRecord(
                topic: topic, key: record.key.map { Array($0.utf8) }, value: Array(record.value.utf8),
                timestamp: timestamps?[index]))
        }
        try await producer.flush()
    }

    /// Reads `topic` from the beginning without a group (no join delay) until `count` records
    /// arrived or `deadline` passed, then reads a little longer to catch extras.
    func readAll(_ topic: String, expecting count: Int, deadline: Duration = .seconds(30)) async throws -> [KafkaMessage] {
        let partitions = try cluster.partitionCount(topic, settings: settings)
        let consumer = try KafkaConsumer(config: cluster.clientConfig(), logger: quietLogger())
        try consumer.assign((0..<partitions).map { TopicPartitionOffset(topic, Int32($0), offset: KafkaOffset.beginning) })
        let batch = ConsumerBatch(capacity: 1_000)
        var messages: [KafkaMessage] = []
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while messages.count < count && clock.now < end {
            try await consumer.consume(into: batch, timeout: .milliseconds(200))
            messages += batch.copyMessages()
        }
        try await consumer.consume(into: batch, timeout: .milliseconds(500))
        messages += batch.copyMessages()
        return messages
    }

    /// Polls `condition` every 50 ms for up to `timeout`.
    func eventually(timeout: Duration = .seconds(30), _ condition: () -> Bool) async throws -> Bool {
        let clock = ContinuousClock()
        let end = clock.now + timeout
        while clock.now < end {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }
}

extension MockCluster {
    func partitionCount(_ topic: String, settings: KafkaSettings) throws -> Int {
        let admin = try KafkaAdmin(config: settings.adminConfig(), logger: quietLogger(), mockCluster: self)
        return try admin.listTopicsBlocking().first { $0.name == topic }?.partitionCount ?? 1
    }
}

func quietLogger() -> Logger {
    var logger = Logger(label: "eddy.integration")
    // EDDY_TEST_LOG=debug shows librdkafka's and the runtime's logs when a test misbehaves.
    logger.logLevel = ProcessInfo.processInfo.environment["EDDY_TEST_LOG"].flatMap { Logger.Level(rawValue: $0) } ?? .critical
    return logger
}

func text(_ bytes: [UInt8]?) -> String? { bytes.map { String(decoding: $0, as: UTF8.self) } }

/// Output lines collected from a session's threads.
final class Lines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

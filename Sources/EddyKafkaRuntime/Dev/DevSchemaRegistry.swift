import EddyFormats
import EddyKafka
import EddyRegistryServer
import EddyRuntime
import EddySchemaRegistry
import Logging
import Synchronization

/// The dev stack's Confluent-compatible Schema Registry: Eddy's in-memory registry served over
/// HTTP, persisting every change to a `_schemas` topic on the embedded broker and rebuilt from
/// it at start, as the real registry does. Eddy itself talks to it through the same HTTP client
/// it uses against a real registry (`client`), so dev mode exercises the production path.
public final class DevSchemaRegistry: Sendable {
    public static let topic = "_schemas"

    public let registry: InMemorySchemaRegistry
    public let url: String
    public let client: HTTPSchemaRegistryClient
    private let server: Task<Void, Error>
    private let producer: KafkaProducer

    /// Starts serving on `port` (Confluent's 8081 by default), or on any free port when that one
    /// is taken. Blocks until the server listens; call it from a dedicated thread or `main`.
    public init(backend: KafkaTopicBackend, settings: KafkaSettings, port: Int = 8081, logger: Logger) throws {
        if try backend.describeTopic(Self.topic) == nil {
            try backend.createTopic(Self.topic, partitions: 1, replicas: nil)
        }
        let replay = try backend.read(Self.topic).compactMap { record -> SchemaLogRecord? in
            guard let key = record.key else { return nil }
            return try SchemaLogCodec.decode(key: key, value: record.value)
        }
        let producer = try KafkaProducer(config: settings.producerConfig(["linger.ms": "0"]), logger: logger)
        let topic = Self.topic
        registry = InMemorySchemaRegistry.withFormatSupport(
            log: ClosureSchemaLog { record in
                let (key, value) = SchemaLogCodec.encode(record)
                try producer.produce(ProducerRecord(topic: topic, partition: 0, key: key, value: value))
            },
            replaying: replay)
        self.producer = producer
        var started = try Self.serve(registry, port: port, logger: logger)
        if started == nil, port != 0 {
            logger.notice("port \(port) is taken; the schema registry uses a free port")
            started = try Self.serve(registry, port: 0, logger: logger)
        }
        guard let (task, bound) = started else {
            throw SchemaRegistryError.backend("the embedded schema registry did not start")
        }
        server = task
        url = "http://127.0.0.1:\(bound)"
        client = HTTPSchemaRegistryClient(url: url)
        logger.notice("dev mode: embedded schema registry at \(url) (schemas kept in \(Self.topic), \(replay.count) replayed)")
    }

    public func stop() {
        server.cancel()
    }

    /// Runs the server; returns its task and bound port, or nil if it failed to bind.
    private static func serve(_ registry: InMemorySchemaRegistry, port: Int, logger: Logger) throws
        -> (Task<Void, Error>, Int)?
    {
        let outcome = Outcome()
        let task = Task {
            do {
                try await SchemaRegistryServer(registry: registry, port: port, logger: logger).run { bound in
                    outcome.finish(bound)
                }
            } catch {
                outcome.finish(nil)
                throw error
            }
        }
        // The server starts on the cooperative pool, which a loaded 2-core machine (a parallel
        // test run) can keep busy for seconds; failing to bind is reported at once anyway.
        guard outcome.wait(seconds: 30), let bound = outcome.port else {
            task.cancel()
            return nil
        }
        return (task, bound)
    }
}

/// The port the server bound, handed from its task to the waiting thread.
private final class Outcome: Sendable {
    private let state = Mutex<(done: Bool, port: Int?)>((false, nil))
    private let latch = Latch()

    func finish(_ port: Int?) {
        let first = state.withLock { s -> Bool in
            guard !s.done else { return false }
            s = (true, port)
            return true
        }
        if first { latch.signal() }
    }

    var port: Int? { state.withLock { $0.port } }

    func wait(seconds: Double) -> Bool { latch.wait(timeout: seconds) }
}

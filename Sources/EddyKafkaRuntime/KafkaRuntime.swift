import EddyCore
import EddyEngine
import EddyKafka
import EddyFormats
import EddyRuntime
import EddySchemaRegistry
import Logging

/// The engine on Kafka: topics through a `KafkaTopicBackend`, and one `KafkaQueryRunner` per
/// running persistent query. Whoever executes statements calls `sync(_:)` after each one, so
/// queries the engine created, paused, resumed or terminated start or stop on Kafka; the engine
/// itself stays transport-agnostic (the same code runs `eddy test` in memory).
///
/// Not thread-safe: use it from the thread that executes statements.
public final class KafkaRuntime {
    public let settings: KafkaSettings
    public let backend: KafkaTopicBackend
    public let mockCluster: MockCluster?
    /// Applied to every query's consumer (tests shorten group timeouts with it).
    public var consumerOverrides: [String: String] = [:]
    public var commitInterval: Duration = .seconds(2)
    private let logger: Logger
    public private(set) var runners: [String: KafkaQueryRunner] = [:]

    public init(settings: KafkaSettings, mockCluster: MockCluster? = nil, logger: Logger) throws {
        self.settings = settings
        self.mockCluster = mockCluster
        self.logger = logger
        backend = try KafkaTopicBackend(settings: settings, mockCluster: mockCluster, logger: logger)
        for reason in settings.ignoredReasons { logger.notice("not passed to librdkafka: \(reason)") }
        if mockCluster != nil { consumerOverrides = Self.mockGroupTimeouts(settings) }
    }

    /// `MockCluster.groupTimeouts` for query consumers, unless the user set either timeout.
    static func mockGroupTimeouts(_ settings: KafkaSettings) -> [String: String] {
        let given = { (key: String) in settings.consumerOnly[key] ?? settings.common[key] }
        guard given("session.timeout.ms") == nil, given("heartbeat.interval.ms") == nil else { return [:] }
        return MockCluster.groupTimeouts
    }

    /// An engine whose topics live on this runtime's cluster.
    public func makeEngine(properties: [String: String], processingLog: ProcessingLog,
                           schemaRegistry: (any SchemaRegistryClient)? = nil) -> Engine {
        Engine(broker: InMemoryBroker(backend: backend), properties: properties, processingLog: processingLog,
               schemaRegistry: schemaRegistry ?? Self.schemaRegistry(for: properties))
    }

    /// The registry named by `ksql.schema.registry.url` (basic auth and TLS from the
    /// `schema.registry.*` properties), or a private in-process one when none is configured.
    public static func schemaRegistry(for properties: [String: String]) -> any SchemaRegistryClient {
        guard let url = properties["ksql.schema.registry.url"], !url.isEmpty else {
            return InMemorySchemaRegistry.withFormatSupport()
        }
        return HTTPSchemaRegistryClient(url: url, options: RegistryConnectionOptions(properties: properties))
    }

    /// Starts runners for new running queries and stops those of paused or terminated ones.
    /// A query whose source topic is gone is terminated and its error thrown.
    public func sync(_ engine: Engine) throws {
        let wanted = Dictionary(
            engine.queries.filter { $0.state == .running }.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (id, runner) in runners where wanted[id] == nil {
            runner.stop()
            runners[id] = nil
            logger.info("stopped query \(id)")
        }
        for query in engine.queries where wanted[query.id] != nil && runners[query.id] == nil {
            do {
                try start(query, engine: engine)
            } catch {
                _ = try? engine.execute("TERMINATE \(query.id);")
                throw error
            }
        }
    }

    private func start(_ query: PersistentQuery, engine: Engine) throws {
        for topic in query.sourceTopics where try backend.describeTopic(topic) == nil {
            throw EddyError(.execution, "Kafka topic does not exist: \(topic)")
        }
        guard let sinkTopic = engine.catalog.source(query.sinkName)?.topic else {
            throw EddyError(.execution, "Sink does not exist: \(query.sinkName)")
        }
        var options = KafkaQueryRunner.Options()
        options.offsetReset = Self.offsetReset(engine.properties) ?? "latest"
        options.commitInterval = Self.commitInterval(engine.properties) ?? commitInterval
        options.consumerOverrides = consumerOverrides
        let backend = self.backend
        options.beforeCommit = { try backend.flush() }
        // A table sink's updates are coalesced per key in the task's record cache (only rows
        // that survive are projected and serialized); queries without one coalesce in the runner.
        let isTable = engine.catalog.source(query.sinkName)?.kind == .table
        options.coalesceByKey = isTable && !query.useRecordCache(maxBytes: Self.cacheMaxBytes(engine.properties))
        // Repartition topics exist already (the engine creates them through the backend); the
        // query's group reads them besides its sources, so their offsets are committed with the
        // sources' after the producer that wrote them flushed.
        let topics = query.sourceTopics + query.repartitionTopics.map(\.name)
        options.earliestTopics = Set(query.repartitionTopics.map(\.name))
        var processors = [QueryProcessor(query.runner)]
        let threads = Self.streamThreads(engine.properties)
        while processors.count < threads, let replica = try query.runner.replica() {
            processors.append(QueryProcessor(replica))
        }
        if processors.count < threads {
            logger.notice("query \(query.id) runs on one stream thread: its state stores are not split by partition yet")
        }
        // The first thread reads the internal topics too; the others (stateless copies, or the
        // stateless upstream half of a GROUP BY) read only the sources.
        let subscriptions = [topics] + Array(repeating: query.sourceTopics, count: processors.count - 1)
        let runner = try KafkaQueryRunner(
            queryID: query.id, sourceTopics: topics, sinkTopic: sinkTopic, processors: processors,
            subscriptions: subscriptions, settings: settings, options: options, logger: logger)
        runner.start()
        runners[query.id] = runner
        logger.info("started query \(query.id): \(query.sourceTopics.joined(separator: ", ")) -> \(sinkTopic) from \(options.offsetReset)")
    }

    /// Stops every query, committing what each processed, and flushes INSERT VALUES records.
    public func stopAll() {
        for runner in runners.values { runner.stop() }
        runners.removeAll()
        try? backend.flush()
    }

    /// `cache.max.bytes.buffering` on Kafka: ksqlDB's default (10 MB) when unset; the in-memory
    /// engine's default is 0, the QTT setting where every update is emitted.
    static func cacheMaxBytes(_ properties: [String: String]) -> Int {
        let text = properties["ksql.streams.cache.max.bytes.buffering"] ?? properties["cache.max.bytes.buffering"]
        return text.flatMap { Int($0) } ?? 10_000_000
    }

    /// `ksql.streams.commit.interval.ms` (Kafka Streams' `commit.interval.ms`), when set.
    static func commitInterval(_ properties: [String: String]) -> Duration? {
        let text = properties["ksql.streams.commit.interval.ms"] ?? properties["commit.interval.ms"]
        guard let ms = text.flatMap({ Int($0) }), ms > 0 else { return nil }
        return .milliseconds(ms)
    }

    /// `ksql.streams.num.stream.threads` (Kafka Streams' `num.stream.threads`): consumer-group
    /// members per query, each on its own thread. ksqlDB's default is 1.
    static func streamThreads(_ properties: [String: String]) -> Int {
        let text = properties["ksql.streams.num.stream.threads"] ?? properties["num.stream.threads"]
        return min(max(text.flatMap { Int($0) } ?? 1, 1), 64)
    }

    /// `auto.offset.reset` as SET in the session (ksqlDB accepts it with or without the
    /// `ksql.streams.` prefix).
    static func offsetReset(_ properties: [String: String]) -> String? {
        (properties["auto.offset.reset"] ?? properties["ksql.streams.auto.offset.reset"])?.lowercased()
    }
}

/// Runs an engine query (stateless, aggregation or join) behind the Kafka runner's interface.
final class QueryProcessor: RecordProcessor {
    let runner: QueryRunner

    init(_ runner: QueryRunner) { self.runner = runner }

    var readsHeaders: Bool { runner.readsHeaders }

    var statelessTask: StreamQueryTask? { runner.statelessTask }

    func process(_ record: RecordView, output: (KafkaRecord) -> Void) {
        runner.process(record, emit: output)
    }

    func endBatch(output: (KafkaRecord) -> Void) { runner.endBatch(emit: output) }

    var streamTimes: [Int32: Int64] { runner.streamTimes }

    func restoreStreamTime(_ time: Int64, partition: Int32) { runner.restoreStreamTime(time, partition: partition) }

    func streamTimePartition(topic: String, partition: Int32) -> Int32 {
        runner.streamTimePartition(topic: topic, partition: partition)
    }
}

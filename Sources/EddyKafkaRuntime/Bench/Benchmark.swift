import EddyCore
import EddyFormats
import EddyKafka
import EddyRuntime
import EddySchemaRegistry
import Logging

/// `eddy bench`: Kafka-to-Kafka throughput on the embedded broker, measured in one run against
/// the raw librdkafka floor (consume and re-produce, no processing).
///
/// Every phase reads the same pre-produced topic from the beginning; rates count from the first
/// consumed record (consumer-group joining excluded, as in `RawFloor`) until all N records were
/// processed and their outputs delivered.
public final class Benchmark: Sendable {
    public struct Options: Sendable {
        public var messages = 1_000_000
        /// Enough for 1M zstd-compressed JSON orders to stay under the mock's ~5 MiB per partition.
        public var partitions: Int32 = 12
        public var valueFormat = "JSON"
        /// The binary layer for AVRO, in the producer and in the queries.
        public var avroCodec: AvroCodec = .default
        public var timeout: Duration = .seconds(300)
        /// Which of (a), (b) and (c) run (a profile of one phase needs the others left out).
        public var phases: Set<Character> = ["a", "b", "c"]
        /// `ksql.streams.num.stream.threads` for the queries ((c) splits only its upstream half).
        public var streamThreads = 1
        /// librdkafka `debug` contexts for the queries' consumers, to trace their group membership.
        public var kafkaDebug: String?
        /// Passes over the selected phases, interleaved ((a), (b), (c), then again), summarized by
        /// their medians: on a shared machine one pass measures the neighbours as much as the code.
        public var rounds = 1
        public init() {}
    }

    public struct Phase: Sendable {
        public var name: String
        public var messages: Int
        public var seconds: Double
        public var note: String?
        /// CPU time of the whole process (every thread: the query's, librdkafka's, the broker's)
        /// and of the processing thread alone, during the phase. Wall-clock rates on a shared
        /// machine measure its load as much as the code; CPU per message does not.
        public var processCPU: Double = 0
        public var threadCPU: Double = 0
        /// CPU seconds per thread name during the phase (Linux only), largest first.
        public var threads: [(name: String, seconds: Double)] = []
        public var messagesPerSecond: Double { seconds > 0 ? Double(messages) / seconds : 0 }
    }

    public let options: Options
    let logger: Logger
    let report: @Sendable (String) -> Void

    /// The embedded broker; it lives as long as the benchmark, so clients that shut down
    /// asynchronously never talk to a destroyed cluster.
    public let cluster: MockCluster
    /// In-process, shared by the producer and the queries, for `--value-format AVRO`.
    let registry = InMemorySchemaRegistry.withFormatSupport()

    public init(options: Options, logger: Logger, report: @escaping @Sendable (String) -> Void) throws {
        cluster = try MockCluster(logger: logger)
        self.options = options
        self.logger = logger
        self.report = report
    }

    static let sourceTopic = "bench_orders"
    /// zstd, or the outputs overflow the mock's retention; large batches, because the mock
    /// serves one producer batch per partition per fetch.
    static let sinkProducer = [
        "compression.type": "zstd", "linger.ms": "50", "batch.num.messages": "100000", "batch.size": "1000000",
    ]

    public func run() async throws -> [Phase] {
        var settings = KafkaSettings(properties: ["bootstrap.servers": cluster.bootstrapServers])
        // The floor and the query write their outputs with the same producer settings.
        settings.producerOnly = Self.sinkProducer
        // As `eddy server --dev` does (`DevStack`): settings that compensate for the mock broker.
        settings.consumerOnly = MockCluster.consumerSettings
        if let contexts = options.kafkaDebug { settings.consumerOnly["debug"] = contexts }
        try cluster.createTopic(Self.sourceTopic, partitions: options.partitions)
        var phases: [Phase] = []

        let produced = try await produceOrders(settings: settings)
        phases.append(produced)
        report(Self.line(produced))
        try await checkRetention(cluster: cluster, settings: settings)

        var rounds: [Round] = []
        for round in 1...max(1, options.rounds) {
            if options.rounds > 1 { report("round \(round) of \(options.rounds)") }
            let result = try await runRound(round, cluster: cluster, settings: settings)
            phases += result.phases
            rounds.append(result)
        }
        if rounds.count > 1 { report(Self.summary(rounds)) }
        return phases
    }

    /// One pass of the selected phases over the same source topic. Later rounds write to their
    /// own output topics and name their queries apart, so that no consumer group starts from an
    /// earlier round's committed offsets.
    private func runRound(_ round: Int, cluster: MockCluster, settings: KafkaSettings) async throws -> Round {
        let suffix = round == 1 ? "" : "_r\(round)"
        var result = Round()
        if options.phases.contains("a") {
            let out = "bench_raw_out" + suffix
            try cluster.createTopic(out, partitions: options.partitions)
            let cpu = ProcessCPU.seconds()
            let sampler = ThreadCPUSampler()
            let floor = try await RawFloor.passThrough(
                config: settings.adminConfig(), from: Self.sourceTopic, to: out, count: options.messages,
                threads: options.streamThreads, timeout: options.timeout, producerProperties: Self.sinkProducer,
                consumerProperties: KafkaSettings.consumerPrefetch.merging(MockCluster.consumerSettings) { $1 },
                logger: logger)
            // As many copying threads as the queries' stream threads, so (b)/(a) compares equal parallelism.
            let name = "(a) raw consume + re-produce" + (options.streamThreads > 1 ? ", \(options.streamThreads) threads" : "")
            let phase = Phase(name: name, messages: floor.messages, seconds: floor.seconds,
                              processCPU: ProcessCPU.seconds() - cpu, threadCPU: floor.threadCPU, threads: sampler.finish())
            result.phases.append(phase)
            report(Self.line(phase))
            result.raw = phase
        }

        // Schema-registry formats take their columns from the producer's registered schema.
        let columns = options.valueFormat == "JSON" || options.valueFormat == "DELIMITED" ? """
            (o_id INT, o_d_id INT, o_w_id INT, o_c_id INT, o_entry_d STRING,
                o_carrier_id INT, o_ol_cnt INT, o_all_local INT)
            """ : ""
        let sourceDDL = """
            SET 'auto.offset.reset' = 'earliest';
            CREATE STREAM bench_orders \(columns)
                WITH (kafka_topic='\(Self.sourceTopic)', value_format='\(options.valueFormat)');
            """
        if options.phases.contains("b") {
            let phase = try await runQuery(cluster: cluster, settings: settings, name: "(b) CSAS filter/projection", sql: """
                \(sourceDDL)
                CREATE STREAM bench_local\(suffix) AS SELECT o_w_id, o_d_id, o_id, o_c_id, o_ol_cnt
                    FROM bench_orders WHERE o_all_local = 1;
                """)
            result.phases.append(phase)
            report(Self.line(phase))
            result.csas = phase
        }

        if options.phases.contains("c") {
            let windowed = try await runQuery(cluster: cluster, settings: settings, name: "(c) 10 s tumbling COUNT GROUP BY", sql: """
                \(sourceDDL)
                CREATE TABLE bench_counts\(suffix) AS SELECT o_w_id, COUNT(*) AS orders
                    FROM bench_orders WINDOW TUMBLING (SIZE 10 SECONDS) GROUP BY o_w_id;
                """)
            result.phases.append(windowed)
            report(Self.line(windowed))
            result.windowed = windowed
        }
        if let ratio = result.ratio { report("ratio (b)/(a): \(Self.fixed(ratio, 2))") }
        return result
    }

    /// Produces N orders with timestamps 1 ms apart (so 10-second windows hold 10,000 each).
    private func produceOrders(settings: KafkaSettings) async throws -> Phase {
        let count = options.messages
        let format = options.valueFormat
        let producer = try KafkaProducer(
            config: settings.producerConfig(["linger.ms": "100", "queue.buffering.max.messages": "1000000"]),
            logger: logger, blockOnQueueFull: true)
        let clock = ContinuousClock()
        let start = clock.now
        try await onDedicatedThread(name: "eddy-bench-produce") {
            var orders = TPCCOrders()
            var encoder = try OrderEncoder(formats: .withSchemaRegistry(self.registry, avroCodec: self.options.avroCodec), keyFormat: "KAFKA", valueFormat: format,
                                           topic: Self.sourceTopic, keyColumns: [Column("o_id", .int)])
            let topic = try producer.topic(Self.sourceTopic)
            let base: Int64 = 1_700_000_000_000
            for index in 0..<count {
                let row = orders.next(at: base + Int64(index))
                try encoder.encode((key: [row.value[0]], value: row.value)) { key, value in
                    try producer.produce(to: topic, key: key, value: value, timestamp: base + Int64(index))
                }
            }
            try producer.flushBlocking(timeout: .seconds(120))
        }
        let failed = producer.takeFailedDeliveries()
        if let error = failed.first?.error { throw error }
        return Phase(name: "produce \(format) orders", messages: count, seconds: Self.seconds(clock.now - start))
    }

    /// Fails loudly if the mock already dropped data: every later figure would be wrong.
    private func checkRetention(cluster: MockCluster, settings: KafkaSettings) async throws {
        let admin = try KafkaAdmin(config: settings.adminConfig(), logger: logger, mockCluster: cluster)
        let partitions = options.partitions
        let total = try await onDedicatedThread { () throws -> Int64 in
            var total: Int64 = 0
            for partition in 0..<partitions {
                let marks = try admin.watermarksBlocking(Self.sourceTopic, partition: partition)
                guard marks.low == 0 else {
                    throw KafkaError(code: .fail, message: "the embedded broker dropped records of partition \(partition) (retention); use more --partitions")
                }
                total += marks.count
            }
            return total
        }
        guard total == Int64(options.messages) else {
            throw KafkaError(code: .fail, message: "expected \(options.messages) records in \(Self.sourceTopic), found \(total)")
        }
    }

    /// Runs `sql` as a server session and times its one persistent query over all N records.
    private func runQuery(cluster: MockCluster, settings: KafkaSettings, name: String, sql: String) async throws -> Phase {
        let cpu = ProcessCPU.seconds()
        let sampler = ThreadCPUSampler()
        let runtime = try KafkaRuntime(settings: settings, mockCluster: cluster, logger: logger)
        runtime.commitInterval = .seconds(2)
        let session = ServerSession(runtime: runtime, properties: [AvroCodec.property: options.avroCodec.rawValue,
                                                                   "ksql.streams.num.stream.threads": String(options.streamThreads)],
                                    processingLog: ProcessingLog(limit: 100),
                                    schemaRegistry: registry, logger: logger, output: { _ in })
        try await onDedicatedThread { try session.run(script: sql, stopOnError: true) }
        guard let runner = runtime.runners.values.first else {
            throw KafkaError(code: .fail, message: "the benchmark query did not start")
        }
        // A re-keying query also reads back what it wrote to its repartition topic: the phase
        // ends when every source record is consumed and every repartition record read back.
        let rekeys = runner.sourceTopics.contains { $0.hasSuffix("-repartition") }
        let clock = ContinuousClock()
        let deadline = clock.now + options.timeout
        while runner.stats.sourceConsumed < options.messages || !runner.stats.internalDrained {
            guard clock.now < deadline else {
                throw KafkaError(code: .timedOut, message: "\(name): \(runner.stats.sourceConsumed) of \(options.messages) processed")
            }
            // The phase's time runs until the stop below commits, so polls near the end are
            // short; earlier ones are not, because each costs the process CPU being measured.
            let nearlyDone = runner.stats.sourceConsumed >= options.messages / 10 * 9
            try await Task.sleep(for: .milliseconds(nearlyDone ? 5 : 50))
        }
        // Stopping flushes the sink producer and commits: delivery is part of the measurement,
        // leaving the consumer group is not.
        try await onDedicatedThread { session.shutdown() }
        // When no commit succeeded after the first record (a group rebalancing through the end
        // refuses them), the phase is timed to the end of the stop instead.
        let committed = runner.stats.secondsToLastCommit
        let seconds = committed > 0 ? committed : runner.stats.secondsSinceFirstRecord
        var via = rekeys ? ", \(runner.stats.internalProduced) through the repartition topic" : ""
        if runner.threads > 1 { via += ", \(runner.threads) stream threads" }
        // Where the phase's time went: reading the sources, then reading back the last
        // repartition records, then the final flush and commit.
        via += "; sources read in \(Self.fixed(runner.stats.sourceSeconds, 2)) s"
        if rekeys { via += ", read back by \(Self.fixed(runner.stats.activeSeconds, 2)) s" }
        if committed == 0 { via += "; no commit succeeded, timed to the stop" }
        return Phase(name: name, messages: runner.stats.sourceConsumed, seconds: seconds,
                     note: "\(runner.stats.produced) records written\(via)",
                     processCPU: ProcessCPU.seconds() - cpu, threadCPU: runner.stats.threadCPUSeconds,
                     threads: sampler.finish())
    }

    static func line(_ phase: Phase) -> String {
        if let note = phase.note, phase.messages == 0 { return "\(phase.name): \(note)" }
        let rate = Int(phase.messagesPerSecond.rounded())
        var text = "\(phase.name): \(phase.messages) msgs in \(fixed(phase.seconds, 2)) s = \(rate) msgs/s"
        if let note = phase.note { text += " (\(note))" }
        if phase.messages > 0, phase.processCPU > 0 {
            let perMessage = { (seconds: Double) in Int((seconds * 1e9 / Double(phase.messages)).rounded()) }
            text += "; CPU \(perMessage(phase.processCPU)) ns/msg in all threads, \(perMessage(phase.threadCPU)) ns/msg in the processing thread(s)"
            let shown = phase.threads.filter { $0.seconds * 1e9 / Double(phase.messages) >= 10 }
            if !shown.isEmpty {
                text += "\n    by thread (ns/msg): " + shown.map { "\($0.name) \(perMessage($0.seconds))" }.joined(separator: ", ")
            }
        }
        return text
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        let whole = scaled / Int(scale), fraction = abs(scaled % Int(scale))
        let text = String(fraction)
        return "\(whole)." + String(repeating: "0", count: digits - text.count) + text
    }

    static func seconds(_ duration: Duration) -> Double {
        let (s, atto) = duration.components
        return Double(s) + Double(atto) / 1e18
    }
}

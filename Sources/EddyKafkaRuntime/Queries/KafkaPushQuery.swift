import EddyCore
import EddyEngine
import EddyKafka
import EddyPlanner
import EddyRuntime
import EddySQL
import Logging
import Synchronization

/// `SELECT … EMIT CHANGES` on Kafka: a transient consumer group reads the source topic from
/// `auto.offset.reset` (latest unless the session SET it), and each result row goes to `onRow`
/// on the query's own thread, until LIMIT rows or `cancel()`. Nothing is committed.
public final class KafkaPushQuery: Sendable {
    public let queryID: String
    public let schema: LogicalSchema
    public let limit: Int?
    private let cancelled = Atomic<Bool>(false)
    private let finished = Latch()
    private let work: Unchecked<Work>

    private struct Work {
        var rows: PushRows
        var consumer: KafkaConsumer
    }

    public init(query: Query, engine: Engine, runtime: KafkaRuntime, logger: Logger) throws {
        let log = engine.processingLog
        let id = "transient_\(UInt32.random(in: 0...UInt32.max))"
        var analyzer = engine.analyzer(errors: EvaluationErrorSink { log.record(queryID: id, message: $0) })
        let rows: PushRows
        let topics: [String]
        if analyzer.isStateful(query) {
            // Tables, aggregations and joins: a stateful task with no sink; a table's push query
            // streams its changes.
            let broker = engine.broker
            analyzer.topicPartitions = { broker.topic($0)?.partitions }
            let plan = try analyzer.analyzeStateful(query, sink: .client)
            rows = .stateful(try StatefulQueryTask(queryID: id, plan: plan, sink: nil, formats: engine.formats, log: log))
            topics = Array(Set(plan.inputs.map(\.topic))).sorted()
            schema = plan.outputSchema
            limit = plan.limit
        } else {
            let plan = try analyzer.analyze(query, sink: .client)
            rows = .stateless(try StreamQueryTask(queryID: id, plan: plan, sink: nil, formats: engine.formats, log: log))
            topics = [plan.source.source.topic]
            schema = plan.outputSchema
            limit = plan.limit
        }
        for topic in topics where try runtime.backend.describeTopic(topic) == nil {
            throw EddyError(.execution, "Kafka topic does not exist: \(topic)")
        }
        let consumer = try KafkaConsumer(
            config: runtime.settings.consumerConfig(
                groupID: runtime.settings.transientGroupID(queryID: id),
                offsetReset: KafkaRuntime.offsetReset(engine.properties) ?? "latest"),
            logger: logger)
        try consumer.subscribe(topics)
        queryID = id
        work = Unchecked(Work(rows: rows, consumer: consumer))
    }

    /// Starts streaming; `onEnd` runs once after the last row (LIMIT reached or cancelled).
    public func start(onRow: @escaping @Sendable ([Value]) -> Void, onEnd: @escaping @Sendable () -> Void = {}) {
        startThread(name: "eddy-push") { [self] in
            run(onRow: onRow)
            onEnd()
            finished.signal()
        }
    }

    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// Waits until the query ended (blocking); false if `timeout` passed first.
    @discardableResult
    public func wait(timeout: Double = .infinity) -> Bool { finished.wait(timeout: timeout) }

    private func run(onRow: ([Value]) -> Void) {
        let work = self.work.value
        let batch = ConsumerBatch(capacity: 1_000)
        var rows = 0
        outer: while !cancelled.load(ordering: .relaxed) {
            do {
                try work.consumer.consumeBlocking(into: batch, timeout: .milliseconds(100))
            } catch {
                continue
            }
            for index in 0..<batch.count {
                let record = batch.withMessage(at: index) { message in
                    KafkaRecord(
                        topic: message.topic, partition: message.partition, offset: message.offset,
                        timestamp: message.timestamp ?? 0, key: message.key.map { Array($0) },
                        value: message.value.map { Array($0) },
                        headers: message.headers.map { RecordHeader(key: $0.key, value: $0.value) })
                }
                var reachedLimit = false
                work.rows.process(record) { row in
                    guard !reachedLimit else { return }
                    onRow(row)
                    rows += 1
                    if let limit, rows >= limit { reachedLimit = true }
                }
                if reachedLimit { break outer }
            }
        }
        batch.clear()
        try? work.consumer.closeBlocking()
    }
}

/// The two kinds of transient pipelines, both yielding result rows (key columns, then values).
private enum PushRows {
    case stateless(StreamQueryTask)
    case stateful(StatefulQueryTask)

    func process(_ record: KafkaRecord, row: ([Value]) -> Void) {
        switch self {
        case .stateless(let task):
            // A null-value record is a tombstone: push queries over streams show rows only.
            task.process(record) { key, value, _ in if let value { row(key + value) } }
        case .stateful(let task):
            task.process(record) { _ in }
            for out in task.drainRows() { if let value = out.value { row(out.key + value) } }
        }
    }
}

/// Moves a value that one thread at a time uses across a thread boundary.
struct Unchecked<T>: @unchecked Sendable {
    var value: T
    init(_ value: T) { self.value = value }
}

import EddyCore
import EddyPlanner
import EddyRuntime

/// What a persistent query runs: records of its source topics in, sink records out.
public protocol QueryRunner: AnyObject {
    var sourceTopics: [String] { get }
    var steps: [PlanStep] { get }
    func process(_ record: KafkaRecord, emit: (KafkaRecord) -> Void)
    /// The same, with bytes borrowed from the transport for the call; runners that decode in
    /// place implement it, others get a copy.
    func process(_ record: RecordView, emit: (KafkaRecord) -> Void)
    /// Whether records need their headers (copying them from a Kafka message costs an allocation).
    var readsHeaders: Bool { get }
    /// Called after each batch of records, before offsets are committed; emits what a record
    /// cache held back.
    func endBatch(emit: (KafkaRecord) -> Void)
    /// Stream time per source partition (stateful queries only), checkpointed with the offsets.
    var streamTimes: [Int32: Int64] { get }
    /// Gives a restarted query the stream time a partition had at its last commit.
    func restoreStreamTime(_ time: Int64, partition: Int32)
    /// The `streamTimes` key of records from this topic and partition.
    func streamTimePartition(topic: String, partition: Int32) -> Int32
    /// An independent copy for another stream thread, or nil when the query cannot be split
    /// over threads (its state stores belong to the whole query, not to partitions). A stateful
    /// query's copy runs only the part before its repartition topic: it is fed the query's source
    /// topics and never its internal ones.
    func replica() throws -> QueryRunner?
    /// The stateless task, for transports that drive it directly (nil for other queries).
    var statelessTask: StreamQueryTask? { get }
}

extension QueryRunner {
    public func replica() throws -> QueryRunner? { nil }
    public var statelessTask: StreamQueryTask? { nil }
    public func process(_ record: RecordView, emit: (KafkaRecord) -> Void) { process(record.copy(), emit: emit) }
    public var readsHeaders: Bool { true }
    public func endBatch(emit: (KafkaRecord) -> Void) {}
    public var streamTimes: [Int32: Int64] { [:] }
    public func restoreStreamTime(_ time: Int64, partition: Int32) {}
    public func streamTimePartition(topic: String, partition: Int32) -> Int32 { partition }
}

/// A running CSAS, CTAS or INSERT INTO query over the in-memory broker.
public final class PersistentQuery {
    public let id: String
    public let sql: String
    public let sinkName: String
    public let runner: QueryRunner
    public var state: State = .running
    /// Next offset to read, per source topic.
    var positions: [String: Int] = [:]

    public enum State: String, Sendable {
        case running = "RUNNING"
        case paused = "PAUSED"
    }

    public var sourceTopics: [String] { runner.sourceTopics }
    /// The query's state stores (none for stateless queries).
    public var stores: [StateStore] { (runner as? StatefulRunner)?.task.stores ?? [] }
    public var sourceTopic: String { runner.sourceTopics[0] }
    /// Internal topics the query writes and reads back (re-keys), with their partition counts.
    public var repartitionTopics: [(name: String, partitions: Int)] {
        (runner as? StatefulRunner)?.task.repartitionTopics ?? []
    }

    /// Coalesces a table sink's updates in the query's record cache (`cache.max.bytes.buffering`),
    /// flushed at each batch end, so only surviving rows are serialized. False when the query has
    /// no such cache (stateless queries), so the transport coalesces records itself.
    public func useRecordCache(maxBytes: Int) -> Bool {
        guard let task = (runner as? StatefulRunner)?.task, task.plan.outputIsTable else { return false }
        task.cacheMaxBytes = maxBytes
        return maxBytes > 0
    }

    init(id: String, sql: String, sinkName: String, runner: QueryRunner) {
        self.id = id
        self.sql = sql
        self.sinkName = sinkName
        self.runner = runner
    }

    /// - Parameter makeTask: builds further tasks for the same plan, one per extra stream thread.
    convenience init(id: String, sql: String, sourceTopic: String, sinkName: String, task: StreamQueryTask,
                     makeTask: (() throws -> StreamQueryTask)? = nil) {
        self.init(id: id, sql: sql, sinkName: sinkName,
                  runner: StatelessRunner(task: task, topic: sourceTopic, makeTask: makeTask))
    }
}

/// Adapts the stateless stream task to `QueryRunner`.
final class StatelessRunner: QueryRunner {
    let task: StreamQueryTask
    let sourceTopics: [String]
    /// Builds another task for the same plan (a stateless task keeps only scratch buffers).
    private let makeTask: (() throws -> StreamQueryTask)?

    init(task: StreamQueryTask, topic: String, makeTask: (() throws -> StreamQueryTask)? = nil) {
        self.task = task
        sourceTopics = [topic]
        self.makeTask = makeTask
    }

    func replica() throws -> QueryRunner? {
        guard let makeTask else { return nil }
        return StatelessRunner(task: try makeTask(), topic: sourceTopics[0], makeTask: makeTask)
    }

    var steps: [PlanStep] { task.plan.steps }
    var readsHeaders: Bool { task.readsHeaders }
    var statelessTask: StreamQueryTask? { task }

    func process(_ record: KafkaRecord, emit: (KafkaRecord) -> Void) {
        record.withView { process($0, emit: emit) }
    }

    func process(_ record: RecordView, emit: (KafkaRecord) -> Void) {
        task.process(record) { key, value, ts in
            if let out = task.serialize(key: key, value: value, timestamp: ts) { emit(out) }
        }
    }
}

/// Adapts the stateful task to `QueryRunner`.
final class StatefulRunner: QueryRunner {
    let task: StatefulQueryTask
    /// Distinct source topics, in input order (the in-memory engine asks on every poll).
    let sourceTopics: [String]
    /// Only a source with header columns needs them: copying a Kafka message's headers costs an
    /// array per record. Outputs then carry no headers, as a stateless query's do.
    let readsHeaders: Bool

    init(task: StatefulQueryTask) {
        self.task = task
        var seen: [String] = []
        for t in task.sourceTopics where !seen.contains(t) { seen.append(t) }
        sourceTopics = seen
        readsHeaders = task.plan.inputs.contains { input in
            input.layout.source.schema.columns.contains { if case .header = $0.namespace { true } else { false } }
        }
    }

    /// A task for another stream thread that runs only the upstream half of a GROUP BY (see
    /// `StatefulQueryTask.upstreamReplica`): the transport must give it source topics only.
    func replica() throws -> QueryRunner? {
        try task.upstreamReplica().map { StatefulRunner(task: $0) }
    }

    var steps: [PlanStep] { task.plan.steps }

    func process(_ record: KafkaRecord, emit: (KafkaRecord) -> Void) { task.process(record, emit: emit) }

    func process(_ record: RecordView, emit: (KafkaRecord) -> Void) { task.process(record, emit: emit) }

    func endBatch(emit: (KafkaRecord) -> Void) { task.endBatch(emit: emit) }

    var streamTimes: [Int32: Int64] { task.context.streamTimes }

    func restoreStreamTime(_ time: Int64, partition: Int32) { task.context.restoreStreamTime(time, partition: partition) }

    func streamTimePartition(topic: String, partition: Int32) -> Int32 {
        task.streamTimePartition(topic: topic, partition: partition)
    }

    /// In memory, a record written to a repartition topic is consumed at once, before the next
    /// source record, so processing order (and QTT results) match a direct call while the
    /// records still go through the topic and its partitions.
    func processLocally(_ record: KafkaRecord, broker: InMemoryBroker, emit: (KafkaRecord) -> Void) {
        task.process(record) { routeLocally($0, broker: broker, emit: emit) }
    }

    /// Sends a record the task produced: repartition records are appended and processed at once.
    func routeLocally(_ out: KafkaRecord, broker: InMemoryBroker, emit: (KafkaRecord) -> Void) {
        if task.isRepartitionTopic(out.topic) {
            let stored = broker.append(out)
            processLocally(stored, broker: broker, emit: emit)
        } else {
            emit(out)
        }
    }
}

import EddyCore
import EddyFormats
import EddyPlanner

/// Runs a stateful plan: decodes each input's records, wires tables, joins, filters,
/// aggregations and suppression together, and turns the resulting changes into sink records.
/// Transport-free: records in, records out; state lives in stores from `StoreProvider`.
public final class StatefulQueryTask {
    public let queryID: String
    public let plan: StatefulQueryPlan
    public let context: TaskContext
    public private(set) var stores: [StateStore] = []
    private var decoders: [SourceDecoder] = []
    /// Per input: the operator that keeps a table source's rows (nil for streams).
    private var tableSources: [TableSourceOperator?] = []
    private var entry: [ChangeHandler] = []
    private var suppress: SuppressOperator?
    private var afterSuppress: ChangeHandler = { _ in }
    private let output: SinkWriter?
    /// Re-keys: the upstream half writes to a repartition topic, the downstream half (this
    /// handler) consumes it.
    private var repartitions: [RepartitionOperator] = []
    private var repartitionEntries: [String: (RepartitionOperator, ChangeHandler)] = [:]
    /// The same entries as a list: a task has a handful of topics, and comparing names (equal
    /// Strings sharing storage compare at once) costs less than hashing one per record.
    private var repartitionList: [(topic: String, entry: (RepartitionOperator, ChangeHandler))] = []
    private let internalTopics: InternalTopics?
    private let sink: DataSource?
    private let formats: FormatRegistry
    /// Projected output rows of the record being processed.
    private var produced: [OutputRow] = []
    private let sinkTime: TimestampExtraction
    /// What the pipeline's closures read about the record being processed.
    private let current = CurrentRecord()
    /// The last topic routed and where its records go, so that a run of records from one topic
    /// compares the name (the same storage: one word compare) instead of searching the lists.
    private var routedTopic: String?
    /// The routed topic's index in `repartitionList`, or -1 for a source topic.
    private var routedRepartition = -1
    /// The inputs reading the routed topic: the one input, or -1 and the list in `routedInputs`
    /// (a query reading one topic twice, or none).
    private var routedInput = -1
    private var routedInputs: [Int] = []
    /// Coalesces table updates per key between commits when `cacheMaxBytes` > 0.
    private var cache = RecordCache(maxBytes: 0)
    /// `cache.max.bytes.buffering`: 0 emits every update (ksqlDB's test setting).
    public var cacheMaxBytes: Int {
        get { cache.maxBytes }
        set {
            cache.maxBytes = newValue
            updateCombining()
        }
    }
    /// Pre-aggregates a GROUP BY upstream of its repartition topic where that is exact
    /// (`AggregateCombiner`); it needs the record cache, so it is on only when that is.
    private var combiner: AggregateCombiner?
    /// Downstream half of the combiner: merges partial aggregates read back from the topic.
    private var mergePartial: ((PartialAggregate) -> Void)?
    private var combining: Bool {
        get { current.combining }
        set { current.combining = newValue }
    }
    /// `eddy.aggregate.combiner.enabled`: false keeps one repartition record per row.
    public var combinerEnabled = true {
        didSet { updateCombining() }
    }
    /// How many partials (group and window) the combiner holds before writing them out early.
    public var combinerMaxEntries: Int {
        get { combiner?.maxEntries ?? 0 }
        set { combiner?.maxEntries = max(1, newValue) }
    }
    /// Whether this task's GROUP BY pre-aggregates before its repartition topic right now.
    public var usesCombiner: Bool { combining }

    private func updateCombining() {
        combining = combiner != nil && combinerEnabled && cache.enabled && plan.outputIsTable
    }

    /// A projected output row: key and value columns (value nil = delete), time and window.
    public struct OutputRow: Sendable {
        public var key: [Value]
        public var value: [Value]?
        public var timestamp: Int64
        public var window: WindowBounds?
        public var headers: [RecordHeader] = []
    }

    public var sourceTopics: [String] { plan.inputs.map(\.topic) }

    /// The repartition topics this task writes and reads, with their partition counts; a runtime
    /// creates them before the query starts and feeds their records back to `process`.
    public var repartitionTopics: [(name: String, partitions: Int)] { repartitions.map { ($0.topic, $0.partitions) } }

    public func isRepartitionTopic(_ topic: String) -> Bool { repartitionEntry(topic) != nil }

    private func repartitionEntry(_ topic: String) -> (RepartitionOperator, ChangeHandler)? {
        for r in repartitionList where r.topic == topic { return r.entry }
        return nil
    }

    /// The key under which `TaskContext` keeps the stream time of records from this topic and
    /// partition: a repartition topic's downstream half has its own (offset by its base).
    public func streamTimePartition(topic: String, partition: Int32) -> Int32 {
        guard let (op, _) = repartitionEntries[topic] else { return partition }
        return op.timePartitionBase + partition
    }

    /// - Parameter internalTopics: where re-keys go. Without it (transient queries) a re-key is a
    ///   direct call, which is only correct while one task sees every partition.
    public init(queryID: String, plan: StatefulQueryPlan, sink: DataSource?, formats: FormatRegistry, log: ProcessingLog,
                stores: StoreProvider = StoreProvider(), internalTopics: InternalTopics? = nil) throws {
        self.queryID = queryID
        self.plan = plan
        self.internalTopics = internalTopics
        self.sink = sink
        self.formats = formats
        let context = TaskContext(queryID: queryID, log: log)
        self.context = context
        sinkTime = try TimestampExtraction(format: plan.sinkTimestampFormat)
        output = try sink.map { try SinkWriter(sink: $0, formats: formats, context: context) }
        for input in plan.inputs {
            decoders.append(try SourceDecoder(input: input, width: plan.width, formats: formats, context: context))
        }
        build(stores: stores)
    }

    /// Whether everything before the aggregation's repartition topic keeps no state: stream
    /// inputs only, no join, and a GROUP BY that re-keys through a topic. Then the upstream half
    /// can run in several tasks at once (one per stream thread, each reading some of the source
    /// partitions), all writing to the one repartition topic the stateful half reads.
    public var upstreamIsStateless: Bool {
        internalTopics != nil && plan.joins.isEmpty && !plan.inputs.contains(where: \.isTable)
            && plan.aggregation?.repartition == true
    }

    /// Another task for the same plan that only ever runs the upstream half: it must be fed
    /// source records only. Its stores are plain in-memory ones that stay empty (nothing reaches
    /// them without repartition records), so it writes no changelog. Nil when the upstream half
    /// has state (`upstreamIsStateless`).
    public func upstreamReplica() throws -> StatefulQueryTask? {
        guard upstreamIsStateless else { return nil }
        let replica = try StatefulQueryTask(queryID: queryID, plan: plan, sink: sink, formats: formats, log: context.log,
                                            stores: StoreProvider(), internalTopics: internalTopics)
        replica.cacheMaxBytes = cacheMaxBytes
        replica.combinerEnabled = combinerEnabled
        if combiner != nil { replica.combinerMaxEntries = combinerMaxEntries }
        return replica
    }

    private func makeStore(_ provider: StoreProvider, _ suffix: String) -> StateStore {
        let s = provider.store(name: "\(queryID)-\(suffix)")
        stores.append(s)
        return s
    }

    private func build(stores provider: StoreProvider) {
        let context = self.context
        let current = self.current
        // Sink: project the change into output rows.
        let project: ChangeHandler = { [unowned self] c in self.project(c) }
        var downstream = project
        if let having = plan.having {
            let f = FilterOperator(predicate: having.evaluate)
            let next = downstream
            downstream = { f.process($0, emit: next) }
        }
        if plan.emitFinal, let window = plan.aggregation?.window, window.kind == .session {
            let s = SuppressOperator(window: window, context: context, store: makeStore(provider, "Suppress-buffer"))
            suppress = s
            afterSuppress = downstream
            downstream = { s.process($0, emit: { _ in }) }
        }
        if let agg = plan.aggregation {
            let final = plan.emitFinal && agg.window != nil && agg.window?.kind != .session
            let op = AggregateOperator(plan: agg, store: makeStore(provider, "Aggregate-Materialize"), context: context,
                                       emittedStore: final ? makeStore(provider, "Suppress-emitted") : nil)
            let next = downstream
            // Without HAVING, only the sink projection follows a time-window or unwindowed
            // aggregate, and it reads the old row only for deletes, which aggregates never emit.
            op.emitsOld = plan.having != nil || agg.window?.kind == .session
            if let w = agg.window, w.kind == .session {
                let session = SessionAggregateOperator(aggregate: op, window: w, context: context)
                downstream = { session.process($0, emit: next) }
            } else {
                downstream = { op.process($0, emit: next) }
            }
            if agg.repartition, let internalTopics {
                let rows = repartition(downstream, name: "Aggregate-GroupBy", keyExpressions: agg.groupKey,
                                       ownTime: true, readSlots: agg.readSlots, topics: internalTopics)
                op.keyedUpstream = true
                repartitions[repartitions.count - 1].droppedNullKey = { [context] i in
                    context.log.record(queryID: context.queryID, message: "Group-by column with index \(i) resolved to null."
                                       + " The source row will be excluded from the table.")
                }
                downstream = rows
                if AggregateCombiner.isApplicable(plan) {
                    let combiner = AggregateCombiner(plan: agg, repartition: repartitions[repartitions.count - 1], context: context)
                    self.combiner = combiner
                    mergePartial = { op.merge($0, emit: next) }
                    downstream = { c in
                        if current.combining { combiner.add(c, headers: current.headers) } else { rows(c) }
                    }
                }
            }
        }
        if let filter = plan.filter {
            let f = FilterOperator(predicate: filter.evaluate)
            let next = downstream
            downstream = { c in
                if c.old == nil {
                    if f.matches(c.new) != nil { next(c) }
                } else {
                    f.process(c, emit: next)
                }
            }
        }
        // Inputs feed the joins left-deep: input 0 is the first left side, input j+1 the right side of join j.
        entry = Array(repeating: downstream, count: plan.inputs.count)
        var relation = downstream
        // Stores are named as ksqlDB's topology names them, so changelog topics match.
        let storeNames = JoinStoreNames.names(plan)
        for (j, jp) in plan.joins.enumerated().reversed() {
            let row = JoinRow(plan: jp, width: plan.width)
            let names = storeNames[j]
            let next = relation
            var left: ChangeHandler, right: ChangeHandler
            switch jp.strategy {
            case .streamTable:
                let op = StreamTableJoinOperator(join: row, store: makeStore(provider, names.right))
                left = { op.left($0, emit: next) }
                right = { op.right($0, emit: next) }
            case .tableTable, .foreignKey:
                let fk: Bool
                if case .foreignKey = jp.strategy { fk = true } else { fk = false }
                let op = TableTableJoinOperator(join: row, foreignKey: fk, leftStore: makeStore(provider, names.left ?? "Join-\(j)-left"),
                                                rightStore: makeStore(provider, names.right))
                left = { op.left($0, emit: next) }
                right = { op.right($0, emit: next) }
            case .streamStream(let before, let after, let grace):
                let op = StreamStreamJoinOperator(join: row, before: before, after: after, grace: grace, context: context,
                                                  leftStore: makeStore(provider, names.left ?? "Join-\(j)-left"),
                                                  rightStore: makeStore(provider, names.right),
                                                  outerStore: makeStore(provider, names.outer ?? "Join-\(j)-outer"))
                left = { op.left($0, emit: next) }
                right = { op.right($0, emit: next) }
            }
            if let internalTopics {
                // ksqlDB names a join's topics by nesting: the last join has no prefix, each
                // earlier one (the left input of the next) one more `L_`.
                let prefix = String(repeating: "L_", count: plan.joins.count - 1 - j)
                let streamStream: Bool
                if case .streamStream = jp.strategy { streamStream = true } else { streamStream = false }
                if jp.repartitionLeft {
                    let name = jp.leftIsTable ? "LeftSourceKeyed-SelectKey" : streamStream ? "Join-left" : "Join"
                    left = repartition(left, name: prefix + name, keyExpressions: jp.leftKey, ownTime: false, topics: internalTopics)
                }
                if jp.repartitionRight {
                    let name = plan.inputs[jp.rightInput].isTable ? "RightSourceKeyed-SelectKey" : "Join-right"
                    right = repartition(right, name: prefix + name, keyExpressions: jp.rightKey, ownTime: false, topics: internalTopics)
                }
            }
            entry[jp.rightInput] = right
            relation = left
        }
        entry[0] = relation
        tableSources = Array(repeating: nil, count: plan.inputs.count)
        for (i, input) in plan.inputs.enumerated() where input.isTable {
            tableSources[i] = TableSourceOperator(store: makeStore(provider, "\(input.layout.source.name)-source"), context: context)
        }
    }

    /// Splits the pipeline at a re-key: changes reaching the returned handler go to the topic,
    /// and records read back from it continue into `downstream`.
    ///
    /// The key is written with the sink's key format (the query's), its columns named as the
    /// output's key columns and typed as the new key expressions.
    private func repartition(_ downstream: @escaping ChangeHandler, name: String, keyExpressions: [CompiledExpression],
                             ownTime: Bool, readSlots: [Int]? = nil, topics: InternalTopics) -> ChangeHandler {
        let names = plan.outputSchema.keyColumns.map(\.name)
        let columns = keyExpressions.enumerated().map { i, e in
            Column(names.count == keyExpressions.count ? names[i] : "KSQL_COL_\(i)", e.type ?? .string, .key)
        }
        let op = RepartitionOperator(topic: "\(topics.prefix)\(name)-repartition", partitions: topics.partitions,
                                     timePartitionBase: ownTime ? Int32(repartitions.count + 1) << 20 : 0,
                                     keyExpressions: keyExpressions, keyColumns: columns, readSlots: readSlots,
                                     width: plan.width, sink: sink, formats: formats)
        repartitions.append(op)
        repartitionEntries[op.topic] = (op, downstream)
        repartitionList.append((op.topic, (op, downstream)))
        return { op.send($0) }
    }

    /// Processes one record of any input topic, or of one of the task's repartition topics; sink
    /// and repartition records go to `emit`.
    public func process(_ record: KafkaRecord, emit: (KafkaRecord) -> Void) {
        route(record.topic)
        if routedRepartition >= 0 {
            let (op, downstream) = repartitionList[routedRepartition].entry
            return processRepartition(record, op, downstream, emit: emit)
        }
        record.withView { process($0, emit: emit) }
    }

    /// The same, with the key and value borrowed from the transport for the call: source records
    /// are decoded in place; a repartition record (few, with the combiner) is copied first.
    public func process(_ record: RecordView, emit: (KafkaRecord) -> Void) {
        route(record.topic)
        if routedRepartition >= 0 {
            let (op, downstream) = repartitionList[routedRepartition].entry
            return processRepartition(record.copy(), op, downstream, emit: emit)
        }
        if routedInput >= 0 {
            processSource(record, input: routedInput)
        } else {
            for i in routedInputs { processSource(record, input: i) }
        }
        finish(emit: emit)
    }

    private func processSource(_ record: RecordView, input i: Int) {
        guard let decoded = decoders[i].decode(record) else { return }
        // Without header columns the runtime passes none: skip the retain and release.
        if !(record.headers.isEmpty && current.headers.isEmpty) { current.headers = record.headers }
        context.observe(decoded.timestamp, partition: record.partition)
        if let table = tableSources[i] {
            table.process(key: decoded.key, row: decoded.row, timestamp: decoded.timestamp, window: decoded.window, emit: entry[i])
        } else if let row = decoded.row {
            entry[i](Change(key: decoded.key, new: row, timestamp: decoded.timestamp, window: decoded.window))
        } else if plan.passesTombstones, let row = decoded.tombstoneRow {
            let key = plan.keyExpressions.map { $0.evaluate(row) }
            produced.append(OutputRow(key: key, value: nil, timestamp: decoded.timestamp, window: decoded.window, headers: current.headers))
        }
    }

    private func processRepartition(_ record: KafkaRecord, _ op: RepartitionOperator, _ downstream: ChangeHandler,
                                    emit: (KafkaRecord) -> Void) {
        if InternalEncoding.isPartialAggregate(record.value), let mergePartial, op === combiner?.repartition {
            readBack(record, op, PartialAggregate.decode, \.timestamp, mergePartial)
        } else {
            readBack(record, op, RepartitionOperator.decode, \.timestamp, downstream)
        }
        finish(emit: emit)
    }

    /// Points the `routed…` fields at where records of `topic` go: a repartition topic's
    /// downstream half, or the inputs reading it.
    @inline(__always)
    private func route(_ topic: String) {
        if let routedTopic, routedTopic == topic { return }
        routedRepartition = repartitionList.firstIndex { $0.topic == topic } ?? -1
        routedInputs = plan.inputs.indices.filter { plan.inputs[$0].topic == topic }
        routedInput = routedInputs.count == 1 ? routedInputs[0] : -1
        routedTopic = topic
    }

    /// Decodes a record read back from a repartition topic (a row change or a combiner's
    /// partial), advances that topic's stream time and hands it on; a record that cannot be read
    /// goes to the processing log.
    private func readBack<T>(_ record: KafkaRecord, _ op: RepartitionOperator, _ decode: (KafkaRecord) throws -> T,
                             _ time: KeyPath<T, Int64>, _ apply: (T) -> Void) {
        do {
            let item = try decode(record)
            current.headers = record.headers
            context.observe(item[keyPath: time], partition: op.timePartitionBase + record.partition)
            apply(item)
        } catch {
            context.log.record(queryID: queryID, message: "Failed to read repartition record from \(record.topic): \(error.eddyMessage)")
        }
    }

    /// Emits what processing one record produced: records for repartition topics (a re-key
    /// downstream of another one writes while the first topic's record is processed), then
    /// suppressed and sink rows.
    private func finish(emit: (KafkaRecord) -> Void) {
        // Memory bound: a combiner holding too many partials writes them out early.
        if let combiner, combiner.isFull { combiner.flush(emit: emit) }
        for i in repartitions.indices where !repartitions[i].pending.isEmpty {
            let op = repartitions[i]
            // Headers travel through the topic, as Kafka Streams forwards them.
            op.drainPending { r in
                var r = r
                r.headers = current.headers
                emit(r)
            }
        }
        if let suppress { suppress.flush(emit: afterSuppress) }
        flush(emit: emit)
    }

    /// Output rows produced since the last call (for push queries without a sink).
    public func drainRows() -> [OutputRow] {
        defer { produced.removeAll() }
        return produced
    }

    private func flush(emit: (KafkaRecord) -> Void) {
        // Without a sink (transient queries) rows wait for `drainRows`.
        // Most records (all that a combiner folds) produce nothing.
        guard let output, !produced.isEmpty else { return }
        if cache.enabled, plan.outputIsTable {
            for row in produced where cache.put(row) { drainCache(emit: emit) }
        } else {
            for row in produced {
                if let r = output.serialize(row) { emit(r) }
            }
        }
        produced.removeAll(keepingCapacity: true)
    }

    /// Emits the combiner's partial aggregates, then the coalesced table updates held by the
    /// record cache (`cache.max.bytes.buffering`); the runtime calls it on commit, before it
    /// writes the checkpoint. In memory, `emit` feeds repartition records back at once, so their
    /// merged results are in the cache before it drains.
    public func flushCache(emit: (KafkaRecord) -> Void) {
        flushCombiner(emit: emit)
        drainCache(emit: emit)
    }

    private func drainCache(emit: (KafkaRecord) -> Void) {
        flushChangelogs()
        guard let output else { return }
        for row in cache.drain() {
            if let r = output.serialize(row) { emit(r) }
        }
    }

    /// The end of a consumed batch: the combiner's partials go to the repartition topic (before
    /// the source offsets they cover can be committed), then the record cache's coalesced rows
    /// (after the changelogs), or, without a cache, just the changelogs.
    public func endBatch(emit: (KafkaRecord) -> Void) {
        flushCombiner(emit: emit)
        if cache.enabled, plan.outputIsTable { drainCache(emit: emit) } else { flushChangelogs() }
    }

    private func flushCombiner(emit: (KafkaRecord) -> Void) {
        combiner?.flush(emit: emit)
    }

    /// Writes the stores' pending changelog records; runtimes call it before committing offsets.
    public func flushChangelogs() {
        for store in stores { store.flushChangelog() }
    }

    private func project(_ c: Change) {
        let isTable = plan.outputIsTable
        if let new = c.new {
            let key = plan.keyExpressions.map { $0.evaluate(new) }
            let value = plan.valueExpressions.map { $0.evaluate(new) }
            var time = c.timestamp
            if let i = plan.sinkTimestampColumn {
                let column = i < key.count ? key[i] : value[i - key.count]
                guard let t = sinkTime.millis(column), t >= 0 else {
                    context.log.record(queryID: queryID, message: "Failed to extract timestamp from column \(plan.outputSchema.columns[i].name)")
                    return
                }
                time = t
            }
            produced.append(OutputRow(key: key, value: value, timestamp: time, window: c.window, headers: current.headers))
        } else if isTable, let old = c.old {
            // A transient query's tombstone carries its key columns after the key (see keyColumnValues).
            let key = plan.keyExpressions.map { $0.evaluate(old) } + plan.keyColumnValues.map { $0.expression.evaluate(old) }
            produced.append(OutputRow(key: key, value: nil, timestamp: c.timestamp, window: c.window, headers: current.headers))
        }
    }
}

/// What the pipeline's closures read about the record being processed. A separate object, held
/// strongly by them: an `unowned` reference to the task would cost a check on every call.
private final class CurrentRecord {
    /// Outputs carry the headers of the record that produced them, as Kafka Streams forwards them.
    var headers: [RecordHeader] = []
    /// Whether the GROUP BY pre-aggregates before its repartition topic (`usesCombiner`).
    var combining = false
}

/// Creates the stores a task uses; the default keeps them in memory with no changelog.
public struct StoreProvider {
    public var make: (String) -> StateStore

    public init(make: @escaping (String) -> StateStore = { InMemoryStore(name: $0) }) {
        self.make = make
    }

    /// In-memory stores that log every update to `changelog`.
    public static func logged(_ changelog: ChangelogSink) -> StoreProvider {
        StoreProvider { InMemoryStore(name: $0, changelog: changelog) }
    }

    func store(name: String) -> StateStore { make(name) }
}

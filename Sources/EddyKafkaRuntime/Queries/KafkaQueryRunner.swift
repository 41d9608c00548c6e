import EddyKafka
import EddyRuntime
import Logging
import Synchronization

/// Runs one persistent query on Kafka: a member of the query's consumer group reads the source
/// topics in batches on a dedicated thread, the query's processor turns records into sink
/// records, a producer writes them, and offsets are committed only after that producer flushed
/// (at-least-once; the producer's transaction API is there for exactly-once later).
///
/// Commits happen every `commitInterval`, when partitions are revoked, and on stop, so a clean
/// stop and restart neither loses nor repeats a record.
public final class KafkaQueryRunner: Sendable {
    public struct Options: Sendable {
        /// `auto.offset.reset` for a group with no committed offsets ("earliest" or "latest").
        public var offsetReset: String = "latest"
        /// ksqlDB's default `commit.interval.ms` is 2 s.
        public var commitInterval: Duration = .seconds(2)
        public var batchSize = 10_000
        /// Extra consumer settings (tests shorten the group session timeout).
        public var consumerOverrides: [String: String] = [:]
        /// Runs before each commit, after the sink producer flushed: flushes other producers
        /// the processor wrote through (state changelogs).
        public var beforeCommit: (@Sendable () throws -> Void)?
        /// The sink is a table (a changelog): within a batch only each key's last output is
        /// written, as Kafka Streams' record cache does for ksqlDB's tables.
        public var coalesceByKey = false
        /// Internal topics (repartitions) read from the beginning where nothing is committed yet,
        /// as Kafka Streams does, so `latest` cannot skip records the query itself wrote.
        public var earliestTopics: Set<String> = []

        public init() {}
    }

    public let queryID: String
    public let sourceTopics: [String]
    public let sinkTopic: String
    public let stats = QueryStats()
    /// One loop per stream thread (`ksql.streams.num.stream.threads`), each with its own
    /// producer, sharing the query's one consumer-group member (`StreamThreadRouter`).
    private let loops: [QueryLoop]
    private let router: StreamThreadRouter
    private let finished: [Latch]
    private let stopping = Atomic<Bool>(false)
    private let started = Atomic<Bool>(false)

    public convenience init(
        queryID: String, sourceTopics: [String], sinkTopic: String, processor: any RecordProcessor,
        settings: KafkaSettings, options: Options = Options(), logger: Logger
    ) throws {
        try self.init(queryID: queryID, sourceTopics: sourceTopics, sinkTopic: sinkTopic, processors: [processor],
                      settings: settings, options: options, logger: logger)
    }

    /// - Parameter processors: one per stream thread; each is driven by its own thread only.
    /// - Parameter subscriptions: the topics each processor reads (all of `sourceTopics` when
    ///   nil). The member subscribes to them all; each topic's partitions are spread over the
    ///   threads that read it, so the upstream copies of a stateful query read source topics
    ///   only and the first thread alone reads the repartition topics.
    public init(
        queryID: String, sourceTopics: [String], sinkTopic: String, processors: [any RecordProcessor],
        subscriptions: [[String]]? = nil, settings: KafkaSettings, options: Options = Options(), logger: Logger
    ) throws {
        precondition(!processors.isEmpty, "a query needs a processor")
        precondition(subscriptions.map { $0.count == processors.count } ?? true, "one subscription per processor")
        self.queryID = queryID
        self.sourceTopics = sourceTopics
        self.sinkTopic = sinkTopic
        var logger = logger
        logger[metadataKey: "query"] = "\(queryID)"
        let readers = subscriptions ?? Array(repeating: sourceTopics, count: processors.count)
        let router = StreamThreadRouter(readers: readers)
        let consumer = try KafkaConsumer(
            config: settings.consumerConfig(
                groupID: settings.persistentGroupID(queryID: queryID), offsetReset: options.offsetReset,
                options.consumerOverrides),
            logger: logger,
            onRebalance: { [router] event in router.rebalanced(event) },
            afterRebalance: { [router] event in router.applied(event) },
            earliestTopics: options.earliestTopics)
        var loops: [QueryLoop] = []
        for (i, processor) in processors.enumerated() {
            let loop = QueryLoop(
                processor: processor, sourceTopics: readers[i], queue: i == 0 ? nil : consumer.makeQueue(),
                options: options, stats: stats, logger: logger)
            let producer = try KafkaProducer(config: settings.producerConfig(), logger: logger, blockOnQueueFull: true)
            loop.attach(consumer: consumer, producer: producer, sink: try producer.topic(sinkTopic))
            loops.append(loop)
        }
        router.attach(consumer, loops: loops)
        var topics: [String] = []
        for topic in readers.joined() where !topics.contains(topic) { topics.append(topic) }
        try consumer.subscribe(topics)
        self.router = router
        self.loops = loops
        finished = loops.map { _ in Latch() }
    }

    /// The number of stream threads.
    public var threads: Int { loops.count }

    /// Records each stream thread consumed.
    public var consumedPerThread: [Int] { loops.map { $0.consumed.load(ordering: .relaxed) } }

    /// Partitions each stream thread holds after the group's last rebalance.
    public var assignedPerThread: [Int] { loops.map { $0.assigned.load(ordering: .relaxed) } }

    /// Starts the processing threads; safe to call once.
    public func start() {
        guard !started.exchange(true, ordering: .relaxed) else { return }
        // Every thread commits before the lead's consumer leaves the group.
        let committed = Barrier(count: loops.count)
        for (index, (loop, done)) in zip(loops, finished).enumerated() {
            startThread(name: "eddy-q-\(queryID.prefix(10))") { [self] in
                loop.run(until: { self.stopping.load(ordering: .relaxed) },
                         beforeLeaving: { committed.arriveAndWait(timeout: 10) })
                if index == 0 { router.detach() }
                done.signal()
            }
        }
    }

    /// Asks the loops to commit and the member to leave the group, and waits for them (blocking).
    public func stop(timeout: Double = 30) {
        stopping.store(true, ordering: .relaxed)
        guard started.load(ordering: .relaxed) else { return }
        // A loop waiting in `consume` would notice only after its timeout (100 ms).
        for loop in loops { loop.wakeup() }
        for done in finished { done.wait(timeout: timeout) }
    }

    public var isRunning: Bool { started.load(ordering: .relaxed) && finished.contains { !$0.isOpen } }

    /// Why the query stopped on its own (a failed delivery or a fatal client error), if it did.
    public var failure: String? {
        for loop in loops { if let failure = loop.failure.withLock({ $0 }) { return failure } }
        return nil
    }
}

/// The state only the query's thread touches (and the rebalance hook, which runs on the lead's
/// thread inside `consume`), hence unchecked.
final class QueryLoop: @unchecked Sendable {
    private let processor: any RecordProcessor
    /// Where this thread reads: nil for the lead, which reads the consumer's own queue.
    let queue: ConsumerQueue?
    /// The lead's requests to this thread (unused on the lead).
    let control = StreamThreadControl()
    /// Partitions this thread reads now.
    private var owned: Set<TopicPartition> = []
    /// The lead released partitions in its rebalance hook while filling a batch.
    private var releasedInFill = false
    private let sourceTopics: [String]
    /// Topic handle → (index in the tracker, name), so records get their topic without a
    /// String allocation each.
    private var topicCache: [UInt: TopicEntry] = [:]

    private struct TopicEntry {
        var index: Int
        var name: String
        /// One of the query's own repartition topics.
        var isInternal: Bool
    }
    private let options: KafkaQueryRunner.Options
    private let stats: QueryStats
    let logger: Logger
    private var consumer: KafkaConsumer!
    private var producer: KafkaProducer!
    private var sink: ProducerTopic!
    private var tracker: CommitTracker
    let failure = Mutex<String?>(nil)
    let consumed = Atomic<Int>(0)
    /// Partitions this thread reads now.
    let assigned = Atomic<Int>(0)

    init(processor: any RecordProcessor, sourceTopics: [String], queue: ConsumerQueue?,
         options: KafkaQueryRunner.Options, stats: QueryStats, logger: Logger) {
        self.processor = processor
        self.queue = queue
        self.sourceTopics = sourceTopics
        self.options = options
        self.stats = stats
        self.logger = logger
        tracker = CommitTracker(topics: sourceTopics)
    }

    func attach(consumer: KafkaConsumer, producer: KafkaProducer, sink: ProducerTopic) {
        self.consumer = consumer
        self.producer = producer
        self.sink = sink
        // A stateless task writing only this loop's sink, with nothing to coalesce, is driven
        // directly and writes through `RecordSink`; anything else goes through the processor.
        if let task = processor.statelessTask, task.sinkTopic == sink.name, sourceTopics.count == 1,
           !options.coalesceByKey, options.earliestTopics.isEmpty {
            direct = task
            do {
                keylessPartitions = try producer.partitionCountBlocking(of: sink)
                if keylessPartitions > 0 { keylessPartition = Int32.random(in: 0..<Int32(keylessPartitions)) }
            } catch {
                logger.notice("keyless outputs are placed by librdkafka: \(error)")
            }
        }
    }

    /// Keyless outputs of the direct path go to one partition per consumed batch, the next
    /// partition for the next batch (Java's sticky partitioner, KIP-480, fills one partition's
    /// batch before moving on): librdkafka's own choice costs a partition-availability check
    /// and a clock read per message. 0: librdkafka chooses.
    private var keylessPartitions = 0
    private var keylessPartition: Int32 = 0

    private var direct: StreamQueryTask?
    /// Outputs written in the current batch, added to the shared counter once per batch.
    private var batchProduced = 0

    /// Ends a wait in `consume` early; the loop then checks whether it should stop.
    func wakeup() {
        if let queue { queue.wakeup() } else { consumer.wakeup() }
    }

    /// - Parameter beforeLeaving: runs after the last commit, before the lead's consumer leaves
    ///   the group.
    func run(until stop: () -> Bool, beforeLeaving: () -> Void = {}) {
        let batch = ConsumerBatch(capacity: options.batchSize)
        let readsHeaders = processor.readsHeaders
        let intervalNanos = UInt64(options.commitInterval.components.seconds) * 1_000_000_000
            + UInt64(options.commitInterval.components.attoseconds / 1_000_000_000)
        var lastCommit = monotonicNanos()
        var lastCPU = threadCPUNanos()
        while !stop() {
            if control.pending { serveRequests(holding: nil, until: stop) }
            do {
                if let queue {
                    try queue.consumeBlocking(into: batch, maxMessages: options.batchSize, timeout: .milliseconds(100))
                } else {
                    try consumer.consumeBlocking(into: batch, maxMessages: options.batchSize, timeout: .milliseconds(100))
                }
            } catch {
                logger.warning("consume failed: \(error)")
                sleepMilliseconds(100)
                continue
            }
            // Requests that came during the fill are served before its messages: stream times
            // of new partitions restored, messages of released ones dropped.
            if control.pending { serveRequests(holding: batch, until: stop) }
            if releasedInFill {
                releasedInFill = false
                dropUnowned(batch)
            }
            for error in batch.errors { logger.warning("consumer: \(error)") }
            if !batch.isEmpty {
                let internalRecords: Int
                if let direct {
                    processDirect(batch, task: direct, readsHeaders: readsHeaders)
                    internalRecords = 0
                } else {
                    internalRecords = process(batch, readsHeaders: readsHeaders)
                }
                stats.consumed(batch.count, fromInternal: internalRecords, at: monotonicNanos())
                consumed.wrappingAdd(batch.count, ordering: .relaxed)
                let cpu = threadCPUNanos()
                stats.threadCPUNanos.wrappingAdd(cpu &- lastCPU, ordering: .relaxed)
                lastCPU = cpu
            }
            let now = monotonicNanos()
            if now &- lastCommit >= intervalNanos {
                lastCommit = now
                guard commit(tracker.pending()) else { break }
            }
        }
        batch.clear()
        _ = commit(tracker.pending())
        if queue != nil { control.close() }
        beforeLeaving()
        guard queue == nil else { return }
        do { try consumer.closeBlocking() } catch { logger.warning("leaving the group failed: \(error)") }
    }

    /// A non-lead thread's side of a rebalance. A release commits, then drops what `batch`
    /// holds of the released partitions (the next owner reads them from the commit), and waits
    /// until librdkafka applied the change.
    private func serveRequests(holding batch: ConsumerBatch?, until stop: () -> Bool) {
        for request in control.take() {
            switch request {
            case .take(let partitions):
                take(partitions)
            case .release(let partitions, let lost):
                release(partitions, lost: lost)
                releasedInFill = false
                if let batch { dropUnowned(batch) }
                control.acknowledgeRelease()
                control.waitForResume(until: stop)
            }
        }
    }

    /// Drops the messages of partitions this thread no longer reads.
    private func dropUnowned(_ batch: ConsumerBatch) {
        batch.retain { owned.contains(TopicPartition($0.topic, $0.partition)) }
    }

    /// Records are handed over as views of librdkafka's messages: decoding reads the bytes where
    /// the consumer put them, and the batch releases them only at its next fill.
    /// Returns how many records came from internal topics.
    private func process(_ batch: ConsumerBatch, readsHeaders: Bool) -> Int {
        var internalRecords = 0
        batch.forEach { message in
            let topic = topicOf(message)
            if topic.isInternal { internalRecords += 1 }
            let record = RecordView(
                topic: topic.name, partition: message.partition, offset: message.offset,
                timestamp: message.timestamp ?? 0, key: message.key, value: message.value,
                headers: readsHeaders ? message.headers.map { RecordHeader(key: $0.key, value: $0.value) } : [])
            processor.process(record) { route($0) }
            tracker.processed(topic: topic.index, partition: message.partition, offset: message.offset)
        }
        processor.endBatch { route($0) }
        for out in pendingOutputs { produce(out) }
        pendingOutputs.removeAll(keepingCapacity: true)
        pendingIndex.removeAll(keepingCapacity: true)
        return internalRecords
    }

    /// `process` for a stateless task: one topic, outputs straight to the producer. Offsets are
    /// noted while each message is at hand: a second pass over a 10,000-message batch after
    /// processing reads librdkafka's message structs again after they left the cache (5% of the
    /// thread in a profile).
    private func processDirect(_ batch: ConsumerBatch, task: StreamQueryTask, readsHeaders: Bool) {
        if keylessPartitions > 0 { keylessPartition = (keylessPartition + 1) % Int32(keylessPartitions) }
        let onlyTopic = sourceTopics.count == 1 ? sourceTopics[0] : nil
        tracker.processed(topic: 0) { offsetProcessed in
            batch.forEach { message in
                let record = RecordView(
                    topic: onlyTopic ?? topicOf(message).name, partition: message.partition, offset: message.offset,
                    timestamp: message.timestamp ?? 0, key: message.key, value: message.value,
                    headers: readsHeaders ? message.headers.map { RecordHeader(key: $0.key, value: $0.value) } : [])
                task.process(record, into: self)
                offsetProcessed(message.partition, message.offset)
            }
        }
        stats.producedCount.wrappingAdd(batchProduced, ordering: .relaxed)
        batchProduced = 0
    }

    private func route(_ out: KafkaRecord) {
        if out.topic != sink.name {
            produceInternal(out)
        } else if options.coalesceByKey {
            coalesce(out)
        } else {
            produce(out)
        }
    }

    private var pendingOutputs: [KafkaRecord] = []
    private var pendingIndex: [[UInt8]: Int] = [:]

    private func coalesce(_ out: KafkaRecord) {
        guard let key = out.key else { return pendingOutputs.append(out) }
        if let index = pendingIndex[key] {
            pendingOutputs[index] = out
        } else {
            pendingIndex[key] = pendingOutputs.count
            pendingOutputs.append(out)
        }
    }

    /// Batches mostly hold runs of one topic: the last one is checked before the table.
    private var lastTopic: (id: UInt, entry: TopicEntry) = (0, TopicEntry(index: 0, name: "", isInternal: false))

    private func topicOf(_ message: KafkaMessageView) -> TopicEntry {
        let id = message.topicID
        if id == lastTopic.id { return lastTopic.entry }
        let entry: TopicEntry
        if let known = topicCache[id] {
            entry = known
        } else {
            let name = message.topic
            entry = TopicEntry(index: tracker.index(of: name) ?? 0, name: name, isInternal: options.earliestTopics.contains(name))
            topicCache[id] = entry
        }
        lastTopic = (id, entry)
        return entry
    }

    private func produce(_ out: KafkaRecord) {
        stats.producedCount.wrappingAdd(1, ordering: .relaxed)
        do {
            try withOptionalBytes(out.key) { key in
                try withOptionalBytes(out.value) { value in
                    try producer.produce(
                        to: sink, key: key, value: value, timestamp: out.timestamp > 0 ? out.timestamp : nil)
                }
            }
        } catch {
            logger.error("producing to \(sink.name) failed: \(error)")
        }
    }

    /// Handles of the query's internal topics (repartitions), opened on first use; a short list
    /// compared by name is cheaper than hashing the long internal name per record.
    private var internalTopics: [(name: String, topic: ProducerTopic)] = []

    /// Repartition records keep the partition the task chose (murmur2 over the new key, which
    /// is also librdkafka's `murmur2_random` choice) and are never coalesced: each one is an
    /// input of the downstream half, not a table row.
    private func produceInternal(_ out: KafkaRecord) {
        stats.internalProducedCount.wrappingAdd(1, ordering: .relaxed)
        do {
            let topic: ProducerTopic
            if let known = internalTopics.first(where: { $0.name == out.topic }) {
                topic = known.topic
            } else {
                topic = try producer.topic(out.topic)
                internalTopics.append((out.topic, topic))
            }
            try withOptionalBytes(out.key) { key in
                try withOptionalBytes(out.value) { value in
                    try producer.produce(
                        to: topic, partition: out.partition, key: key, value: value,
                        timestamp: out.timestamp > 0 ? out.timestamp : nil)
                }
            }
        } catch {
            logger.error("producing to \(out.topic) failed: \(error)")
        }
    }

    /// Flushes the sink producer, then commits `offsets`. Returns false if outputs failed to be
    /// delivered: committing past them would lose records, so the query stops instead.
    @discardableResult
    private func commit(_ offsets: [TopicPartitionOffset]) -> Bool {
        guard !offsets.isEmpty else { return true }
        do {
            try producer.flushBlocking()
            try options.beforeCommit?()
            let failed = producer.takeFailedDeliveries()
            if let first = failed.first {
                let message = "\(failed.count) records to \(sink.name) were not delivered (\(first.error!)); stopping"
                logger.error("\(message)")
                failure.withLock { $0 = message }
                return false
            }
            try consumer.commitBlocking(StreamTimeCheckpoint.attach(
                processor.streamTimes, to: offsets, key: processor.streamTimePartition))
            tracker.markCommitted(offsets)
            stats.committed(at: monotonicNanos())
            return true
        } catch {
            // A failed commit is retried at the next interval; records since the last commit
            // may then be processed twice, never skipped.
            logger.warning("commit failed: \(error)")
            return true
        }
    }

    /// This thread now reads `partitions` too (on the lead: inside `consume`, before the
    /// assignment is applied).
    func take(_ partitions: [TopicPartition]) {
        guard !partitions.isEmpty else { return }
        logger.info("assigned \(partitions.map(\.description).joined(separator: ", "))")
        owned.formUnion(partitions)
        assigned.store(owned.count, ordering: .relaxed)
        restoreStreamTimes(partitions)
    }

    /// Commits (unless the partitions were lost to another member) and forgets the work done on
    /// those of `partitions` this thread reads.
    func release(_ partitions: [TopicPartition], lost: Bool) {
        let mine = partitions.filter { owned.contains($0) }
        guard !mine.isEmpty else { return }
        if !lost { commit(tracker.pending(only: Set(mine))) }
        tracker.forget(mine)
        owned.subtract(mine)
        assigned.store(owned.count, ordering: .relaxed)
        releasedInFill = true
    }
}

extension QueryLoop {
    /// Stream time committed with the partitions' offsets, so grace and retention decisions
    /// after a restart match those of a query that never stopped. One fetch per rebalance.
    func restoreStreamTimes(_ partitions: [TopicPartition]) {
        do {
            let committed = try consumer.committedBlocking(partitions)
            for (partition, time) in StreamTimeCheckpoint.times(in: committed, key: processor.streamTimePartition) {
                processor.restoreStreamTime(time, partition: partition)
            }
        } catch {
            // Without it the partition's stream time restarts from the records that follow.
            logger.warning("reading committed stream times failed: \(error)")
        }
    }
}

extension QueryLoop: RecordSink {
    /// A stateless task's output: librdkafka copies the borrowed bytes before returning.
    func write(key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?, timestamp: Int64) {
        batchProduced += 1
        do {
            let partition = key == nil && keylessPartitions > 0 ? keylessPartition : nil
            try producer.produce(
                to: sink, partition: partition, key: key, value: value, timestamp: timestamp > 0 ? timestamp : nil)
        } catch {
            logger.error("producing to \(sink.name) failed: \(error)")
        }
    }
}

/// A persistent query's processing step as a transport sees it: one source record in, any
/// number of sink records out. The in-memory driver and the Kafka runtime both run queries
/// through this, so an operator pipeline (stateless now, stateful later) only has to conform.
///
/// One processor is driven by one thread at a time.
public protocol RecordProcessor: AnyObject {
    /// Whether records need their headers copied (copying them costs an allocation each).
    var readsHeaders: Bool { get }
    /// The record's bytes are valid only during the call.
    func process(_ record: RecordView, output: (KafkaRecord) -> Void)
    /// Called after each consumed batch, before any commit: writes deferred state changelogs
    /// and emits the table updates a record cache coalesced during the batch.
    func endBatch(output: (KafkaRecord) -> Void)
    /// Stream time per source partition, which transports checkpoint with committed offsets
    /// (empty for stateless processors, which have none).
    var streamTimes: [Int32: Int64] { get }
    /// Resumes a partition's stream time from a checkpoint, before its records arrive.
    func restoreStreamTime(_ time: Int64, partition: Int32)
    /// The `streamTimes` key of records from this topic and partition.
    func streamTimePartition(topic: String, partition: Int32) -> Int32
    /// The stateless task behind this processor, if it is one: a transport may then drive it
    /// directly (`StreamQueryTask.process(_:into:)`), without this protocol's hops and without a
    /// `KafkaRecord` per output.
    var statelessTask: StreamQueryTask? { get }
}

extension RecordProcessor {
    public func process(_ record: KafkaRecord, output: (KafkaRecord) -> Void) {
        record.withView { process($0, output: output) }
    }
    public func endBatch(output: (KafkaRecord) -> Void) {}
    public var streamTimes: [Int32: Int64] { [:] }
    public func restoreStreamTime(_ time: Int64, partition: Int32) {}
    public func streamTimePartition(topic: String, partition: Int32) -> Int32 { partition }
    public var statelessTask: StreamQueryTask? { nil }
}

extension StreamQueryTask: RecordProcessor {
    public var readsHeaders: Bool {
        plan.source.source.schema.columns.contains { if case .header = $0.namespace { true } else { false } }
    }

    public var statelessTask: StreamQueryTask? { self }

    public func process(_ record: RecordView, output: (KafkaRecord) -> Void) {
        process(record) { key, value, timestamp in
            if let out = serialize(key: key, value: value, timestamp: timestamp) { output(out) }
        }
    }
}

/// A persistent query's processing step as a transport sees it: one source record in, any
/// number of sink records out. The in-memory driver and the Kafka runtime both run queries
/// through this, so an operator pipeline (stateless now, stateful later) only has to conform.
///
/// One processor is driven by one thread at a time.
public protocol RecordProcessor: AnyObject {
    /// Whether records need their headers copied (copying them costs an allocation each).
    var readsHeaders: Bool { get }
    func process(_ record: KafkaRecord, output: (KafkaRecord) -> Void)
    /// Called after each consumed batch, before any commit: writes deferred state changelogs
    /// and emits the table updates a record cache coalesced during the batch.
    func endBatch(output: (KafkaRecord) -> Void)
}

extension RecordProcessor {
    public func endBatch(output: (KafkaRecord) -> Void) {}
}

extension StreamQueryTask: RecordProcessor {
    public var readsHeaders: Bool {
        plan.source.source.schema.columns.contains { if case .header = $0.namespace { true } else { false } }
    }

    public func process(_ record: KafkaRecord, output: (KafkaRecord) -> Void) {
        process(record) { key, value, timestamp in
            if let out = serialize(key: key, value: value, timestamp: timestamp) { output(out) }
        }
    }
}

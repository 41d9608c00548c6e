import EddyCore
import EddyFormats
import EddyPlanner

/// Where a stateful query's internal topics go: ksqlDB's prefix
/// `_confluent-ksql-<service id>query_<query id>-` and the partition count of repartition topics
/// (the source topic's, as Kafka Streams sizes them).
public struct InternalTopics: Sendable {
    public var prefix: String
    public var partitions: Int

    public init(serviceID: String, queryID: String, partitions: Int) {
        prefix = "_confluent-ksql-\(serviceID)query_\(queryID)-"
        self.partitions = max(1, partitions)
    }
}

/// The upstream half of a re-key: writes each change to a repartition topic, keyed by the new key
/// (serialized with the query's key format, so SR formats register `<topic>-key` as ksqlDB does)
/// and partitioned by murmur2 over those bytes. The downstream half reads the topic back
/// (`decode`), so records with the same new key meet in the same partition whichever task or
/// consumer read the source.
///
/// The value carries the change in Eddy's internal row encoding (`ValueCodec`): the full-width
/// row before and after, and the window. It must round-trip every column type of every source,
/// which the query's value format cannot always do (DELIMITED, KAFKA); the topic is internal to
/// the query, so no other reader depends on it. Values start with an `InternalEncoding` marker.
final class RepartitionOperator {
    let topic: String
    let partitions: Int
    /// Stream time of the downstream half is kept per partition of this topic, offset by this
    /// base in `TaskContext`: 0 shares the sources' partitions (a join's task reads both sides'
    /// partition p), a distinct base gives an aggregation its own sub-topology time.
    let timePartitionBase: Int32
    private let keyExpressions: [CompiledExpression]
    /// Slots the downstream half reads (nil: all); the others travel as NULL, one byte each.
    private let kept: [Bool]?
    private var keySerializer: (any RowSerializer)?
    private var keyBuffer: [UInt8] = []
    private var valueBuffer: [UInt8] = []
    private(set) var pending: [KafkaRecord] = []
    /// A GROUP BY's repartition: the record carries the new key as its change's key, so the
    /// aggregate downstream does not evaluate it a second time, and a NULL key drops the record
    /// here, reported through this closure with the index of the NULL column (ksqlDB's
    /// `GroupByParamsFactory`). Nil for joins, whose operators still read the source key.
    var droppedNullKey: ((Int) -> Void)?

    init(topic: String, partitions: Int, timePartitionBase: Int32, keyExpressions: [CompiledExpression], keyColumns: [Column],
         readSlots: [Int]? = nil, width: Int = 0, sink: DataSource?, formats: FormatRegistry) {
        self.topic = topic
        kept = readSlots.map { slots in (0..<width).map { slots.contains($0) } }
        self.partitions = max(1, partitions)
        self.timePartitionBase = timePartitionBase
        self.keyExpressions = keyExpressions
        if let sink {
            keySerializer = try? formats.format(for: sink.keyFormat).makeSerializer(
                columns: keyColumns,
                context: SerdeContext(info: sink.keyFormat, features: sink.keyFeatures, isKey: true, topic: topic))
        }
    }

    /// Queues the change for the repartition topic; a table update whose old and new rows map to
    /// different keys becomes a retraction under the old key and an addition under the new one.
    func send(_ change: Change) {
        if droppedNullKey != nil { return sendRekeyed(change) }
        let newKey = change.new.map(key)
        let oldKey = change.old.map(key)
        if let oldKey, let newKey, oldKey != newKey {
            var retract = change
            retract.new = nil
            write(retract, key: oldKey)
            var add = change
            add.old = nil
            write(add, key: newKey)
        } else if let k = newKey ?? oldKey {
            write(change, key: k)
        }
    }

    private func sendRekeyed(_ change: Change) {
        let newKey = change.new.flatMap(nonNullKey)
        let oldKey = change.old.flatMap(nonNullKey)
        var c = change
        if let newKey, let oldKey, newKey == oldKey {
            c.key = newKey
            return write(c, key: newKey)
        }
        if let oldKey {
            c.key = oldKey
            c.new = nil
            write(c, key: oldKey)
        }
        if let newKey {
            c = change
            c.key = newKey
            c.old = nil
            write(c, key: newKey)
        }
    }

    /// The row's new key, or nil (reported) when a column of it is NULL.
    private func nonNullKey(_ row: [Value]) -> [Value]? {
        let k = key(row)
        if let i = k.firstIndex(where: \.isNull) {
            droppedNullKey?(i)
            return nil
        }
        return k
    }

    /// Hands the queued records to `body` and empties the queue, reusing its buffer (returning
    /// the array and clearing it allocated a new buffer per record).
    func drainPending(_ body: (KafkaRecord) -> Void) {
        var records: [KafkaRecord] = []
        swap(&records, &pending)
        for r in records { body(r) }
        // In memory `body` may re-enter the task, which queues and drains its own records.
        if pending.isEmpty {
            records.removeAll(keepingCapacity: true)
            swap(&records, &pending)
        }
    }

    private func key(_ row: [Value]) -> [Value] { keyExpressions.map { $0.evaluate(row) } }

    /// The key's bytes on the topic and the partition they hash to; a NULL key is a Kafka null
    /// key (partition 0), which the aggregate downstream drops and logs.
    func serializedKey(_ key: [Value]) -> (bytes: [UInt8]?, partition: Int32) {
        guard !key.contains(where: \.isNull) else { return (nil, 0) }
        if keySerializer == nil || (try? keySerializer!.serialize(key[...], into: &keyBuffer)) != true {
            // The key format cannot hold this key: keep the record flowing with an internal key.
            keyBuffer.removeAll(keepingCapacity: true)
            ValueCodec.encode(key, into: &keyBuffer)
        }
        return (keyBuffer, Murmur2Partitioner.partition(for: keyBuffer, partitions: partitions))
    }

    /// A combiner's partial aggregate, under the key bytes and partition its rows would have had.
    func partialRecord(_ p: PartialAggregate, keyBytes: [UInt8]?, partition: Int32, headers: [RecordHeader]) -> KafkaRecord {
        valueBuffer.removeAll(keepingCapacity: true)
        if p.isTimeMark {
            PartialAggregate.encodeTimeMark(into: &valueBuffer)
        } else {
            PartialAggregate.encode(key: p.key, window: p.window, states: p.states, into: &valueBuffer)
        }
        return KafkaRecord(topic: topic, partition: partition, timestamp: p.timestamp, key: keyBytes, value: valueBuffer,
                           headers: headers)
    }

    private func write(_ change: Change, key: [Value]) {
        let (keyBytes, partition) = serializedKey(key)
        valueBuffer.removeAll(keepingCapacity: true)
        Self.encode(change, kept: kept, into: &valueBuffer)
        pending.append(KafkaRecord(topic: topic, partition: partition, timestamp: change.timestamp, key: keyBytes,
                                   value: valueBuffer))
    }

    static func encode(_ change: Change, kept: [Bool]? = nil, into out: inout [UInt8]) {
        var flags: UInt8 = 0
        if change.old != nil { flags |= 1 }
        if change.new != nil { flags |= 2 }
        if change.window != nil { flags |= 4 }
        InternalEncoding.writeMarker(&out)
        out.append(flags)
        ValueCodec.encode(change.key, into: &out)
        if let w = change.window {
            ValueCodec.appendInt(w.start, &out)
            ValueCodec.appendInt(w.end, &out)
        }
        if let old = change.old { encode(row: old, kept: kept, into: &out) }
        if let new = change.new { encode(row: new, kept: kept, into: &out) }
    }

    /// A row in `ValueCodec`'s list encoding, with the slots nobody reads downstream as NULL.
    private static func encode(row: [Value], kept: [Bool]?, into out: inout [UInt8]) {
        // A row may end early: a source row whose trailing pseudo columns nobody reads.
        guard let kept, kept.count >= row.count else { return ValueCodec.encode(row, into: &out) }
        ValueCodec.appendInt(Int64(row.count), &out)
        for i in row.indices {
            if kept[i] { ValueCodec.encode(row[i], into: &out) } else { out.append(0) }
        }
    }

    /// The change a repartition record carries; throws (the caller logs) if it is not one.
    static func decode(_ record: KafkaRecord) throws -> Change {
        guard let value = record.value else { throw EddyError(.execution, "Repartition record without a value") }
        var reader = ValueCodec.Reader(bytes: value)
        _ = try InternalEncoding.readVersion(&reader, what: "repartition")
        let flags = try reader.byte()
        let key = try reader.values()
        var window: WindowBounds?
        if flags & 4 != 0 { window = WindowBounds(start: try reader.int(), end: try reader.int()) }
        let old = flags & 1 != 0 ? try reader.values() : nil
        let new = flags & 2 != 0 ? try reader.values() : nil
        return Change(key: key, old: old, new: new, timestamp: record.timestamp, window: window)
    }
}

import EddyCore
import EddyFormats
import EddyPlanner

/// Runs a compiled stateless query over source records: deserialize, extract time, filter,
/// explode, project, serialize. One task per source partition; its serdes keep scratch buffers.
public final class StreamQueryTask {
    public let queryID: String
    public let plan: StreamQueryPlan
    public let sinkTopic: String?
    private let log: ProcessingLog
    private let keyIndexes: [Int]
    private let valueIndexes: [Int]
    private let headerColumns: [(index: Int, key: String?)]
    private let layoutWidth: Int
    /// Whether the schema is key columns then value columns (then headers): the row is then built
    /// by the deserializers appending straight into it, with no scratch copy.
    private let contiguous: Bool
    // Pseudo-column slots, resolved once instead of a dictionary lookup per record.
    private let rowtimeIndex: Int
    private let rowpartitionIndex: Int
    private let rowoffsetIndex: Int
    /// Per-record state, passed `inout` to the per-record functions: row building touches these
    /// arrays once per column, and each access through `self` would cost a dynamic exclusivity
    /// check in debug builds. (Release builds of this module skip those checks, see Package.swift;
    /// moving the state out and back with `swap` cost a construction and a destruction of the
    /// placeholder per record.)
    private var decoding: Decoding
    private var encoding: Encoding
    /// Headers of the record being processed: outputs carry their input's headers, as Kafka
    /// Streams forwards them.
    private var currentHeaders: [RecordHeader] = []
    private var currentKeyIsNull = false
    /// The plan's closures, extracted once: iterating `plan`'s expression arrays copied each
    /// `CompiledExpression` (its type and closure) per record.
    /// The filter (TRUE without a WHERE clause) and whether there is one: a non-optional closure
    /// is called without copying (and releasing) an optional out of `self` per record.
    private let filterEval: @Sendable ([Value]) -> Value
    private let hasFilter: Bool
    private let keyEvals: [@Sendable ([Value]) -> Value]
    private let valueEvals: [@Sendable ([Value]) -> Value]
    /// Per output column, the source slot it copies (a plain column reference), or -1 to call its
    /// closure.
    private let keySlots: [Int]
    private let valueSlots: [Int]
    private let sourceTime: TimestampExtraction
    /// Plan facts read per record, copied out once: reading them through `plan` copied parts of
    /// the plan (its `DataSource`s) on every record.
    private let hasTableFunctions: Bool
    private let keepsSourceKey: Bool
    private let sinkTimestampColumn: Int?
    /// The source timestamp column, and whether it is a value column (absent without a value).
    private let timestampColumn: (index: Int, inValue: Bool)?
    private let sinkTime: TimestampExtraction
    public private(set) var emitted = 0
    /// Whether the task has a sink's serializers. Asked instead of comparing the optional
    /// serializer existentials with nil, which copied (and freed) both per output.
    private let hasSerializers: Bool
    /// Whether `process(_:into:)` takes `processStraight`.
    private let direct: Bool
    /// Whether anything reads ROWPARTITION or ROWOFFSET: else their slots stay NULL and are not
    /// rewritten per record.
    private let writesPosition: Bool

    /// The deserializers and the reused source row and output arrays (an array is only
    /// reallocated when an emitted row still holds it).
    private struct Decoding {
        var keyDeserializer: (any RowDeserializer)?
        var valueDeserializer: (any RowDeserializer)?
        var scratchKey: [Value] = []
        var scratchValue: [Value] = []
        var row: [Value] = []
        var outKey: [Value] = []
        var outValue: [Value] = []
    }

    private struct Encoding {
        var keySerializer: (any RowSerializer)?
        var valueSerializer: (any RowSerializer)?
        var keyBuffer: [UInt8] = []
        var valueBuffer: [UInt8] = []
    }

    public init(queryID: String, plan: StreamQueryPlan, sink: DataSource?, formats: FormatRegistry, log: ProcessingLog) throws {
        self.queryID = queryID
        self.plan = plan
        self.log = log
        let source = plan.source.source
        let slots = SourceSlots(source)
        keyIndexes = slots.keys
        valueIndexes = slots.values
        headerColumns = slots.headers
        layoutWidth = plan.source.width
        rowtimeIndex = plan.source.pseudoIndex[.rowtime]!
        rowpartitionIndex = plan.source.pseudoIndex[.rowpartition]!
        rowoffsetIndex = plan.source.pseudoIndex[.rowoffset]!
        // Not `?? { … }`: the generic `??` would wrap the closure in reabstraction thunks.
        if let filter = plan.filter { filterEval = filter.evaluate } else { filterEval = { _ in .bool(true) } }
        hasFilter = plan.filter != nil
        keyEvals = plan.keyExpressions.map(\.evaluate)
        valueEvals = plan.valueExpressions.map(\.evaluate)
        keySlots = plan.keyExpressions.map { $0.slot ?? -1 }
        valueSlots = plan.valueExpressions.map { $0.slot ?? -1 }
        contiguous = keyIndexes == Array(0..<keyIndexes.count)
            && valueIndexes == Array(keyIndexes.count..<keyIndexes.count + valueIndexes.count)
        sourceTime = try TimestampExtraction(format: plan.timestampFormat)
        hasTableFunctions = !plan.tableFunctions.isEmpty
        keepsSourceKey = plan.keepsSourceKey
        sinkTimestampColumn = plan.sinkTimestampColumn
        timestampColumn = plan.timestampColumn.map { ($0, source.schema.columns[$0].namespace == .value) }
        sinkTime = try TimestampExtraction(format: plan.sinkTimestampFormat)
        direct = contiguous && !hasTableFunctions && sinkTimestampColumn == nil && sink != nil
        let position = [rowpartitionIndex, rowoffsetIndex]
        writesPosition = plan.readSlots.map { read in position.contains(where: read.contains) } ?? true
        decoding = Decoding()
        decoding.keyDeserializer = try source.makeDeserializer(isKey: true, formats: formats)
        decoding.valueDeserializer = try source.makeDeserializer(isKey: false, formats: formats)
        if let read = plan.readSlots.map(Set.init) {
            // Columns no expression reads are validated but not built (an unread STRING is skipped).
            decoding.keyDeserializer!.prune(reading: keyIndexes.map(read.contains))
            decoding.valueDeserializer!.prune(reading: valueIndexes.map(read.contains))
        }
        sinkTopic = sink?.topic
        hasSerializers = sink != nil
        encoding = Encoding()
        if let sink {
            let keys = sink.schema.keyColumns, values = sink.schema.serializedValueColumns
            encoding.keySerializer = try formats.format(for: sink.keyFormat).makeSerializer(
                columns: keys, context: SerdeContext(info: sink.keyFormat, features: sink.keyFeatures, isKey: true, topic: sink.topic))
            encoding.valueSerializer = try formats.format(for: sink.valueFormat).makeSerializer(
                columns: values, context: SerdeContext(info: sink.valueFormat, features: sink.valueFeatures, isKey: false, topic: sink.topic))
        }
    }

    /// Processes one source record; output rows go to `emit` as (key values, value values, time).
    /// A source record with a null value passes through as a null value (ksqlDB's projection maps a
    /// null row to null), but a filter or a table function drops it.
    public func process(_ record: KafkaRecord, emit: (_ key: [Value], _ value: [Value]?, _ timestamp: Int64) -> Void) {
        record.withView { process($0, emit: emit) }
    }

    /// The same, reading the key and value where the transport keeps them.
    public func process(_ record: RecordView, emit: (_ key: [Value], _ value: [Value]?, _ timestamp: Int64) -> Void) {
        process(record, &decoding, emit: emit)
    }

    private func process(_ record: RecordView, _ d: inout Decoding, emit: (_ key: [Value], _ value: [Value]?, _ timestamp: Int64) -> Void) {
        guard let hasValue = decode(record, &d) else { return }
        currentHeaders = record.headers
        currentKeyIsNull = record.key == nil
        let row = d.row
        if !hasValue {
            guard !hasFilter, !hasTableFunctions else { return }
            if case .bigint(let t) = row[rowtimeIndex] { emit(nullValueKey(row), nil, t) } else { emit(nullValueKey(row), nil, 0) }
            return
        }
        if hasFilter {
            guard case .bool(true) = filterEval(row) else { return }
        }
        if !hasTableFunctions {
            project(row, &d, emit: emit)
            return
        }
        let lists = plan.tableFunctions.map { $0.evaluate(row) }
        let count = lists.map(\.count).max() ?? 0
        var exploded = row
        for i in 0..<count {
            exploded.removeSubrange(layoutWidth...)
            for list in lists { exploded.append(i < list.count ? list[i] : .null) }
            project(exploded, &d, emit: emit)
        }
    }

    /// The output key of a record without a value: a key expression that reads value columns (a
    /// PARTITION BY over them) is NULL, as ksqlDB evaluates it on a null row.
    private func nullValueKey(_ row: [Value]) -> [Value] {
        plan.keyExpressions.indices.map { i in
            i < plan.keyReadsValue.count && plan.keyReadsValue[i] ? Value.null : plan.keyExpressions[i].evaluate(row)
        }
    }

    private func project(_ row: [Value], _ d: inout Decoding, emit: (_ key: [Value], _ value: [Value]?, _ timestamp: Int64) -> Void) {
        projectOutputs(row, &d)
        var timestamp: Int64
        if case .bigint(let t) = row[rowtimeIndex] { timestamp = t } else { timestamp = 0 }
        if let i = sinkTimestampColumn {
            // The index runs over key columns, then value columns.
            let column = i < d.outKey.count ? d.outKey[i] : d.outValue[i - d.outKey.count]
            guard let t = sinkTime.millis(column), t >= 0 else {
                log.record(queryID: queryID, message: "Failed to extract timestamp from column \(plan.outputSchema.columns[i].name)")
                return
            }
            timestamp = t
        }
        emit(d.outKey, d.outValue, timestamp)
    }

    /// Turns the emitted row into a Kafka record for the sink topic, or logs why it cannot.
    public func serialize(key: [Value], value: [Value]?, timestamp: Int64) -> KafkaRecord? {
        serialize(key: key, value: value, timestamp: timestamp, &encoding)
    }

    private func serialize(key: [Value], value: [Value]?, timestamp: Int64, _ e: inout Encoding) -> KafkaRecord? {
        guard let sinkTopic, let (hasKey, hasValue) = encode(key: key, value: value, &e) else { return nil }
        return KafkaRecord(topic: sinkTopic, timestamp: timestamp, key: hasKey ? e.keyBuffer : nil,
                           value: hasValue ? e.valueBuffer : nil, headers: currentHeaders)
    }

    /// Serializes an output row into the task's buffers and counts it; nil (after logging why)
    /// when there is no sink or the row cannot be serialized. Returns whether the key and the
    /// value are present (a Kafka null otherwise).
    private func encode(key: [Value], value: [Value]?, _ e: inout Encoding) -> (key: Bool, value: Bool)? {
        guard let sinkTopic, hasSerializers else { return nil }
        do {
            let hasKey = isNullKey(key) ? false : try e.keySerializer!.serialize(key[...], into: &e.keyBuffer)
            var hasValue = false
            if let value { hasValue = try e.valueSerializer!.serialize(value[...], into: &e.valueBuffer) }
            emitted += 1
            return (hasKey, hasValue)
        } catch {
            log.record(queryID: queryID, message: "Failed to serialize row for topic \(sinkTopic): \(error.eddyMessage)")
            return nil
        }
    }

    /// Processes one source record and writes its outputs, serialized, to `sink`: the path for
    /// transports that copy outputs at once. Same rows, errors, processing-log messages and
    /// `emitted` count as `process(_:emit:)` followed by `serialize`; the buffers stay the task's,
    /// so nothing is allocated per output.
    public func process(_ record: RecordView, into sink: any RecordSink) {
        if direct {
            processStraight(record, into: sink, &decoding, &encoding)
        } else {
            process(record) { key, value, timestamp in write(key: key, value: value, timestamp: timestamp, to: sink, &encoding) }
        }
    }

    /// `process(_:into:)` for the common shape (a keys-then-values row, no table functions, the
    /// sink's time taken from the source): the same steps without the `emit` closure, the copy of
    /// the row it is handed, and the per-slot uniqueness checks of writing the output arrays
    /// element by element.
    private func processStraight(_ record: RecordView, into sink: any RecordSink, _ d: inout Decoding, _ e: inout Encoding) {
        guard let hasValue = decodeInPlace(record, &d) else { return }
        currentKeyIsNull = record.key == nil
        var timestamp: Int64 = 0
        if case .bigint(let t) = d.row[rowtimeIndex] { timestamp = t }
        guard hasValue else {
            guard !hasFilter else { return }
            return write(key: nullValueKey(d.row), value: nil, timestamp: timestamp, to: sink, &e)
        }
        if hasFilter {
            guard case .bool(true) = filterEval(d.row) else { return }
        }
        projectOutputs(d.row, &d)
        write(key: d.outKey, value: d.outValue, timestamp: timestamp, to: sink, &e)
    }

    /// Computes the output key and value columns into `d.outKey` and `d.outValue`. The arrays
    /// are reused: when an emitted row still holds them, the next record's writes copy first.
    /// Overwritten in place: emptying and refilling costs a generic `replaceSubrange` per record.
    @inline(__always) private func projectOutputs(_ row: [Value], _ d: inout Decoding) {
        Self.fit(&d.outKey, to: keySlots.count)
        Self.fit(&d.outValue, to: valueSlots.count)
        Self.project(row, keySlots, keyEvals, into: &d.outKey)
        Self.project(row, valueSlots, valueEvals, into: &d.outValue)
    }

    /// Fills `out` (already `slots.count` long) from the row: a slot copy or a closure call per
    /// column, written through one buffer.
    @inline(__always) private static func project(_ row: [Value], _ slots: [Int], _ evals: [@Sendable ([Value]) -> Value],
                                                  into out: inout [Value]) {
        guard !slots.isEmpty else { return }
        out.withUnsafeMutableBufferPointer { out in
            slots.withUnsafeBufferPointer { slots in
                row.withUnsafeBufferPointer { source in
                    let to = out.baseAddress.unsafelyUnwrapped
                    for j in 0 ..< slots.count {
                        let slot = slots[j]
                        if slot >= 0 && slot < source.count {
                            (to + j).overwrite(withCopyOf: source.baseAddress.unsafelyUnwrapped + slot)
                        } else {
                            (to + j).overwrite(with: slot >= 0 ? .null : evals[j](row))
                        }
                    }
                }
            }
        }
    }

    private func write(key: [Value], value: [Value]?, timestamp: Int64, to sink: any RecordSink, _ e: inout Encoding) {
        guard let (hasKey, hasValue) = encode(key: key, value: value, &e) else { return }
        e.keyBuffer.withUnsafeBytes { k in
            e.valueBuffer.withUnsafeBytes { v in
                sink.write(key: hasKey ? k : nil, value: hasValue ? v : nil, timestamp: timestamp)
            }
        }
    }

    /// A keyless output, a source's null key passed through, or a single NULL key column is
    /// written as a Kafka null, as ksqlDB's key serdes do.
    @inline(__always) private func isNullKey(_ key: [Value]) -> Bool {
        key.isEmpty || (keepsSourceKey && currentKeyIsNull) || (key.count == 1 && key[0] == .null)
    }

    /// Builds the source row in `d.row` and returns whether the record had a value, or logs and
    /// returns nil for records that cannot be read. A null value leaves the value columns NULL.
    private func decode(_ record: RecordView, _ d: inout Decoding) -> Bool? {
        if contiguous { return decodeInPlace(record, &d) }
        d.scratchKey.removeAll(keepingCapacity: true)
        d.scratchValue.removeAll(keepingCapacity: true)
        let hasValue: Bool
        do {
            _ = try d.keyDeserializer!.deserialize(record.key, into: &d.scratchKey)
            hasValue = try d.valueDeserializer!.deserialize(record.value, into: &d.scratchValue)
        } catch {
            log.record(queryID: queryID, message: error.eddyMessage, topic: record.topic, offset: record.offset)
            return nil
        }
        if d.row.count == layoutWidth {
            for i in d.row.indices { d.row[i] = .null }
        } else {
            d.row = [Value](repeating: .null, count: layoutWidth)
        }
        for (n, i) in keyIndexes.enumerated() where n < d.scratchKey.count { d.row[i] = d.scratchKey[n] }
        for (n, i) in valueIndexes.enumerated() where n < d.scratchValue.count { d.row[i] = d.scratchValue[n] }
        for (i, key) in headerColumns {
            d.row[i] = HeaderColumns.value(record.headers, key: key)
        }
        return finishRow(record, hasValue: hasValue, &d)
    }

    /// `decode` for a schema of keys then values: the deserializers overwrite the row's slots in
    /// place. Slots past the values are NULL (padded once) or rewritten below for every record.
    private func decodeInPlace(_ record: RecordView, _ d: inout Decoding) -> Bool? {
        let keyCount = keyIndexes.count, valueCount = valueIndexes.count
        let hasValue: Bool
        do {
            _ = try d.keyDeserializer!.deserialize(record.key, overwriting: &d.row, at: 0, count: keyCount)
            hasValue = try d.valueDeserializer!.deserialize(record.value, overwriting: &d.row, at: keyCount, count: valueCount)
        } catch {
            log.record(queryID: queryID, message: error.eddyMessage, topic: record.topic, offset: record.offset)
            return nil
        }
        Self.fit(&d.row, to: layoutWidth)
        for (i, key) in headerColumns {
            d.row[i] = HeaderColumns.value(record.headers, key: key)
        }
        return finishRow(record, hasValue: hasValue, &d)
    }

    /// Pads a row with NULLs, or cuts it, to `count` values.
    @inline(__always) private static func fit(_ row: inout [Value], to count: Int) {
        if row.count > count { row.removeSubrange(count...) }
        while row.count < count { row.append(.null) }
    }

    /// Record time and the pseudo columns, once the source columns are in place.
    private func finishRow(_ record: RecordView, hasValue: Bool, _ d: inout Decoding) -> Bool? {
        var timestamp = record.timestamp
        if let (tsIndex, inValue) = timestampColumn, hasValue || !inValue {
            guard let t = sourceTime.millis(d.row[tsIndex]), t >= 0 else {
                log.record(queryID: queryID, message: "Failed to extract timestamp from column \(plan.source.source.schema.columns[tsIndex].name)",
                           topic: record.topic, offset: record.offset)
                return nil
            }
            timestamp = t
        }
        let writesPosition = self.writesPosition, partition = record.partition, offset = record.offset
        let rowtime = rowtimeIndex, rowpartition = rowpartitionIndex, rowoffset = rowoffsetIndex
        d.row.withUnsafeMutableBufferPointer { row in
            let base = row.baseAddress.unsafelyUnwrapped
            (base + rowtime).overwrite(with: .bigint(timestamp))
            if writesPosition {
                (base + rowpartition).overwrite(with: .int(partition))
                (base + rowoffset).overwrite(with: .bigint(offset))
            }
        }
        return hasValue
    }

}

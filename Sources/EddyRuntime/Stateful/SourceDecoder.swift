import EddyCore
import EddyFormats
import EddyPlanner

/// Decodes one input's records into full-width rows: the input's columns at its offset, then its
/// pseudo columns (ROWTIME, ROWPARTITION, ROWOFFSET, and WINDOWSTART/WINDOWEND for windowed keys).
/// A nil value comes back as a tombstone (`row == nil`) so tables can delete.
final class SourceDecoder {
    let input: QueryInput
    let width: Int
    private let context: TaskContext
    private var keyDeserializer: any RowDeserializer
    private var valueDeserializer: any RowDeserializer
    private let keyIndexes: [Int]
    private let valueIndexes: [Int]
    private let headerColumns: [(index: Int, key: String?)]
    private var scratchKey: [Value] = []
    private var scratchValue: [Value] = []
    /// The last decoded row, kept to be overwritten by the next record: when nothing downstream
    /// held on to it (an aggregate folds it and lets go) its buffer is reused in place; when
    /// something did (a join window), the first write copies, so the held row never changes.
    private var lastRow: [Value] = []
    private let time: TimestampExtraction
    // Pseudo-column slots (already offset), resolved once rather than looked up per record.
    private let rowtimeSlot: Int, rowpartitionSlot: Int, rowoffsetSlot: Int
    private let windowSlots: (start: Int, end: Int)?

    struct Decoded {
        var key: [Value]
        var row: [Value]?
        var timestamp: Int64
        var window: WindowBounds?
        /// For a record without a value: the row with only its key and pseudo columns set.
        var tombstoneRow: [Value]? = nil
    }

    init(input: QueryInput, width: Int, formats: FormatRegistry, context: TaskContext) throws {
        self.input = input
        self.width = width
        self.context = context
        time = try TimestampExtraction(format: input.timestampFormat)
        let p = input.layout.pseudoIndex
        rowtimeSlot = input.offset + p[.rowtime]!
        rowpartitionSlot = input.offset + p[.rowpartition]!
        rowoffsetSlot = input.offset + p[.rowoffset]!
        if let s = p[.windowstart], let e = p[.windowend] { windowSlots = (input.offset + s, input.offset + e) } else { windowSlots = nil }
        let source = input.layout.source
        let slots = SourceSlots(source)
        keyIndexes = slots.keys
        valueIndexes = slots.values
        headerColumns = slots.headers
        keyDeserializer = try source.makeDeserializer(isKey: true, formats: formats)
        valueDeserializer = try source.makeDeserializer(isKey: false, formats: formats)
        if let read = input.readSlots.map(Set.init) {
            // Unread value columns are validated but not built (see `QueryInput.readSlots`).
            valueDeserializer.prune(reading: valueIndexes.map { read.contains(input.offset + $0) })
        }
    }

    /// nil when the record cannot be read (logged); a tombstone has `row == nil`.
    func decode(_ record: KafkaRecord) -> Decoded? {
        // The scratch arrays are moved out for the call: each access to a class's `var` costs a
        // dynamic exclusivity check, and rows are built from them column by column.
        var scratchKey: [Value] = [], scratchValue: [Value] = []
        swap(&scratchKey, &self.scratchKey)
        swap(&scratchValue, &self.scratchValue)
        defer {
            swap(&scratchKey, &self.scratchKey)
            swap(&scratchValue, &self.scratchValue)
        }
        scratchKey.removeAll(keepingCapacity: true)
        scratchValue.removeAll(keepingCapacity: true)
        let source = input.layout.source
        var window: WindowBounds?
        var keyBytes = record.key
        if let w = source.window, let bytes = record.key {
            let session = w == .session
            guard let split = WindowedKeyCodec.split(bytes, session: session) else {
                context.log.record(queryID: context.queryID, message: "Failed to deserialize key from topic: \(record.topic). Windowed key too short",
                                   topic: record.topic, offset: record.offset)
                return nil
            }
            keyBytes = Array(split.key)
            var end = split.end ?? split.start
            switch w {
            case .tumbling(let size), .hopping(let size): end = split.start &+ size
            case .session: break
            }
            window = WindowBounds(start: split.start, end: end)
        }
        let hasValue: Bool
        do {
            _ = try keyDeserializer.deserialize(keyBytes, into: &scratchKey)
            hasValue = try valueDeserializer.deserialize(record.value, into: &scratchValue)
        } catch {
            context.log.record(queryID: context.queryID, message: error.eddyMessage, topic: record.topic, offset: record.offset)
            return nil
        }
        let offset = input.offset
        var row: [Value] = []
        swap(&row, &lastRow)
        if row.count == width {
            for i in row.indices { row[i] = .null }
        } else {
            row = [Value](repeating: .null, count: width)
        }
        for (n, i) in keyIndexes.enumerated() where n < scratchKey.count { row[offset + i] = scratchKey[n] }
        let key = keyIndexes.indices.map { $0 < scratchKey.count ? scratchKey[$0] : .null }
        var timestamp = record.timestamp
        if hasValue {
            for (n, i) in valueIndexes.enumerated() where n < scratchValue.count { row[offset + i] = scratchValue[n] }
            for (i, key) in headerColumns { row[offset + i] = HeaderColumns.value(record.headers, key: key) }
            if let tsIndex = input.timestampColumn {
                guard let t = time.millis(row[offset + tsIndex]), t >= 0 else {
                    context.log.record(queryID: context.queryID,
                                       message: "Failed to extract timestamp from column \(source.schema.columns[tsIndex].name)",
                                       topic: record.topic, offset: record.offset)
                    return nil
                }
                timestamp = t
            }
        }
        row[rowtimeSlot] = .bigint(timestamp)
        row[rowpartitionSlot] = .int(record.partition)
        row[rowoffsetSlot] = .bigint(record.offset)
        if let window, let (s, e) = windowSlots {
            row[s] = .bigint(window.start)
            row[e] = .bigint(window.end)
        }
        lastRow = row
        return Decoded(key: key, row: hasValue ? row : nil, timestamp: timestamp, window: window,
                       tombstoneRow: hasValue ? nil : row)
    }
}

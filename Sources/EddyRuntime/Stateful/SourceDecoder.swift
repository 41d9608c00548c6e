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
    /// Set when the input sits at offset 0 with its key columns then its value columns, so the
    /// deserializers can append straight into the row: where the keys end and the values end.
    private let inPlace: (keys: Int, valueEnd: Int)?
    /// The source's window, kept apart: reading it through `input` copied the whole source.
    private let sourceWindow: WindowInfo?
    /// Set when the in-place row ends with ROWTIME, ROWPARTITION, ROWOFFSET right after the
    /// value columns (and nothing else: no header columns, no window bounds): the pseudo columns
    /// are then appended after the values instead of padded with NULLs and overwritten.
    private let appendsPseudo: Bool
    /// With `appendsPseudo`: whether anything reads a pseudo column. When nothing does (the
    /// input's `readSlots` name none of them: a GROUP BY of value columns), the row ends after
    /// the values; every reader of it reads only `readSlots`, and a plain column past a row's end
    /// reads NULL.
    private let readsPseudo: Bool
    private let offset: Int
    private let timestampColumn: Int?

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
        sourceWindow = source.window
        offset = input.offset
        timestampColumn = input.timestampColumn
        let slots = SourceSlots(source)
        keyIndexes = slots.keys
        valueIndexes = slots.values
        headerColumns = slots.headers
        let contiguous = keyIndexes == Array(0..<keyIndexes.count)
            && valueIndexes == Array(keyIndexes.count..<keyIndexes.count + valueIndexes.count)
        let inPlace = input.offset == 0 && contiguous ? (keys: keyIndexes.count, valueEnd: keyIndexes.count + valueIndexes.count) : nil
        self.inPlace = inPlace
        if let end = inPlace?.valueEnd {
            appendsPseudo = headerColumns.isEmpty && windowSlots == nil && rowtimeSlot == end
                && rowpartitionSlot == end + 1 && rowoffsetSlot == end + 2 && width == end + 3
        } else {
            appendsPseudo = false
        }
        let pseudo = [rowtimeSlot, rowpartitionSlot, rowoffsetSlot]
        readsPseudo = input.readSlots.map { read in pseudo.contains(where: read.contains) } ?? true
        keyDeserializer = try source.makeDeserializer(isKey: true, formats: formats)
        valueDeserializer = try source.makeDeserializer(isKey: false, formats: formats)
        if let read = input.readSlots.map(Set.init) {
            // Unread value columns are validated but not built (see `QueryInput.readSlots`).
            valueDeserializer.prune(reading: valueIndexes.map { read.contains(input.offset + $0) })
        }
    }

    /// nil when the record cannot be read (logged); a tombstone has `row == nil`.
    func decode(_ record: KafkaRecord) -> Decoded? {
        record.withView { decode($0) }
    }

    /// The same, reading the key and value where the transport keeps them (no per-record copy).
    func decode(_ record: RecordView) -> Decoded? {
        var window: WindowBounds?
        var keyBytes = record.key
        if let w = sourceWindow, let bytes = record.key {
            guard let split = WindowedKeyCodec.split([UInt8](bytes), session: w == .session) else {
                context.log.record(queryID: context.queryID, message: "Failed to deserialize key from topic: \(record.topic). Windowed key too short",
                                   topic: record.topic, offset: record.offset)
                return nil
            }
            // The window bounds are a suffix: the key is the prefix of the same bytes.
            keyBytes = UnsafeRawBufferPointer(rebasing: bytes[..<split.key.count])
            var end = split.end ?? split.start
            switch w {
            case .tumbling(let size), .hopping(let size): end = split.start &+ size
            case .session: break
            }
            window = WindowBounds(start: split.start, end: end)
        }
        // The row buffer is moved out for the call, so that building it column by column touches
        // a local, and the previous record's row is reused when nothing downstream holds it.
        var row: [Value] = []
        swap(&row, &lastRow)
        defer { swap(&row, &lastRow) }
        let hasValue: Bool
        do {
            if let inPlace {
                hasValue = try decodeInPlace(keyBytes, record.value, keyCount: inPlace.keys, valueEnd: inPlace.valueEnd, into: &row)
                if appendsPseudo {
                    return finishAppending(record, hasValue: hasValue, keyCount: inPlace.keys, valueEnd: inPlace.valueEnd, row: &row)
                }
                Self.fit(&row, to: width)
            } else {
                hasValue = try decodeScattered(keyBytes, record.value, into: &row)
            }
        } catch {
            context.log.record(queryID: context.queryID, message: error.eddyMessage, topic: record.topic, offset: record.offset)
            return nil
        }
        var key: [Value] = []
        if let inPlace, inPlace.keys > 0 {
            key = Array(row[0..<inPlace.keys])
        } else if !keyIndexes.isEmpty {
            key = keyIndexes.map { row[offset + $0] }
        }
        var timestamp = record.timestamp
        if hasValue {
            for (i, key) in headerColumns { row[offset + i] = HeaderColumns.value(record.headers, key: key) }
            if let tsIndex = timestampColumn {
                guard let t = time.millis(row[offset + tsIndex]), t >= 0 else {
                    logTimestampFailure(tsIndex, record)
                    return nil
                }
                timestamp = t
            }
        } else if inPlace != nil {
            // The in-place row still holds the previous record's headers: a tombstone has none.
            for (i, _) in headerColumns { row[offset + i] = .null }
        }
        row[rowtimeSlot] = .bigint(timestamp)
        row[rowpartitionSlot] = .int(record.partition)
        row[rowoffsetSlot] = .bigint(record.offset)
        if let window, let (s, e) = windowSlots {
            row[s] = .bigint(window.start)
            row[e] = .bigint(window.end)
        } else if let (s, e) = windowSlots {
            row[s] = .null
            row[e] = .null
        }
        return Decoded(key: key, row: hasValue ? row : nil, timestamp: timestamp, window: window,
                       tombstoneRow: hasValue ? nil : row)
    }

    /// A schema of keys then values at offset 0: the deserializers overwrite the row's slots in
    /// place. The row may go on past the values (the previous record's pseudo columns).
    private func decodeInPlace(_ key: UnsafeRawBufferPointer?, _ value: UnsafeRawBufferPointer?, keyCount: Int, valueEnd: Int,
                               into row: inout [Value]) throws -> Bool {
        _ = try keyDeserializer.deserialize(key, overwriting: &row, at: 0, count: keyCount)
        return try valueDeserializer.deserialize(value, overwriting: &row, at: keyCount, count: valueEnd - keyCount)
    }

    /// The end of `decode` for an `appendsPseudo` row (keys, values, then the three pseudo
    /// columns): the record time, then ROWTIME, ROWPARTITION and ROWOFFSET appended in order.
    @inline(__always)
    private func finishAppending(_ record: RecordView, hasValue: Bool, keyCount: Int, valueEnd: Int, row: inout [Value]) -> Decoded? {
        let key = keyCount > 0 ? Array(row[0..<keyCount]) : []
        var timestamp = record.timestamp
        if hasValue, let tsIndex = timestampColumn {
            guard let t = time.millis(row[tsIndex]), t >= 0 else {
                logTimestampFailure(tsIndex, record)
                return nil
            }
            timestamp = t
        }
        Self.fit(&row, to: readsPseudo ? valueEnd + 3 : valueEnd)
        if readsPseudo {
            row.withUnsafeMutableBufferPointer { p in
                p[valueEnd] = .bigint(timestamp)
                p[valueEnd + 1] = .int(record.partition)
                p[valueEnd + 2] = .bigint(record.offset)
            }
        }
        return Decoded(key: key, row: hasValue ? row : nil, timestamp: timestamp, window: nil,
                       tombstoneRow: hasValue ? nil : row)
    }

    private func logTimestampFailure(_ tsIndex: Int, _ record: RecordView) {
        context.log.record(queryID: context.queryID,
                           message: "Failed to extract timestamp from column \(input.layout.source.schema.columns[tsIndex].name)",
                           topic: record.topic, offset: record.offset)
    }

    /// Any other layout (a join's later inputs, headers between columns): through scratch rows.
    private func decodeScattered(_ key: UnsafeRawBufferPointer?, _ value: UnsafeRawBufferPointer?, into row: inout [Value]) throws -> Bool {
        scratchKey.removeAll(keepingCapacity: true)
        scratchValue.removeAll(keepingCapacity: true)
        _ = try keyDeserializer.deserialize(key, into: &scratchKey)
        let hasValue = try valueDeserializer.deserialize(value, into: &scratchValue)
        if row.count == width {
            for i in row.indices { row[i] = .null }
        } else {
            row = [Value](repeating: .null, count: width)
        }
        for (n, i) in keyIndexes.enumerated() where n < scratchKey.count { row[offset + i] = scratchKey[n] }
        for (n, i) in valueIndexes.enumerated() where n < scratchValue.count { row[offset + i] = scratchValue[n] }
        return hasValue
    }

    /// Pads a row with NULLs, or cuts it, to `count` values.
    @inline(__always) private static func fit(_ row: inout [Value], to count: Int) {
        if row.count > count { row.removeSubrange(count...) }
        while row.count < count { row.append(.null) }
    }
}

import EddyCore

/// What a combiner (`AggregateCombiner`) writes to a GroupBy repartition topic instead of one row
/// per input: the accumulator states of one group and window, folded from some inputs, with the
/// highest time among them. The downstream aggregate merges it into the stored states.
///
/// A partial without a key is a time mark: it carries no states, only the stream time that the
/// records it stands for (dropped or skipped upstream, e.g. NULL group keys) would have given the
/// downstream partition, so windows close downstream exactly when they would have.
///
/// Value layout: `InternalEncoding.partialAggregateMarker`, a flag byte (1: window, 2: time
/// mark), then unless a time mark the group key, the window bounds if any, and the states, in
/// `ValueCodec`'s encoding (the one changelogs use for the same states).
struct PartialAggregate {
    var key: [Value]
    var window: WindowBounds?
    var states: [Value]
    var timestamp: Int64

    var isTimeMark: Bool { key.isEmpty && states.isEmpty }

    static func timeMark(_ timestamp: Int64) -> PartialAggregate {
        PartialAggregate(key: [], window: nil, states: [], timestamp: timestamp)
    }

    static func encode(key: [Value], window: WindowBounds?, states: [Value], into out: inout [UInt8]) {
        out.append(InternalEncoding.partialAggregateMarker)
        out.append(window != nil ? 1 : 0)
        ValueCodec.encode(key, into: &out)
        if let window {
            ValueCodec.appendInt(window.start, &out)
            ValueCodec.appendInt(window.end, &out)
        }
        ValueCodec.encode(states, into: &out)
    }

    static func encodeTimeMark(into out: inout [UInt8]) {
        out.append(InternalEncoding.partialAggregateMarker)
        out.append(2)
    }

    /// The partial a record carries; throws (the caller logs) if it is not one.
    static func decode(_ record: KafkaRecord) throws -> PartialAggregate {
        guard let value = record.value, InternalEncoding.isPartialAggregate(value) else {
            throw EddyError(.execution, "Not a partial aggregate record")
        }
        var reader = ValueCodec.Reader(bytes: value)
        reader.offset = 1
        let flags = try reader.byte()
        if flags & 2 != 0 { return timeMark(record.timestamp) }
        let key = try reader.values()
        var window: WindowBounds?
        if flags & 1 != 0 { window = WindowBounds(start: try reader.int(), end: try reader.int()) }
        let states = try reader.values()
        return PartialAggregate(key: key, window: window, states: states, timestamp: record.timestamp)
    }
}

import EddyCore
import EddyFormats
import EddyPlanner

/// Serializes output rows for the sink topic, appending the window to keys of windowed sinks.
final class SinkWriter {
    let sink: DataSource
    private var keySerializer: any RowSerializer
    private var valueSerializer: any RowSerializer
    private let context: TaskContext
    private var keyBuffer: [UInt8] = []
    private var valueBuffer: [UInt8] = []

    init(sink: DataSource, formats: FormatRegistry, context: TaskContext) throws {
        self.sink = sink
        self.context = context
        keySerializer = try formats.format(for: sink.keyFormat).makeSerializer(
            columns: sink.schema.keyColumns,
            context: SerdeContext(info: sink.keyFormat, features: sink.keyFeatures, isKey: true, topic: sink.topic))
        valueSerializer = try formats.format(for: sink.valueFormat).makeSerializer(
            columns: sink.serializedValueColumns,
            context: SerdeContext(info: sink.valueFormat, features: sink.valueFeatures, isKey: false, topic: sink.topic))
    }

    func serialize(_ row: StatefulQueryTask.OutputRow) -> KafkaRecord? {
        do {
            // A keyless row or a single NULL key column is a Kafka null key, as ksqlDB's key serdes write it.
            let nullKey = row.key.isEmpty || (row.key.count == 1 && row.key[0] == .null)
            var key: [UInt8]?
            if !nullKey, try keySerializer.serialize(row.key[...], into: &keyBuffer) { key = keyBuffer }
            if let window = row.window, let w = sink.window {
                var bytes = key ?? []
                WindowedKeyCodec.append(start: window.start, end: window.end, session: w == .session, to: &bytes)
                key = bytes
            }
            var value: [UInt8]?
            if let v = row.value {
                value = try valueSerializer.serialize(v[...], into: &valueBuffer) ? valueBuffer : nil
            }
            return KafkaRecord(topic: sink.topic, timestamp: row.timestamp, key: key, value: value, headers: row.headers)
        } catch {
            context.log.record(queryID: context.queryID, message: "Failed to serialize row for topic \(sink.topic): \(error.eddyMessage)")
            return nil
        }
    }
}

import EddyCore
import EddyFormats
import EddyPlanner
import EddyRuntime
import EddySQL

extension Engine {
    /// INSERT INTO … VALUES: evaluates the literals, casts them to the column types and writes one
    /// record. ROWTIME sets the record time.
    func insertValues(_ insert: InsertValues) throws -> StatementResult {
        guard let target = catalog.source(insert.target.value) else {
            throw EddyError(.execution, "Cannot insert values into an unknown stream/table: \(insert.target.value)")
        }
        if target.isReadOnly {
            throw EddyError(.execution, "Cannot insert values into read-only \(target.kind.rawValue.lowercased()): \(target.name)")
        }
        let writable = target.schema.columns.filter { if case .header = $0.namespace { false } else { true } }
        let names: [String]
        if insert.columns.isEmpty {
            names = writable.map(\.name)
        } else {
            names = insert.columns.map(\.value)
            let headers = names.filter { n in target.schema.column(named: n).map { if case .header = $0.namespace { true } else { false } } ?? false }
            if !headers.isEmpty { throw EddyError(.execution, "Cannot insert into HEADER columns: \(headers.joined(separator: ", "))") }
        }
        guard names.count == insert.values.count else {
            throw EddyError(.execution, "Failed to prepare statement: Expected a value for each column. Expected Columns: [\(names.joined(separator: ", "))]. Got \(insert.values.map { SQLFormatter.format($0) })")
        }
        let compiler = ExpressionCompiler(scope: Scope(entries: []), functions: functions,
                                          customTypes: { [catalog] in catalog.type($0) })
        var row: [String: Value] = [:]
        var timestamp: Int64 = 0
        for (name, expr) in zip(names, insert.values) {
            let c = try compiler.compile(expr)
            let v = c.evaluate([])
            if name == "ROWTIME" {
                if case .bigint(let t) = v { timestamp = t } else if case .int(let t) = v { timestamp = Int64(t) }
                continue
            }
            guard let column = target.schema.column(named: name) else {
                throw EddyError(.execution, "Column name \(name) does not exist.")
            }
            var converted = v
            if let from = c.type, from != column.type, !v.isNull {
                do { converted = try Cast.compile(from: from, to: column.type)(v) } catch {
                    throw EddyError(.execution, "Expected type \(column.type) for field \(name) but got \(SQLFormatter.format(expr))(\(from))")
                }
            }
            row[name] = converted
        }
        if let ts = target.timestampColumn, let v = row[ts], let t = (try? TimestampExtraction(format: target.timestampFormat))?.millis(v) {
            timestamp = t
        }
        let keyColumns = target.schema.keyColumns
        let valueColumns = target.schema.columns.filter { $0.namespace == .value }
        var ks = try formats.format(for: target.keyFormat).makeSerializer(
            columns: keyColumns, context: SerdeContext(info: target.keyFormat, features: target.keyFeatures, isKey: true, topic: target.topic))
        var vs = try formats.format(for: target.valueFormat).makeSerializer(
            columns: valueColumns, context: SerdeContext(info: target.valueFormat, features: target.valueFeatures, isKey: false, topic: target.topic))
        let key = try ks.serialize(keyColumns.map { row[$0.name] ?? .null })
        let value = try vs.serialize(valueColumns.map { row[$0.name] ?? .null })
        broker.append(KafkaRecord(topic: target.topic, timestamp: timestamp, key: keyColumns.isEmpty ? nil : key, value: value))
        return .none
    }
}

import EddyCore
import EddyFormats
import EddyPlanner
import EddyRuntime
import EddySQL

extension Engine {
    /// INSERT INTO … VALUES: evaluates the literals, casts them to the column types and writes one
    /// record. ROWTIME sets the record time.
    func insertValues(_ insert: InsertValues) throws -> StatementResult {
        let (target, row, timestamp) = try evaluateValues(insert)
        let keyColumns = target.schema.keyColumns
        let valueColumns = target.serializedValueColumns
        var ks = try target.makeSerializer(isKey: true, formats: formats)
        var vs = try target.makeSerializer(isKey: false, formats: formats)
        let key = try ks.serialize(keyColumns.map { row[$0.name] ?? .null })
        let value = try vs.serialize(valueColumns.map { row[$0.name] ?? .null })
        broker.append(KafkaRecord(topic: target.topic, timestamp: timestamp ?? 0, key: keyColumns.isEmpty ? nil : key, value: value))
        return .none
    }

    /// The target and the typed column values of an INSERT VALUES (or ASSERT VALUES) statement;
    /// the record time is ROWTIME when given, else the timestamp column's value.
    public func evaluateValues(_ insert: InsertValues, asserting: Bool = false) throws -> (DataSource, [String: Value], Int64?) {
        // ksqlDB checks an explicit column list against the values while building the statement.
        if !insert.columns.isEmpty, insert.columns.count != insert.values.count {
            throw EddyError(.execution, "Failed to prepare statement: Expected number columns and values to match: \(insert.columns.count), \(insert.values.count)")
        }
        guard let target = catalog.source(insert.target.value) else {
            throw EddyError(.execution, "Cannot insert values into an unknown stream/table: `\(insert.target.value)`" + caseHint(insert.target))
        }
        if target.isReadOnly && !asserting {
            throw EddyError(.execution, "Cannot insert values into read-only \(target.kind.rawValue.lowercased()): \(target.name)")
        }
        let writable = target.schema.columns.filter { if case .header = $0.namespace { false } else { true } }
        let names: [String]
        if insert.columns.isEmpty {
            // Values for every column, header columns included, would write the headers.
            let headers = target.schema.columns.filter { if case .header = $0.namespace { true } else { false } }
            if !headers.isEmpty, insert.values.count == target.schema.columns.count {
                throw EddyError(.execution, "Cannot insert into HEADER columns: \(headers.map(\.name).joined(separator: ", "))")
            }
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
        var timestamp: Int64?
        for (name, expr) in zip(names, insert.values) {
            let c = try compiler.compile(expr)
            let v = c.evaluate([])
            if name == "ROWTIME" {
                if case .bigint(let t) = v { timestamp = t } else if case .int(let t) = v { timestamp = Int64(t) }
                continue
            }
            guard let column = target.schema.column(named: name) else {
                if PseudoColumn(rawValue: name) != nil {
                    throw EddyError(.execution, "Inserting into column `\(name)` is not allowed.")
                }
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
        return (target, row, timestamp)
    }

    /// ksqlDB's hint when a source exists under the same name in another case.
    func caseHint(_ name: Identifier) -> String {
        guard let other = catalog.sourceOrder.first(where: { $0.uppercased() == name.value.uppercased() && $0 != name.value }) else {
            return ""
        }
        if name.quoted {
            return "\nDid you mean \(other)? Hint: try removing double quotes from the source name."
        }
        return "\nDid you mean \"\(other)\"? Hint: wrap the source name in double quotes to make it case-sensitive."
    }
}

extension Engine {
    /// Decodes a record of `source`'s topic into its key and value columns (value nil for a
    /// tombstone), with the source's formats. Used by ASSERT VALUES and tools that read topics.
    public func decodeRecord(_ record: KafkaRecord, of source: DataSource) throws -> (key: [Value], value: [Value]?) {
        let keyColumns = source.schema.keyColumns
        var kd = try source.makeDeserializer(isKey: true, formats: formats)
        var vd = try source.makeDeserializer(isKey: false, formats: formats)
        var key: [Value] = []
        if try !kd.deserialize(record.key, into: &key) { key = keyColumns.map { _ in .null } }
        var value: [Value] = []
        guard try vd.deserialize(record.value, into: &value) else { return (key, nil) }
        return (key, value)
    }

    /// The source an ASSERT STREAM/TABLE statement describes, built with CREATE's rules but not
    /// registered.
    public func expectedSource(_ create: CreateSource) throws -> DataSource {
        try SourceBuilder(engine: self).build(create, sql: "")
    }
}

import EddyCore
import EddyFormats
import EddyPlanner
import EddyRuntime
import EddySQL

/// Transient queries that need state: pull queries against tables, and push queries over tables,
/// joins and aggregations. Both replay the sources from the earliest offset through a stateful
/// task with no sink.
extension Engine {
    /// A pull query over a table answers from a store holding the table's current rows (the
    /// table's topic is its changelog); a push query returns every change so far.
    func statefulQuery(_ query: Query) throws -> (LogicalSchema, [[Value]]) {
        var query = query
        var keyColumns: [String]?
        if query.isPullQuery, let source = catalog.source(query.from.source.name.value), source.kind == .table {
            try PullQueryValidator(properties: properties).validateLike(query, schema: source.schema)
            query = PullQueryValidator.interpretedForm(query)
            keyColumns = source.schema.keyColumns.map(\.name)
        }
        let plan: StatefulQueryPlan
        do {
            plan = try statefulAnalyzer("pull").analyzeStateful(query, sink: .client)
        } catch {
            guard let keyColumns else { throw error }
            throw PullQueryValidator.interpreterError(error, keyColumns: keyColumns)
        }
        if query.isPullQuery, plan.inputs.count == 1, plan.inputs[0].isTable, let source = catalog.source(query.from.source.name.value) {
            try PullQueryValidator(properties: properties).validateWhere(query, schema: source.schema, windowed: source.window != nil)
        }
        // ksqlDB looks for the materializing query only once the statement is planned.
        if query.isPullQuery, query.from.joins.isEmpty, let source = catalog.source(query.from.source.name.value),
           source.kind == .table, source.writerQueryIDs.isEmpty, !source.isReadOnly {
            throw EddyError(.execution, "The `\(source.name)` table isn't queryable. To derive a queryable table, you can do 'CREATE TABLE QUERYABLE_\(source.name) AS SELECT * FROM \(source.name)'. See https://cnfl.io/queries for more info.")
        }
        let task = try StatefulQueryTask(queryID: query.isPullQuery ? "pull" : "push", plan: plan, sink: nil,
                                         formats: formats, log: processingLog)
        let simpleTable = query.isPullQuery && plan.inputs.count == 1 && plan.inputs[0].isTable && plan.aggregation == nil
        var rows: [[Value]] = []
        replay(plan.inputs.map(\.topic), into: task)
        if simpleTable, let store = task.stores.last {
            // The materialized rows, filtered and projected; a table's rows are its current state.
            // A table scan visits partitions in turn, and each partition's keys in order, as
            // ksqlDB scans one RocksDB store per partition.
            let partitionOf = scanPartitioner(plan.inputs[0].layout.source)
            let entries = store.all().map { (partitionOf($0.0.key), $0.0, $0.1) }.sorted { a, b in
                if a.0 != b.0 { return a.0 < b.0 }
                for (x, y) in zip(a.1.key, b.1.key) {
                    if let c = Value.sqlCompare(x, y), c != 0 { return c < 0 }
                }
                return (a.1.window?.start ?? 0) < (b.1.window?.start ?? 0)
            }.map { ($0.1, $0.2) }
            for (_, stored) in entries {
                if let limit = plan.limit, rows.count >= limit { break }
                let row = stored.values
                if let filter = plan.filter, filter.evaluate(row) != .bool(true) { continue }
                rows.append(plan.keyExpressions.map { $0.evaluate(row) } + plan.valueExpressions.map { $0.evaluate(row) })
            }
        } else {
            for out in task.drainRows() {
                if let limit = plan.limit, rows.count >= limit { break }
                if let value = out.value {
                    rows.append(out.key + value)
                } else if !query.isPullQuery, plan.outputIsTable {
                    // A push query over a table shows a delete as a tombstone row of NULLs, except
                    // for window bounds, which come from the windowed key.
                    var values = Array(repeating: Value.null, count: plan.valueExpressions.count)
                    if let window = out.window {
                        for (i, isEnd) in plan.windowBoundValues { values[i] = .bigint(isEnd ? window.end : window.start) }
                    }
                    // Key columns in the projection keep their value, which follows the output key.
                    let keyCount = plan.keyExpressions.count
                    for (j, entry) in plan.keyColumnValues.enumerated() where keyCount + j < out.key.count {
                        values[entry.index] = out.key[keyCount + j]
                    }
                    rows.append(Array(out.key.prefix(keyCount)) + values)
                }
            }
        }
        return (plan.outputSchema, rows)
    }

    /// The partition a key lands in under Kafka's default partitioner: its serialized (inner) key,
    /// murmur2, modulo the topic's partitions. 0 for single-partition topics or unserializable keys.
    func scanPartitioner(_ source: DataSource) -> ([Value]) -> Int32 {
        let partitions = broker.topic(source.topic)?.partitions ?? 1
        guard partitions > 1, let format = try? formats.format(for: source.keyFormat),
              let serializer = try? format.makeSerializer(
                columns: source.schema.keyColumns,
                context: SerdeContext(info: source.keyFormat, features: source.keyFeatures, isKey: true, topic: source.topic))
        else { return { _ in 0 } }
        return { key in
            var s = serializer
            var bytes: [UInt8] = []
            guard (try? s.serialize(key[...], into: &bytes)) == true else { return 0 }
            return Murmur2Partitioner.partition(for: bytes, partitions: partitions)
        }
    }

    /// Feeds every record of the topics, lowest time first, as the persistent runtime orders them.
    func replay(_ topics: [String], into task: StatefulQueryTask) {
        var unique: [String] = []
        for t in topics where !unique.contains(t) { unique.append(t) }
        var pending = unique.map { broker.read($0)[...] }
        while true {
            var pick: Int?
            for (i, p) in pending.enumerated() {
                guard let head = p.first else { continue }
                if pick == nil || head.timestamp < pending[pick!].first!.timestamp { pick = i }
            }
            guard let i = pick else { return }
            task.process(pending[i].removeFirst()) { _ in }
        }
    }
}

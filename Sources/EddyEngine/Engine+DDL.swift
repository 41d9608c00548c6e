import EddyCore
import EddyFormats
import EddyPlanner
import EddyRuntime
import EddySQL

extension Engine {
    func createSource(_ create: CreateSource, sql: String) throws -> StatementResult {
        let name = create.name.value
        let noun = create.kind == .stream ? "stream" : "table"
        // Read-only sources cannot be replaced, whether or not one exists yet.
        if create.orReplace, create.isSource || catalog.source(name)?.isReadOnly == true {
            throw EddyError(.execution, "Cannot add \(noun) '\(name)': CREATE OR REPLACE is not supported on source \(noun)s.")
        }
        if let existing = catalog.source(name) {
            if create.ifNotExists { return .status(message: "Cannot add \(noun) '\(name)': A \(existing.kind.rawValue.lowercased()) with the same name already exists.", queryID: nil) }
            if !create.orReplace {
                throw EddyError(.execution, "Cannot add \(noun) '\(name)': A \(existing.kind.rawValue.lowercased()) with the same name already exists")
            }
        }
        let source = try SourceBuilder(engine: self).build(create, sql: sql)
        if broker.topic(source.topic) == nil {
            guard let partitions = create.properties["PARTITIONS"]?.integerValue else {
                throw EddyError(.execution, "Topic '\(source.topic)' does not exist. If you want to create a new topic for the \(noun) please re-run the statement providing the required 'PARTITIONS' configuration in the WITH clause (and optionally 'REPLICAS'). For example: CREATE \(create.kind.rawValue) \(name) (...) WITH (KAFKA_TOPIC='\(source.topic)', PARTITIONS=2, ...);")
            }
            broker.createTopic(source.topic, partitions: Int(partitions),
                               replicas: create.properties["REPLICAS"]?.integerValue.map(Int.init),
                               config: SinkTopicConfig.forCreate(kind: create.kind))
        }
        try SchemaRegistration(engine: self).register(source, always: false)
        catalog.put(source)
        return .status(message: "\(create.kind == .stream ? "Stream" : "Table") created", queryID: nil)
    }

    func createAsSelect(_ create: CreateAsSelect, sql: String) throws -> StatementResult {
        let name = create.name.value
        if let existing = catalog.source(name), !create.orReplace {
            if create.ifNotExists { return .status(message: "Source \(name) already exists", queryID: nil) }
            throw EddyError(.execution, "Cannot add \(create.kind == .stream ? "stream" : "table") '\(name)': A \(existing.kind.rawValue.lowercased()) with the same name already exists")
        }
        if create.query.limit != nil {
            throw EddyError(.execution, "CREATE \(create.kind == .stream ? "STREAM" : "TABLE") AS SELECT statements don't support LIMIT clause.")
        }
        var analyzer = analyzer(errors: errorSink(for: name))
        analyzer.sinkTimestampColumn = SourceBuilder.timestampColumnName(create.properties)
        if create.kind == .table || analyzer.isStateful(create.query) {
            return try createStatefulAsSelect(create, sql: sql)
        }
        var plan = try analyzer.analyze(create.query, sink: .create(name: name, kind: create.kind))
        let input = plan.source.source
        if input.kind == .table {
            throw EddyError(.execution, "Cannot create a stream from a table query yet.")
        }
        let sink = try sanitizedErrors(create, analyzer) {
            try SourceBuilder(engine: self).sinkSource(name: name, kind: create.kind, schema: plan.outputSchema,
                                                       properties: create.properties, input: input, sql: sql)
        }
        if let ts = sink.timestampColumn, let i = plan.outputSchema.columns.firstIndex(where: { $0.name == ts }) {
            plan.sinkTimestampColumn = i
            plan.sinkTimestampFormat = sink.timestampFormat
        }
        try SchemaRegistration(engine: self).register(sink, always: true)
        let queryID = newQueryID(prefix: "CSAS", sink: name)
        let (formats, log) = (formats, processingLog)
        let makeTask = { [plan] in try StreamQueryTask(queryID: queryID, plan: plan, sink: sink, formats: formats, log: log) }
        let task = try makeTask()
        if broker.topic(sink.topic) == nil {
            let partitions = create.properties["PARTITIONS"]?.integerValue.map(Int.init)
                ?? broker.topic(input.topic)?.partitions ?? defaultPartitions
            broker.createTopic(sink.topic, partitions: partitions,
                               replicas: create.properties["REPLICAS"]?.integerValue.map(Int.init),
                               config: SinkTopicConfig.forCreateAsSelect(kind: create.kind, windowed: false, windowRetentionMs: nil))
        }
        var registered = sink
        registered.writerQueryIDs = [queryID]
        catalog.put(registered)
        addQuery(PersistentQuery(id: queryID, sql: sql, sourceTopic: input.topic, sinkName: name, task: task, makeTask: makeTask))
        return .status(message: "Created query with ID \(queryID)", queryID: queryID)
    }

    func insertInto(_ insert: InsertInto, sql: String, at location: SourceLocation? = nil) throws -> StatementResult {
        guard let target = catalog.source(insert.target.value) else {
            // ksqlDB points just past `INSERT INTO`, where the target's name starts.
            let at = location.map { SourceLocation(line: $0.line, column: $0.column + "INSERT INTO ".count) }
            throw EddyError.column("Source `\(insert.target.value)` does not exist.", at: at)
        }
        if target.kind == .table {
            throw EddyError(.execution, "INSERT INTO can only be used to insert into a stream. \(target.name) is a table.")
        }
        if target.schema.columns.contains(where: { if case .header = $0.namespace { true } else { false } }) {
            throw EddyError(.execution, "Cannot insert into \(target.name) because it has header columns")
        }
        if target.isReadOnly {
            throw EddyError(.execution, "Cannot insert into read-only \(target.kind.rawValue.lowercased()): \(target.name)")
        }
        let analyzer = analyzer(errors: errorSink(for: target.name))
        if analyzer.isStateful(insert.query) {
            return try insertStatefulInto(insert, target: target, sql: sql)
        }
        var plan = try analyzer.analyze(insert.query, sink: .insert(target))
        try Self.castToSink(&plan, target: target, errors: errorSink(for: target.name))
        try Self.checkInsertSchema(plan.outputSchema, into: target)
        let queryID = newQueryID(prefix: "INSERTQUERY", sink: target.name)
        let (formats, log) = (formats, processingLog)
        let makeTask = { [plan] in try StreamQueryTask(queryID: queryID, plan: plan, sink: target, formats: formats, log: log) }
        let task = try makeTask()
        var updated = target
        updated.writerQueryIDs.append(queryID)
        catalog.put(updated)
        addQuery(PersistentQuery(id: queryID, sql: sql, sourceTopic: plan.source.source.topic, sinkName: target.name, task: task,
                                 makeTask: makeTask))
        return .status(message: "Created query with ID \(queryID)", queryID: queryID)
    }

    func dropSource(kind: SourceKind, name: String, ifExists: Bool, deleteTopic: Bool) throws -> StatementResult {
        guard let source = catalog.source(name) else {
            if ifExists { return .status(message: "Source `\(name)` does not exist.", queryID: nil) }
            throw EddyError(.execution, "\(kind.rawValue.capitalized) \(name) does not exist.")
        }
        if source.kind != kind {
            throw EddyError(.execution, "Incompatible data source type is \(source.kind.rawValue), but statement was DROP \(kind.rawValue)")
        }
        if deleteTopic && source.isReadOnly {
            throw EddyError(.execution, "Cannot delete topic for read-only source: \(name)")
        }
        let readers = queries.filter { $0.sourceTopics.contains(source.topic) && $0.sinkName != name }.map(\.id)
        if !source.writerQueryIDs.isEmpty || !readers.isEmpty {
            let ids = (readers + source.writerQueryIDs).joined(separator: ", ")
            throw EddyError(.execution, "Cannot drop \(name).\nThe following queries read from this source: [\(readers.joined(separator: ", "))].\nThe following queries write into this source: [\(source.writerQueryIDs.joined(separator: ", "))].\nYou need to terminate them before dropping \(name).".replacingOccurrences(of: "\u{0}", with: ids))
        }
        catalog.remove(name)
        if deleteTopic { broker.deleteTopic(source.topic) }
        return .status(message: "Source `\(name)` (topic: \(source.topic)) was dropped.", queryID: nil)
    }

    func errorSink(for queryName: String) -> EvaluationErrorSink {
        let log = processingLog
        return EvaluationErrorSink { log.record(queryID: queryName, message: $0) }
    }

    /// INSERT INTO accepts value columns that widen implicitly to the sink's types (INT into
    /// DECIMAL(5, 2), say): the projection gets a cast, as ksqlDB's does.
    static func castToSink(_ plan: inout StreamQueryPlan, target: DataSource, errors: EvaluationErrorSink) throws {
        let sinkValues = target.serializedValueColumns
        var values = plan.outputSchema.valueColumns
        guard values.count == sinkValues.count else { return }
        for i in values.indices where values[i].name == sinkValues[i].name && values[i].type != sinkValues[i].type
            && SQLType.canImplicitlyCast(from: values[i].type, to: sinkValues[i].type) {
            let cast = try Cast.compile(from: values[i].type, to: sinkValues[i].type)
            let inner = plan.valueExpressions[i].evaluate
            let column = sinkValues[i].name
            plan.valueExpressions[i] = CompiledExpression(type: sinkValues[i].type) { row in
                do { return try cast(inner(row)) } catch {
                    errors.report("Error casting column \(column) for the sink: \(error.eddyMessage)")
                    return .null
                }
            }
            values[i].type = sinkValues[i].type
        }
        plan.outputSchema = LogicalSchema(plan.outputSchema.keyColumns + values)
    }

    /// INSERT INTO needs the query's columns (names, types, key or value) to be the sink's,
    /// header columns aside.
    static func checkInsertSchema(_ result: LogicalSchema, into target: DataSource) throws {
        func describe(_ c: Column) -> String { "\(c.name) \(c.type)\(c.isKey ? " KEY" : "")" }
        let want = target.schema.columns.filter { if case .header = $0.namespace { false } else { true } }
        if result.columns.map(describe) != want.map(describe) {
            throw EddyError(.execution, "Incompatible schema between results and sink.\nResult schema is \(result)\nSink schema is \(target.schema)")
        }
    }
}

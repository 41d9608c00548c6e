import EddyCore
import EddyFormats
import EddyPlanner
import EddyRuntime
import EddySQL

extension Engine {
    func statefulAnalyzer(_ name: String) -> QueryAnalyzer {
        var analyzer = analyzer(errors: errorSink(for: name))
        let broker = self.broker
        analyzer.topicPartitions = { broker.topic($0)?.partitions }
        return analyzer
    }

    /// CTAS, and CSAS over joins or tables: the stateful runtime with stores per query.
    func createStatefulAsSelect(_ create: CreateAsSelect, sql: String) throws -> StatementResult {
        let name = create.name.value
        var analyzer = statefulAnalyzer(name)
        analyzer.sinkTimestampColumn = SourceBuilder.timestampColumnName(create.properties)
        var plan = try analyzer.analyzeStateful(create.query, sink: .create(name: name, kind: create.kind))
        let input = plan.inputs[0].layout.source
        // ksqlDB rejects the aggregate's state before it validates the sink's own columns.
        let valueFormat = create.properties.string("VALUE_FORMAT") ?? create.properties.string("FORMAT")
            ?? input.valueFormat.format
        try checkIntermediateTypes(plan, valueFormat: valueFormat)
        var sink = try sanitizedErrors(create, analyzer) {
            try SourceBuilder(engine: self).sinkSource(name: name, kind: create.kind, schema: plan.outputSchema,
                                                       properties: create.properties, input: input, sql: sql)
        }
        sink.window = plan.outputWindow
        if let ts = sink.timestampColumn, let i = plan.outputSchema.columns.firstIndex(where: { $0.name == ts }) {
            plan.sinkTimestampColumn = i
            plan.sinkTimestampFormat = sink.timestampFormat
        }
        let queryID = newQueryID(prefix: create.kind == .table ? "CTAS" : "CSAS", sink: name)
        let topics = internalTopics(queryID, plan)
        let task = try StatefulQueryTask(queryID: queryID, plan: plan, sink: sink, formats: formats, log: processingLog,
                                         stores: storeProvider(queryID: queryID), internalTopics: topics)
        try registerChangelogKeySchemas(plan, sink: sink, topics: topics)
        task.cacheMaxBytes = cacheMaxBytes
        task.combinerEnabled = combinerEnabled
        if let n = combinerMaxEntries { task.combinerMaxEntries = n }
        createRepartitionTopics(task)
        if broker.topic(sink.topic) == nil {
            let partitions = create.properties["PARTITIONS"]?.integerValue.map(Int.init)
                ?? broker.topic(input.topic)?.partitions ?? defaultPartitions
            let config = SinkTopicConfig.forCreateAsSelect(kind: create.kind, windowed: create.query.window != nil,
                                                           windowRetentionMs: plan.aggregation?.window?.retention)
            broker.createTopic(sink.topic, partitions: partitions,
                               replicas: create.properties["REPLICAS"]?.integerValue.map(Int.init), config: config)
        }
        var registered = sink
        registered.writerQueryIDs = [queryID]
        catalog.put(registered)
        let query = PersistentQuery(id: queryID, sql: sql, sinkName: name, runner: StatefulRunner(task: task))
        try resume(query)
        addQuery(query)
        return .status(message: "Created query with ID \(queryID)", queryID: queryID)
    }

    func insertStatefulInto(_ insert: InsertInto, target: DataSource, sql: String) throws -> StatementResult {
        let plan = try statefulAnalyzer(target.name).analyzeStateful(insert.query, sink: .insert(target))
        try Self.checkInsertSchema(plan.outputSchema, into: target)
        let queryID = newQueryID(prefix: "INSERTQUERY", sink: target.name)
        let topics = internalTopics(queryID, plan)
        let task = try StatefulQueryTask(queryID: queryID, plan: plan, sink: target, formats: formats, log: processingLog,
                                         stores: storeProvider(queryID: queryID), internalTopics: topics)
        try registerChangelogKeySchemas(plan, sink: target, topics: topics)
        task.cacheMaxBytes = cacheMaxBytes
        task.combinerEnabled = combinerEnabled
        if let n = combinerMaxEntries { task.combinerMaxEntries = n }
        createRepartitionTopics(task)
        var updated = target
        updated.writerQueryIDs.append(queryID)
        catalog.put(updated)
        let query = PersistentQuery(id: queryID, sql: sql, sinkName: target.name, runner: StatefulRunner(task: task))
        try resume(query)
        addQuery(query)
        return .status(message: "Created query with ID \(queryID)", queryID: queryID)
    }

    /// Repartition topics get the first source's partition count, as Kafka Streams sizes them.
    func internalTopics(_ queryID: String, _ plan: StatefulQueryPlan) -> InternalTopics {
        InternalTopics(serviceID: serviceID, queryID: queryID, partitions: broker.topic(plan.inputs[0].topic)?.partitions ?? 1)
    }

    /// Created before the query starts, so the first re-keyed record finds all its partitions.
    func createRepartitionTopics(_ task: StatefulQueryTask) {
        for t in task.repartitionTopics where broker.topic(t.name) == nil {
            broker.createTopic(t.name, partitions: t.partitions)
        }
    }

    /// Aggregate state goes through the sink's value format in ksqlDB; DELIMITED cannot hold the
    /// structured intermediate state of some functions.
    func checkIntermediateTypes(_ plan: StatefulQueryPlan, valueFormat: String) throws {
        guard valueFormat.uppercased() == "DELIMITED", let agg = plan.aggregation else { return }
        for call in agg.calls {
            switch call.function.implementation.intermediateType {
            case .array, .map, .struct:
                throw EddyError(.execution, "One of the functions used in the statement has an intermediate type that the value format can not handle. Please remove the function or change the format.")
            default: continue
            }
        }
    }

}

import EddyCore
import EddyFormats
import EddyPlanner
import EddyRuntime
import EddySchemaRegistry

extension Engine {
    /// Registers `<changelog topic>-key` for the join stores that ksqlDB keys with the query's key
    /// format, as its serializers do on first use: the stores fed by a re-keyed side (a
    /// stream-stream join's two buffers, a re-keyed table's `…SourceKeyed-Materialize`). The
    /// schema is the repartition topic's key schema, since both hold the join key.
    ///
    /// Eddy's changelog records themselves use its internal encoding (`ChangelogRecord`), as its
    /// repartition values do; the subject documents the key as ksqlDB's tools expect to find it.
    func registerChangelogKeySchemas(_ plan: StatefulQueryPlan, sink: DataSource, topics: InternalTopics) throws {
        guard let format = try? formats.format(named: sink.keyFormat.format) as? any SchemaRegistryFormat else { return }
        let names = JoinStoreNames.names(plan)
        let outputKeys = plan.outputSchema.keyColumns.map(\.name)
        for (j, jp) in plan.joins.enumerated() {
            var stores: [(String, [CompiledExpression])] = []
            switch jp.strategy {
            case .streamStream:
                guard jp.repartitionLeft || jp.repartitionRight else { continue }
                if let left = names[j].left { stores.append((left, jp.leftKey)) }
                stores.append((names[j].right, jp.rightKey))
            case .streamTable, .tableTable:
                if jp.repartitionLeft, let left = names[j].left { stores.append((left, jp.leftKey)) }
                if jp.repartitionRight { stores.append((names[j].right, jp.rightKey)) }
            case .foreignKey:
                continue
            }
            for (store, keys) in stores {
                let columns = keys.enumerated().map { i, e in
                    Column(outputKeys.count == keys.count ? outputKeys[i] : "KSQL_COL_\(i)", e.type ?? .string, .key)
                }
                let topic = "\(topics.prefix)\(store)-changelog"
                do {
                    let schema = try format.schemaToRegister(columns: columns, info: sink.keyFormat,
                                                             features: sink.keyFeatures, isKey: true)
                    let subject = SchemaSubjects.subject(topic: topic, isKey: true, info: sink.keyFormat,
                                                         recordName: SchemaRecordName.of(schema, info: sink.keyFormat))
                    _ = try schemaRegistry.register(subject: subject, schema: schema)
                } catch let e as SchemaRegistryError {
                    throw EddyError.execution("Could not register schema for topic: \(e.message)")
                }
            }
        }
    }
}

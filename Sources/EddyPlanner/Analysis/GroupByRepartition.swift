import EddyCore
import EddySQL

extension QueryAnalyzer {
    /// Whether a GROUP BY re-keys its input, as ksqlDB decides between Kafka Streams' `groupByKey`
    /// and `groupBy`: a table is always re-grouped through a repartition topic (KTable.groupBy),
    /// a single stream only when the grouping expressions are not exactly its key columns in
    /// order. After a join the relation is keyed by the join key; re-grouping it is always safe,
    /// so joins repartition too.
    func groupByNeedsRepartition(_ groupBy: [Expression], inputs: [QueryInput], fromTable: Bool) -> Bool {
        guard !fromTable, inputs.count == 1 else { return true }
        let keys = inputs[0].layout.source.schema.keyColumns
        guard keys.count == groupBy.count, !keys.isEmpty else { return true }
        for (g, key) in zip(groupBy, keys) {
            guard case .column(let qualifier, let name) = g.kind, name.value == key.name else { return true }
            if let qualifier, qualifier.value != inputs[0].layout.alias, qualifier.value != inputs[0].layout.source.name {
                return true
            }
        }
        return false
    }
}

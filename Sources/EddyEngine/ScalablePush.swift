import EddyCore
import EddyRuntime
import EddySQL

/// ksqlDB's scalable push queries (`ksql.query.push.v2.enabled`): a simple push query over the
/// sink of exactly one persistent query is served from that query's output rather than by a
/// query of its own, and that path skips records without a key (when the source has key
/// columns) or without a value (`ScalablePushConsumer.handleRow`). Conventional push queries
/// return keyless rows.
extension Engine {
    /// `ScalablePushUtil.isScalablePushQuery`: push v2 on, reading from latest, a single source
    /// written by one query, EMIT CHANGES, no GROUP BY, window, HAVING or PARTITION BY, and no
    /// ROWPARTITION or ROWOFFSET.
    func isScalablePush(_ query: Query) -> Bool {
        guard properties["ksql.query.push.v2.enabled"]?.lowercased() == "true", query.emit == .changes,
              query.from.joins.isEmpty, query.groupBy == nil, query.window == nil, query.having == nil,
              query.partitionBy == nil else { return false }
        let reset = properties["auto.offset.reset"] ?? properties["ksql.streams.auto.offset.reset"]
        guard reset.map({ $0 == "latest" }) ?? true else { return false }
        let source = query.from.source.name.value
        guard queries.filter({ $0.sinkName == source }).count == 1 else { return false }
        var expressions = query.whereClause.map { [$0] } ?? []
        for item in query.select {
            if case .expression(let e, _) = item { expressions.append(e) }
        }
        var positional = false
        for e in expressions {
            e.forEach { x in
                if case .column(_, let name) = x.kind, name.value == "ROWPARTITION" || name.value == "ROWOFFSET" { positional = true }
            }
        }
        return !positional
    }

    /// Whether a scalable push query passes over `record` (see the type's comment).
    static func scalablePushSkips(_ record: KafkaRecord, keyed: Bool) -> Bool {
        record.value == nil || (keyed && record.key == nil)
    }
}

/// The names ksqlDB's topology gives each join's state stores, so that a query's changelog topics
/// (`…query_<id>-<store>-changelog`) and the schemas registered for them match ksqlDB's.
///
/// Stream-stream joins use Kafka Streams' generated names, `KSTREAM-JOINTHIS-<n>-store` and
/// `KSTREAM-JOINOTHER-<n+1>-store` (`OUTERTHIS` / `OUTEROTHER` on a preserved side, and
/// `KSTREAM-OUTERSHARED-<n>-store` for records awaiting their window's close). `n` comes from
/// Kafka Streams' node counter, which `nodeIndex` models for the topology ksqlDB builds; the
/// counts were read off ksqlDB's recorded QTT topologies (`historical_plans/*/topology`).
/// Table sides are `RightSourceKeyed-Materialize` / `LeftSourceKeyed-Materialize` when re-keyed and
/// `KafkaTopic_Right-Reduce` / `KafkaTopic_Left-Reduce` otherwise, with one `L_` per later join.
public struct JoinStoreNames: Sendable, Hashable {
    /// Stores of the join's left input (stream-stream: buffered left records; table joins: left rows).
    public var left: String?
    /// Stores of the right input (buffered right records; the right table's rows).
    public var right: String
    /// Stream-stream only: outer records waiting for their window to close.
    public var outer: String?

    /// Names for every join of `plan`, in plan order.
    public static func names(_ plan: StatefulQueryPlan) -> [JoinStoreNames] {
        names(joins: plan.joins, inputIsTable: plan.inputs.map(\.isTable))
    }

    static func names(joins: [JoinPlan], inputIsTable: [Bool]) -> [JoinStoreNames] {
        joins.enumerated().map { j, jp in
            let prefix = String(repeating: "L_", count: joins.count - 1 - j)
            switch jp.strategy {
            case .streamStream:
                let n = nodeIndex(ofStreamStreamJoin: j, joins: joins, inputIsTable: inputIsTable)
                func store(_ kind: String, _ index: Int) -> String {
                    "KSTREAM-\(kind)-\(String(repeating: "0", count: max(0, 10 - String(index).count)))\(index)-store"
                }
                // ksqlDB runs a RIGHT join as the right stream's left join, so "this" is the right side.
                let thisKind = jp.type == .full ? "OUTERTHIS" : "JOINTHIS"
                let otherKind = jp.type == .left || jp.type == .full || jp.type == .right ? "OUTEROTHER" : "JOINOTHER"
                let this = store(thisKind, n), other = store(otherKind, n + 1), shared = store("OUTERSHARED", n)
                return jp.type == .right ? JoinStoreNames(left: other, right: this, outer: shared)
                    : JoinStoreNames(left: this, right: other, outer: shared)
            case .streamTable:
                return JoinStoreNames(left: nil, right: tableStore(prefix, "Right", rekeyed: jp.repartitionRight))
            case .tableTable:
                let left = j == 0 || jp.repartitionLeft ? tableStore(prefix, "Left", rekeyed: jp.repartitionLeft) : "Join-\(j)-left"
                return JoinStoreNames(left: left, right: tableStore(prefix, "Right", rekeyed: jp.repartitionRight))
            case .foreignKey:
                // ksqlDB's subscription stores have no counterpart here; keep Eddy's own names.
                return JoinStoreNames(left: "Join-\(j)-left", right: "Join-\(j)-right")
            }
        }
    }

    private static func tableStore(_ prefix: String, _ side: String, rekeyed: Bool) -> String {
        rekeyed ? "\(prefix)\(side)SourceKeyed-Materialize" : "KafkaTopic_\(prefix)\(side)-Reduce"
    }

    /// Kafka Streams' node counter when stream-stream join `j` names its first store.
    ///
    /// ksqlDB builds a stream-table join's table before its left input, and a stream-stream join's
    /// left input before its right one, so everything counted below is built before join `j`:
    /// the tables of later stream-table joins, every input up to j's right one, earlier joins'
    /// own nodes, and j's re-keys and windowing nodes. Costs per step (ksqlDB 8):
    /// - stream source: source, value transform, peek = 3;
    /// - table source: 6, and 6 more when re-keyed (`RightSourceKeyed-SelectKey`, materialized);
    /// - re-keying a join side: select-key + repartition filter, sink and source = 4;
    /// - stream-table join: 1; stream-stream join: 2 windowing nodes, 2 stores, merge = 5.
    static func nodeIndex(ofStreamStreamJoin j: Int, joins: [JoinPlan], inputIsTable: [Bool]) -> Int {
        func sourceCost(_ input: Int, rekeyedTable: Bool) -> Int {
            guard input < inputIsTable.count, inputIsTable[input] else { return 3 }
            return rekeyedTable ? 12 : 6
        }
        var count = 0
        for k in joins.indices where k > j {
            if case .streamTable = joins[k].strategy {
                count += sourceCost(joins[k].rightInput, rekeyedTable: joins[k].repartitionRight)
            }
        }
        count += sourceCost(0, rekeyedTable: false)
        for (k, jp) in joins.enumerated() where k <= j {
            let rekeys = (jp.repartitionLeft ? 4 : 0)
            switch jp.strategy {
            case .streamStream:
                count += sourceCost(jp.rightInput, rekeyedTable: false) + rekeys + (jp.repartitionRight ? 4 : 0)
                count += k == j ? 2 : 5
            default:
                // The table was built (and re-keyed) before the left input; only the join is left.
                count += sourceCost(jp.rightInput, rekeyedTable: jp.repartitionRight) + rekeys + 1
            }
        }
        return count
    }
}

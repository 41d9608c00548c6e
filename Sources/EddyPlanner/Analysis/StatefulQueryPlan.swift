import EddyCore
import EddyFunctions
import EddySQL

/// One FROM source of a stateful query. Every operator works on full-width rows: each input's
/// columns sit at `offset`, join keys follow all inputs (see `StatefulQueryPlan.width`).
public struct QueryInput: Sendable {
    public var layout: SourceLayout
    public var offset: Int
    public var timestampColumn: Int?
    public var timestampFormat: String?
    /// The full-row slots read from this input before anything else sees its rows (sorted), or nil
    /// (all read). Set only where the input's rows feed nothing but the filter and an aggregate.
    public var readSlots: [Int]?

    public var isTable: Bool { layout.source.kind == .table }
    public var topic: String { layout.source.topic }
}

/// How two relations are joined, which decides the state each side keeps.
public enum JoinStrategy: Sendable, Hashable {
    /// Both sides buffered for `WITHIN`; a right record joins a left one when
    /// `left.time - before <= right.time <= left.time + after`.
    case streamStream(before: Int64, after: Int64, grace: Int64?)
    /// Stream records look up the table's current row by its primary key.
    case streamTable
    /// Both tables keyed by the join key.
    case tableTable
    /// The left table's expression names the right table's primary key; results keep the left key.
    case foreignKey
}

/// One left-deep join step: the relation built so far (left) with the next input (right).
public struct JoinPlan: Sendable {
    public var type: JoinType
    public var strategy: JoinStrategy
    /// Join key expressions over the full-width row (left side reads only earlier inputs).
    public var leftKey: [CompiledExpression]
    public var rightKey: [CompiledExpression]
    /// Which input is the right side.
    public var rightInput: Int
    /// Where the join key values go in the full-width row.
    public var keyOffset: Int
    public var leftIsTable: Bool
    /// Row slots that belong to the right side (its input's columns), filled from the right row.
    public var rightRange: Range<Int>
    /// Row slots of every input joined on the left so far.
    public var leftRanges: [Range<Int>]
    /// Sides re-keyed through a repartition topic before the join (see `JoinRepartition`).
    public var repartitionLeft = false
    public var repartitionRight = false
}

/// `WINDOW TUMBLING | HOPPING | SESSION`, in milliseconds.
public struct WindowPlan: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case tumbling, hopping, session }
    public var kind: Kind
    /// Window size; the inactivity gap for sessions.
    public var size: Int64
    public var advance: Int64
    public var grace: Int64
    public var retention: Int64?

    /// ksqlDB's default grace period when none is given: 24 hours.
    public static let defaultGrace: Int64 = 86_400_000

    public var info: WindowInfo {
        switch kind {
        case .tumbling: .tumbling(sizeMs: size)
        case .hopping: .hopping(sizeMs: size)
        case .session: .session
        }
    }
}

/// An aggregate call with its argument expressions over the pre-aggregation row.
public struct AggregateCall: Sendable {
    public var function: ResolvedAggregate
    public var arguments: [CompiledExpression]
    public var text: String
}

/// GROUP BY: the grouping key, the aggregates and the window. The aggregate row it produces is
/// `[group key…, aggregate results…, ROWTIME, WINDOWSTART, WINDOWEND]`.
public struct AggregationPlan: Sendable {
    public var groupKey: [CompiledExpression]
    public var calls: [AggregateCall]
    public var window: WindowPlan?
    /// Table sources retract the old row (`undo`) before adding the new one.
    public var fromTable: Bool
    /// The grouping is not the input's key, so rows go through an `Aggregate-GroupBy-repartition`
    /// topic first (Kafka Streams' `groupBy` rather than `groupByKey`).
    public var repartition = false
    /// The row slots that the group key and the aggregate arguments read (nil when unknown): a
    /// repartition topic before the aggregate only needs to carry these.
    public var readSlots: [Int]?

    public var rowtimeIndex: Int { groupKey.count + calls.count }
    public var width: Int { groupKey.count + calls.count + 3 }
}

/// A compiled query with state: tables, joins, aggregations, windows. `steps` describes it.
public struct StatefulQueryPlan: Sendable {
    public var inputs: [QueryInput]
    public var joins: [JoinPlan]
    /// Width of the full row: every input, then every join's key slots.
    public var width: Int
    public var filter: CompiledExpression?
    public var aggregation: AggregationPlan?
    /// HAVING, over the aggregate row.
    public var having: CompiledExpression?
    /// Output key and value columns, over the full row or (when aggregating) the aggregate row.
    public var keyExpressions: [CompiledExpression]
    public var valueExpressions: [CompiledExpression]
    public var outputSchema: LogicalSchema
    /// Tables propagate updates and deletes; streams only appends.
    public var outputIsTable: Bool
    public var outputWindow: WindowInfo?
    public var emitFinal: Bool
    public var sinkTimestampColumn: Int?
    public var sinkTimestampFormat: String?
    public var steps: [PlanStep]
    public var limit: Int?
    /// The final relation's key, when it is not one of the output's key columns (pull queries).
    public var isPull: Bool = false
    /// Transient queries: value columns that are a window bound (`true` = WINDOWEND). A push
    /// query's tombstone row still shows them, read from the windowed key.
    public var windowBoundValues: [(index: Int, isEnd: Bool)] = []
    /// Transient queries over a table: value columns that are the table's key columns, with the
    /// expression reading them. A push query's tombstone row still shows them.
    public var keyColumnValues: [(index: Int, expression: CompiledExpression)] = []
    /// A plain projection of one stream (a windowed one: others run stateless) passes records
    /// without a value on, keyed as before, as the stateless path does.
    public var passesTombstones = false
}

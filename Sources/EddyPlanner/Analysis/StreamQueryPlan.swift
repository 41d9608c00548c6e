import EddyCore
import EddyFunctions

/// A compiled stateless query over one source: deserialize, extract time, filter, explode,
/// project, re-key. The runtime executes it; `steps` describes it for EXPLAIN and the command topic.
public struct StreamQueryPlan: Sendable {
    public var source: SourceLayout
    /// Index in the source row of the column that supplies the record time, and its format.
    public var timestampColumn: Int?
    public var timestampFormat: String?
    public var filter: CompiledExpression?
    /// Table functions, applied after the filter. Their outputs are appended to the row.
    public var tableFunctions: [CompiledTableFunction]
    /// Output key columns, then value columns, evaluated against the (exploded) source row.
    public var keyExpressions: [CompiledExpression]
    public var valueExpressions: [CompiledExpression]
    /// The sink's schema: key columns then value columns.
    public var outputSchema: LogicalSchema
    /// Whether the output key is the source's key, unchanged (no PARTITION BY): a source record
    /// with a null Kafka key then keeps a null key.
    public var keepsSourceKey = false
    /// For each key expression, whether it reads more than the source's key columns: ksqlDB
    /// evaluates such a PARTITION BY expression on a record without a value to NULL.
    public var keyReadsValue: [Bool] = []
    /// Index in the output columns (keys, then values) that supplies the sink record time.
    public var sinkTimestampColumn: Int?
    public var sinkTimestampFormat: String?
    public var steps: [PlanStep]
    public var limit: Int?
    /// The source row slots the filter, projection, keys, table functions and timestamp read
    /// (sorted), or nil when that is unknown: every slot counts as read. Deserializers may leave
    /// the other columns NULL (after validating them).
    public var readSlots: [Int]?

    public init(source: SourceLayout, timestampColumn: Int? = nil, timestampFormat: String? = nil,
                filter: CompiledExpression? = nil, tableFunctions: [CompiledTableFunction] = [],
                keyExpressions: [CompiledExpression], valueExpressions: [CompiledExpression],
                outputSchema: LogicalSchema, sinkTimestampColumn: Int? = nil, sinkTimestampFormat: String? = nil,
                steps: [PlanStep] = [], limit: Int? = nil) {
        self.source = source
        self.timestampColumn = timestampColumn
        self.timestampFormat = timestampFormat
        self.filter = filter
        self.tableFunctions = tableFunctions
        self.keyExpressions = keyExpressions
        self.valueExpressions = valueExpressions
        self.outputSchema = outputSchema
        self.sinkTimestampColumn = sinkTimestampColumn
        self.sinkTimestampFormat = sinkTimestampFormat
        self.steps = steps
        self.limit = limit
    }
}

/// A table function call compiled against the source row: evaluated per row, each returns a list;
/// the lists are zipped (shorter ones padded with NULL), as ksqlDB does with several EXPLODEs.
public struct CompiledTableFunction: Sendable {
    public var type: SQLType
    public var evaluate: @Sendable ([Value]) -> [Value]

    public init(type: SQLType, evaluate: @escaping @Sendable ([Value]) -> [Value]) {
        self.type = type
        self.evaluate = evaluate
    }
}

/// One versioned, serialisable step of a physical plan, as EXPLAIN prints it. Expressions are kept
/// as canonical SQL text, so a plan read back from the command topic is re-compiled identically.
public struct PlanStep: Sendable, Codable, Hashable {
    public var version: Int
    public var type: String
    public var properties: [String: String]

    public init(_ type: String, version: Int = 1, _ properties: [String: String] = [:]) {
        self.type = type
        self.version = version
        self.properties = properties
    }
}

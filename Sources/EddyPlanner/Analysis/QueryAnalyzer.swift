import EddyCore
import EddyFormats
import EddyFunctions
import EddySQL

/// What the query feeds: a new or existing source (persistent query) or a client (push query).
public enum QuerySink: Sendable {
    /// CSAS/CTAS: the sink's name; its schema comes from the projection.
    case create(name: String, kind: SourceKind)
    /// INSERT INTO: the projection must match the existing source's schema.
    case insert(DataSource)
    /// SELECT … EMIT CHANGES: every select item is an output column.
    case client
}

/// Analyzes a SELECT against the catalog and compiles it into an executable plan.
public struct QueryAnalyzer: Sendable {
    public var catalog: Catalog
    public var functions: FunctionRegistry
    public var errors: EvaluationErrorSink
    /// Partition counts of topics, for the co-partitioning check of joins (nil skips it).
    public var topicPartitions: (@Sendable (String) -> Int?)?
    /// `ksql.new.query.planner.enabled`: streams may drop their key, and keys follow the
    /// projection's order instead of the source's.
    public var newQueryPlanner = false
    /// The sink's `TIMESTAMP` property (resolved name): ksqlDB checks it against the projection
    /// before it checks that the projection keeps the key.
    public var sinkTimestampColumn: String?

    public init(catalog: Catalog, functions: FunctionRegistry, errors: EvaluationErrorSink = .ignore) {
        self.catalog = catalog
        self.functions = functions
        self.errors = errors
    }

    func compiler(scope: Scope) -> ExpressionCompiler {
        let types = catalog.types
        return ExpressionCompiler(scope: scope, functions: functions, customTypes: { types[$0.uppercased()] }, errors: errors)
    }

    public func resolveSource(_ name: Identifier, at location: SourceLocation) throws -> DataSource {
        guard let s = catalog.source(name.value) else {
            throw EddyError.analysis("\(name.value) does not exist.", at: location)
        }
        return s
    }

    public func analyze(_ query: Query, sink: QuerySink) throws -> StreamQueryPlan {
        if let join = query.from.joins.first {
            throw EddyError(.execution, "JOIN queries are not supported yet.", at: join.location)
        }
        if query.groupBy != nil || query.window != nil {
            throw EddyError(.execution, "Aggregations (GROUP BY / WINDOW) are not supported yet.", at: query.location)
        }
        if query.having != nil {
            throw EddyError.analysis("HAVING clause requires a GROUP BY clause.", at: query.location)
        }
        let from = query.from.source
        let source = try resolveSource(from.name, at: from.location)
        let layout = SourceLayout(source: source, alias: from.effectiveName.value)
        var steps = [PlanStep("streamSource", ["topic": source.topic, "source": source.name,
                                               "keyFormat": source.keyFormat.format, "valueFormat": source.valueFormat.format])]

        let filter = try query.whereClause.map { e -> CompiledExpression in
            steps.append(PlanStep("streamFilter", ["predicate": SQLFormatter.format(e)]))
            return try compiler(scope: layout.scope(clause: "WHERE")).compilePredicate(e, clause: "WHERE")
        }

        var selectScope = layout.scope(clause: "SELECT")
        let selectItems = try expandPartitionBy(query, source: source, layout: layout)
        var named = try expandSelect(selectItems, layouts: [layout], scope: selectScope)
        for i in named.indices where named[i].name.hasPrefix(Self.pseudoKeyMarker) {
            named[i].name.removeFirst()
        }
        // A push query may select pseudo-columns by name; only a persistent sink can't hold them.
        if case .client = sink {} else { try checkReservedNames(named) }

        // Table functions become synthetic columns appended to the row by a flat-map step.
        var rewritten = named
        var tableFunctions: [CompiledTableFunction] = []
        for i in rewritten.indices {
            rewritten[i].expression = try extractTableFunctions(rewritten[i].expression, layout: layout,
                                                                scope: &selectScope, into: &tableFunctions)
        }
        if !tableFunctions.isEmpty {
            steps.append(PlanStep("streamFlatMap", ["functions": "\(tableFunctions.count)"]))
        }
        let c = compiler(scope: selectScope)
        let compiled = try rewritten.map { try c.compile($0.expression) }
        for (item, ce) in zip(named, compiled) where ce.type == nil {
            throw EddyError.analysis("Can't infer a type of null. Please explicitly cast it to a required type, e.g. CAST(null AS VARCHAR).", at: item.expression.location)
        }

        try checkSinkTimestamp(named)
        let partitionBy = query.partitionBy
        var keyIndexes: [Int] = []
        var keyNames: [String] = []
        if case .client = sink {} else {
            let sinkName: String
            switch sink {
            case .create(let n, _): sinkName = n
            case .insert(let s): sinkName = s.name
            case .client: sinkName = ""
            }
            if let partitionBy {
                steps.append(PlanStep("streamSelectKey", ["keyExpression": partitionBy.map { SQLFormatter.format($0) }.joined(separator: ", ")]))
                (keyIndexes, keyNames) = try partitionKeys(partitionBy, named: named, sinkName: sinkName, alias: layout.alias)
            } else {
                let sinkKind: SourceKind?
                switch sink {
                case .create(_, let kind): sinkKind = kind
                case .insert(let target): sinkKind = target.kind
                case .client: sinkKind = nil
                }
                (keyIndexes, keyNames) = try sourceKeys(source, layout: layout, named: named, sinkName: sinkName, sinkKind: sinkKind)
            }
        }

        var keyColumns: [Column] = []
        var keyExpressions: [CompiledExpression] = []
        for (i, name) in zip(keyIndexes, keyNames) {
            keyColumns.append(Column(name, compiled[i].type!, .key))
            keyExpressions.append(compiled[i])
        }
        var valueColumns: [Column] = []
        var valueExpressions: [CompiledExpression] = []
        for (i, item) in named.enumerated() where !keyIndexes.contains(i) {
            valueColumns.append(Column(item.name, compiled[i].type!, .value))
            valueExpressions.append(compiled[i])
        }
        if case .client = sink {} else if valueColumns.isEmpty {
            throw EddyError.analysis("The projection contains no value columns.", at: query.location)
        }
        try checkDuplicates(keyColumns + valueColumns)
        steps.append(PlanStep("streamSelect", ["selectExpressions": named.map { "\(SQLFormatter.format($0.expression)) AS \($0.name)" }.joined(separator: ", ")]))

        var timestampColumn: Int?
        if let ts = source.timestampColumn { timestampColumn = source.schema.index(of: ts) }
        var plan = StreamQueryPlan(source: layout, timestampColumn: timestampColumn, timestampFormat: source.timestampFormat,
                                   filter: filter, tableFunctions: tableFunctions, keyExpressions: keyExpressions,
                                   valueExpressions: valueExpressions, outputSchema: LogicalSchema(keyColumns + valueColumns),
                                   steps: steps, limit: query.limit)
        plan.keepsSourceKey = partitionBy == nil
        if partitionBy != nil {
            let keyNames = Set(source.schema.keyColumns.map(\.name))
            plan.keyReadsValue = keyIndexes.map { i in
                named[i].expression.columnReferences.contains { ref in
                    !keyNames.contains(ref.name.value) || ref.qualifier.map { $0.value != layout.alias } == true
                }
            }
        }
        let read = (query.whereClause.map { [$0] } ?? []) + named.map(\.expression) + (partitionBy ?? [])
        plan.readSlots = readSlots(read, scope: layout.scope(clause: "SELECT")).map { slots in
            timestampColumn.map { Array(Set(slots + [$0])).sorted() } ?? slots
        }
        return plan
    }

    func checkReservedNames(_ named: [NamedSelectItem]) throws {
        for item in named where !item.aliased {
            if let p = PseudoColumn(rawValue: item.name) {
                throw EddyError.analysis("Reserved column name in select: `\(p.rawValue)`. Please remove or alias the column.", at: item.expression.location)
            }
        }
    }

    func checkSinkTimestamp(_ named: [NamedSelectItem]) throws {
        guard let ts = sinkTimestampColumn, !named.contains(where: { $0.name == ts }) else { return }
        throw EddyError(.execution, "The TIMESTAMP column set in the WITH clause does not exist in the schema: '\(ts)'")
    }

    func checkDuplicates(_ columns: [Column]) throws {
        var seen = Set<String>()
        for c in columns {
            if !seen.insert(c.name).inserted {
                throw EddyError.analysis("Duplicate value columns found in schema: `\(c.name)` \(c.type)")
            }
        }
    }

    /// Without PARTITION BY, the sink keeps the source's key: every key column must be selected.
    /// With the new planner, a stream may drop its key entirely (it is written keyless) as long as
    /// no projected column takes a key column's name, and keys follow the projection's order.
    func sourceKeys(_ source: DataSource, layout: SourceLayout, named: [NamedSelectItem], sinkName: String,
                    sinkKind: SourceKind?) throws -> ([Int], [String]) {
        var indexes: [Int] = []
        var missing: [String] = []
        let keys = source.schema.keyColumns
        for key in keys {
            let matches = named.indices.filter { i in
                if case .column(let q, let n) = named[i].expression.kind, n.value == key.name,
                   q == nil || q!.value == layout.alias { return true }
                return false
            }
            // A persistent query's key columns leave the value, so one selected twice has no single name.
            let aliases = Set(matches.map { named[$0].name })
            if sinkKind != nil, aliases.count > 1 {
                let aliases = aliases.sorted().joinedWithAnd()
                throw EddyError.analysis("The projection contains a key column (`\(key.name)`) more than once, aliased as: \(aliases).\nEach key column must only be in the projection once. If you intended to copy the key into the value, then consider using the AS_VALUE function to indicate which key reference should be copied.")
            }
            if let match = matches.first { indexes.append(match) } else { missing.append(key.name) }
        }
        if missing.isEmpty || keys.isEmpty {
            if newQueryPlanner { indexes.sort() }
            return (indexes, indexes.map { named[$0].name })
        }
        let nameTaken = named.contains { item in keys.contains { $0.name == item.name } }
        if newQueryPlanner, indexes.isEmpty, sinkKind == .stream, !nameTaken {
            return ([], [])
        }
        let all = keys.map(\.name)
        let noun = all.count == 1 ? "key column" : "key columns"
        let list = all.joinedWithAnd()
        throw EddyError.analysis("The query used to build `\(sinkName)` must include the \(noun) \(list) in its projection (eg, SELECT \(all.joined(separator: ", "))...).")
    }

    /// Replaces table-function calls with references to synthetic columns and compiles the calls.
    func extractTableFunctions(_ e: Expression, layout: SourceLayout, scope: inout Scope,
                               into list: inout [CompiledTableFunction]) throws -> Expression {
        func inner(_ x: Expression) throws -> Expression {
            try extractTableFunctions(x, layout: layout, scope: &scope, into: &list)
        }
        // A table function may sit inside a larger expression (`EXPLODE(arr)->F1`, `ABS(EXPLODE(xs))`).
        switch e.kind {
        case .dereference(let base, let field):
            return Expression(.dereference(try inner(base), field: field), at: e.location)
        case .subscript(let base, let index):
            return Expression(.subscript(try inner(base), index: try inner(index)), at: e.location)
        case .cast(let x, let type):
            return Expression(.cast(try inner(x), type), at: e.location)
        case .unary(let op, let x):
            return Expression(.unary(op, try inner(x)), at: e.location)
        case .arithmetic(let op, let l, let r):
            return Expression(.arithmetic(op, try inner(l), try inner(r)), at: e.location)
        case .functionCall(let name, let args, let star) where !functions.isTableFunction(name.value):
            return Expression(.functionCall(name: name, args: try args.map(inner), star: star), at: e.location)
        default:
            break
        }
        guard case .functionCall(let name, let args, _) = e.kind, functions.isTableFunction(name.value) else {
            return e
        }
        let c = compiler(scope: layout.scope(clause: "SELECT"))
        let compiledArgs = try args.map { try c.compile($0) }
        let resolved = try c.withAnalysisLocation(e.location) {
            try functions.resolveTableFunction(name: name.value, argumentTypes: compiledArgs.map { $0.type.map { .type($0) } ?? .null })
        }
        let fs: [@Sendable ([Value]) -> Value] = try compiledArgs.enumerated().map { i, a in
            try c.coerce(a, to: i < resolved.argumentTypes.count ? resolved.argumentTypes[i] : a.type)
        }
        let invoke = resolved.invoke
        let sink = errors
        let context = FunctionContext(logError: { sink.report($0) })
        list.append(CompiledTableFunction(type: resolved.returnType) { row in
            var args = FunctionArguments(values: fs.map { $0(row) }, context: context)
            do { return try invoke(&args) } catch {
                sink.report("\(error)")
                return []
            }
        })
        let index = layout.width + list.count - 1
        let synthetic = "KSQL_SYNTH_\(list.count - 1)"
        scope.entries.append(Scope.Entry(qualifier: nil, name: synthetic, type: resolved.returnType, index: index))
        return Expression(.column(qualifier: nil, name: Identifier(synthetic, quoted: true)), at: e.location)
    }
}

extension Expression {
    var isNullLiteral: Bool {
        if case .literal(.null) = kind { return true }
        return false
    }

    /// `a.x` and `x` name the same column when the qualifier is the only source.
    func sameColumn(as other: Expression) -> Bool {
        if case .column(_, let a) = kind, case .column(_, let b) = other.kind { return a.value == b.value }
        return false
    }
}

extension Array where Element == Expression {
    var isNullLiteral: Bool { count == 1 && self[0].isNullLiteral }
}

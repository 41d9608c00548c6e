import EddyCore
import EddyFunctions
import EddySQL

extension QueryAnalyzer {
    /// Whether a query needs the stateful runtime: joins, aggregations, windows or table sources.
    public func isStateful(_ query: Query) -> Bool {
        !query.from.joins.isEmpty || query.groupBy != nil || query.window != nil || selectsAggregate(query)
            || catalog.source(query.from.source.name.value).map { $0.kind == .table || $0.window != nil } == true
    }

    /// An aggregate call in SELECT: without GROUP BY, a push query aggregates all rows as one group.
    func selectsAggregate(_ query: Query) -> Bool {
        query.select.contains { item in
            if case .expression(let e, _) = item { return firstAggregate(in: e) != nil }
            return false
        }
    }

    /// Analyzes a query over tables, joins, aggregations or windows into a stateful plan.
    public func analyzeStateful(_ query: Query, sink: QuerySink) throws -> StatefulQueryPlan {
        let sinkName: String
        switch sink {
        case .create(let n, _): sinkName = n
        case .insert(let s): sinkName = s.name
        case .client: sinkName = ""
        }
        if query.groupBy == nil {
            let aggregates = query.select.compactMap { item -> Expression? in
                if case .expression(let e, _) = item, firstAggregate(in: e) != nil { return e }
                return nil
            }
            let plain = query.select.compactMap { item -> String? in
                guard case .expression(let e, _) = item, firstAggregate(in: e) == nil else { return nil }
                return SQLFormatter.format(e)
            }
            // ksqlDB's aggregate analysis reports unaggregated columns before the missing GROUP BY.
            var persistent = false
            if case .create = sink { persistent = true }
            if query.window != nil || persistent && !plain.isEmpty && !aggregates.isEmpty {
                if !aggregates.isEmpty {
                    throw EddyError.analysis("Non-aggregate SELECT expression(s) not part of GROUP BY: \(plain.joined(separator: ", "))\nEither add the column(s) to the GROUP BY or remove them from the SELECT.", at: query.location)
                }
                throw EddyError.analysis("WINDOW clause requires a GROUP BY clause.", at: query.location)
            }
            if let first = aggregates.first, case .create(_, let kind) = sink {
                var text = SQLFormatter.format(first)
                if case .functionCall(let n, let args, _) = first.kind, args.isEmpty { text = "\(n.value.uppercased())(ROWTIME)" }
                throw EddyError.analysis("CREATE \(kind.rawValue) AS SELECT statement does not support aggregate function [\(text)] without a GROUP BY clause.", at: query.location)
            }
        }
        if query.having != nil, query.groupBy == nil {
            throw EddyError.analysis("HAVING clause requires a GROUP BY clause.", at: query.location)
        }
        let sources = try resolveSources(query)
        if case .client = sink {} else if sources.contains(where: { $0.kind == .table && $0.window != nil }) {
            throw EddyError(.execution, "KSQL does not support persistent queries on windowed tables.")
        }
        try checkValueFormats(sources, query: query)

        // Inputs sit side by side in the full row; join key slots follow them.
        var inputs: [QueryInput] = []
        var offset = 0
        var scope = Scope(entries: [])
        scope.joinNaming = !query.from.joins.isEmpty
        for (aliased, source) in zip(query.from.allSources, sources) {
            let layout = SourceLayout(source: source, alias: aliased.effectiveName.value)
            var ts: Int?
            if let t = source.timestampColumn { ts = source.schema.index(of: t) }
            inputs.append(QueryInput(layout: layout, offset: offset, timestampColumn: ts, timestampFormat: source.timestampFormat))
            for var entry in layout.scope(clause: "SELECT").entries {
                entry.index += offset
                scope.entries.append(entry)
            }
            offset += layout.width
        }
        var steps: [PlanStep] = inputs.map {
            PlanStep($0.isTable ? "tableSource" : "streamSource",
                     ["topic": $0.topic, "source": $0.layout.source.name, "alias": $0.layout.alias])
        }
        for join in query.from.joins {
            var s = scope
            s.clause = "JOIN ON"
            try checkJoinSides(join, scope: s, inputs: inputs)
        }
        var joins: [JoinPlan] = []
        var joinKeys: [JoinKeyInfo] = []
        var relationIsTable = inputs[0].isTable
        for (j, join) in query.from.joins.enumerated() {
            let (plan, info) = try analyzeJoin(join, rightInput: j + 1, inputs: inputs, scope: scope,
                                               leftIsTable: relationIsTable, keyOffset: offset, previous: joinKeys)
            offset += plan.rightKey.count
            for (i, type) in info.types.enumerated() {
                let visible = info.synthetic && j == query.from.joins.count - 1 && i == 0
                scope.entries.append(Scope.Entry(qualifier: nil, name: visible ? info.syntheticName : "KSQL_JOIN_\(j)_\(i)", type: type,
                                                 index: plan.keyOffset + i, isPseudo: true))
            }
            joins.append(plan)
            joinKeys.append(info)
            relationIsTable = relationIsTable && inputs[j + 1].isTable
            steps.append(PlanStep("join", ["type": join.type.rawValue, "strategy": "\(plan.strategy)",
                                           "criteria": SQLFormatter.format(join.on)]))
        }
        let width = offset

        let filter = try query.whereClause.map { e -> CompiledExpression in
            steps.append(PlanStep(relationIsTable ? "tableFilter" : "streamFilter", ["predicate": SQLFormatter.format(e)]))
            var s = scope
            s.clause = "WHERE"
            // A windowed query's sources list the window bounds, so ksqlDB only finds them missing
            // when it types the filter, which runs before the window exists.
            if query.window != nil {
                for ref in e.columnReferences where ref.qualifier == nil && ["WINDOWSTART", "WINDOWEND"].contains(ref.name.value)
                    && (try? s.resolve(qualifier: nil, name: ref.name, at: ref.location)) == nil {
                    throw EddyError.analysis("Error in WHERE expression: Unknown column \(ref.name.value).", at: ref.location)
                }
            }
            return try compiler(scope: s).compilePredicate(e, clause: "WHERE")
        }

        for item in query.select {
            if case .expression(let e, _) = item, containsTableFunction(e) {
                if query.groupBy != nil {
                    throw EddyError.analysis("Table functions cannot be used with aggregations.", at: e.location)
                }
                throw EddyError.analysis("Table source is not supported with table functions", at: e.location)
            }
        }
        if !query.from.joins.isEmpty {
            for case .expression(_, let alias?) in query.select where PseudoColumn(rawValue: alias.value) != nil {
                throw EddyError.analysis("Reserved column name in select: `\(alias.value)`. Please remove or alias the column.", at: alias.location ?? query.location)
            }
        }
        let layouts = inputs.map(\.layout)
        var named = try expandSelect(query.select, layouts: layouts, scope: scope,
                                     afterJoinRepartition: !joins.isEmpty && query.partitionBy != nil && query.groupBy == nil)
        if !joins.isEmpty {
            named = joinNames(named, syntheticKey: joinKeys.last!.synthetic ? joinKeys.last!.syntheticName : nil, query: query, layouts: layouts)
        }
        if case .client = sink {
            // Transient queries show a windowed source's bounds: `*` puts them after the key columns.
            if joins.isEmpty, inputs[0].layout.source.window != nil, query.groupBy == nil,
               let star = query.select.firstIndex(where: { if case .all = $0 { true } else { false } }) {
                // Items before the `*` (e.g. `SELECT ROWTIME, *`) keep their place.
                let before = try expandSelect(Array(query.select[..<star]), layouts: layouts, scope: scope).count
                let keys = inputs[0].layout.source.schema.keyColumns.count
                let bounds = ["WINDOWSTART", "WINDOWEND"].map {
                    NamedSelectItem(name: $0, expression: Expression(.column(qualifier: nil, name: Identifier($0, quoted: true))), aliased: false)
                }
                named.insert(contentsOf: bounds, at: min(before + keys, named.count))
            }
        } else if case .client = sink {
            // Push queries may select pseudo-columns by name.
        } else {
            try checkReservedNames(named)
        }

        var plan = StatefulQueryPlan(inputs: inputs, joins: joins, width: width, filter: filter, aggregation: nil, having: nil,
                                     keyExpressions: [], valueExpressions: [], outputSchema: LogicalSchema([]),
                                     outputIsTable: relationIsTable, outputWindow: inputs[0].layout.source.window,
                                     emitFinal: query.emit == .final, steps: steps, limit: query.limit)
        if query.emit == .final, query.window == nil {
            throw EddyError.analysis("EMIT FINAL is only supported for windowed aggregations.", at: query.location)
        }

        var keyColumns: [Column] = []
        var valueColumns: [Column] = []
        let isClient: Bool = { if case .client = sink { true } else { false } }()
        if query.groupBy != nil || (isClient && selectsAggregate(query)) {
            let agg = try analyzeAggregation(query, named: named, scope: scope, fromTable: relationIsTable, sinkName: sinkName,
                                             isClient: { if case .client = sink { true } else { false } }())
            plan.aggregation = agg.plan
            // A single stream feeds only the filter and the aggregate (which keeps no source row),
            // so its decoder may skip every other value column.
            if joins.isEmpty, !relationIsTable, let aggSlots = agg.plan.readSlots,
               let filterSlots = query.whereClause.map({ readSlots([$0], scope: scope) }) ?? [] {
                let ts = inputs[0].timestampColumn.map { [inputs[0].offset + $0] } ?? []
                plan.inputs[0].readSlots = Array(Set(aggSlots + filterSlots + ts)).sorted()
            }
            plan.aggregation?.repartition = groupByNeedsRepartition(query.groupBy ?? [], inputs: inputs, fromTable: relationIsTable)
            plan.having = agg.having
            plan.keyExpressions = agg.keyExpressions
            plan.valueExpressions = agg.valueExpressions
            keyColumns = agg.keyColumns
            valueColumns = agg.valueColumns
            plan.outputIsTable = true
            plan.outputWindow = agg.plan.window?.info
            plan.steps.append(PlanStep(agg.plan.window == nil ? "aggregate" : "windowedAggregate",
                                       ["groupBy": (query.groupBy ?? []).map { SQLFormatter.format($0) }.joined(separator: ", "),
                                        "aggregates": agg.plan.calls.map(\.text).joined(separator: ", ")]))
        } else {
            let c = compiler(scope: scope)
            let compiled = try named.map { try c.compile($0.expression) }
            for (item, ce) in zip(named, compiled) where ce.type == nil {
                throw EddyError.analysis("Can't infer a type of null. Please explicitly cast it to a required type, e.g. CAST(null AS VARCHAR).", at: item.expression.location)
            }
            var keyItems: [Int] = []
            var keyOverride: [Int: CompiledExpression] = [:]
            if case .client = sink {} else {
                if let partitionBy = query.partitionBy {
                    if relationIsTable {
                        throw EddyError.analysis("Invalid result type. Your SELECT query produces a TABLE. Please use CREATE TABLE AS SELECT statement instead.", at: query.location)
                    }
                    if joins.isEmpty {
                        keyItems = try partitionKeys(partitionBy, named: named, sinkName: sinkName, alias: inputs[0].layout.alias).0
                    } else {
                        keyItems = try joinPartitionKeys(partitionBy, named: named, scope: scope, sinkName: sinkName)
                    }
                } else if let last = joinKeys.last, let lastPlan = joins.last {
                    (keyItems, keyOverride) = try joinOutputKeys(named: named, scope: scope, info: last, all: joinKeys, plan: lastPlan,
                                                                 inputs: inputs, sinkName: sinkName)
                } else {
                    try checkSinkTimestamp(named)
                    var sinkKind: SourceKind?
                    if case .create(_, let k) = sink { sinkKind = k }
                    keyItems = try sourceKeys(inputs[0].layout.source, layout: inputs[0].layout, named: named, sinkName: sinkName, sinkKind: sinkKind).0
                }
            }
            for i in keyItems {
                keyColumns.append(Column(named[i].name, compiled[i].type!, .key))
                plan.keyExpressions.append(keyOverride[i] ?? compiled[i])
            }
            for (i, item) in named.enumerated() where !keyItems.contains(i) {
                valueColumns.append(Column(item.name, compiled[i].type!, .value))
                plan.valueExpressions.append(compiled[i])
            }
            plan.steps.append(PlanStep(relationIsTable ? "tableSelect" : "streamSelect",
                                       ["selectExpressions": named.map { "\(SQLFormatter.format($0.expression)) AS \($0.name)" }.joined(separator: ", ")]))
        }
        if case .client = sink {} else if valueColumns.isEmpty {
            throw EddyError.analysis("The projection contains no value columns.", at: query.location)
        }
        try checkDuplicates(keyColumns + valueColumns)
        plan.outputSchema = LogicalSchema(keyColumns + valueColumns)
        if isClient, plan.outputWindow != nil {
            for (i, column) in valueColumns.enumerated() {
                guard let item = named.first(where: { $0.name == column.name }), case .column(_, let n) = item.expression.kind,
                      n.value == PseudoColumn.windowstart.rawValue || n.value == PseudoColumn.windowend.rawValue else { continue }
                plan.windowBoundValues.append((i, n.value == PseudoColumn.windowend.rawValue))
            }
        }
        plan.passesTombstones = !plan.outputIsTable && inputs.count == 1 && !inputs[0].isTable && joins.isEmpty
            && plan.aggregation == nil && plan.filter == nil && query.partitionBy == nil
            && !named.contains { containsTableFunction($0.expression) }
        if isClient, plan.outputIsTable, plan.aggregation == nil, joins.isEmpty, inputs.count == 1 {
            let source = inputs[0].layout.source
            for (i, column) in valueColumns.enumerated() {
                guard let item = named.first(where: { $0.name == column.name }), case .column(_, let n) = item.expression.kind,
                      source.schema.keyColumns.contains(where: { $0.name == n.value }) else { continue }
                plan.keyColumnValues.append((i, plan.valueExpressions[i]))
            }
        }
        if case .create(_, let kind) = sink {
            if kind == .stream, plan.outputIsTable {
                throw EddyError.analysis("Invalid result type. Your SELECT query produces a TABLE. Please use CREATE TABLE AS SELECT statement instead.", at: query.location)
            }
            if kind == .table, !plan.outputIsTable {
                throw EddyError.analysis("Invalid result type. Your SELECT query produces a STREAM. Please use CREATE STREAM AS SELECT statement instead.", at: query.location)
            }
        }
        return plan
    }

    /// PARTITION BY over a join: columns compare with their sources resolved, so `L.K` and `R.K` differ.
    func joinPartitionKeys(_ exprs: [Expression], named: [NamedSelectItem], scope: Scope, sinkName: String) throws -> [Int] {
        if exprs.isNullLiteral { return [] }
        return try exprs.map { e in
            let target = normalize(e, scope: scope)
            guard let match = named.indices.first(where: { normalize(named[$0].expression, scope: scope) == target }) else {
                let shown = SQLFormatter.format(stripQuotes(target))
                throw EddyError.analysis("The query used to build `\(sinkName)` must include the partitioning expression \(shown) in its projection (eg, SELECT \(shown)...).", at: e.location)
            }
            return match
        }
    }

    func resolveSources(_ query: Query) throws -> [DataSource] {
        let all = query.from.allSources
        if all.count == 2, all[0].name.value == all[1].name.value {
            throw EddyError.analysis("Can not join '\(all[0].name.value)' to '\(all[1].name.value)': self joins are not yet supported.", at: all[1].location)
        }
        var seen = Set<String>()
        for s in all where !seen.insert(s.name.value).inserted {
            throw EddyError.analysis("N-way joins do not support multiple occurrences of the same source. Source: '\(s.name.value)'", at: s.location)
        }
        return try all.map { try resolveSource($0.name, at: $0.location) }
    }

    func checkValueFormats(_ sources: [DataSource], query: Query) throws {
        let feature = !query.from.joins.isEmpty ? "JOIN" : (query.groupBy != nil ? "GROUP BY" : nil)
        guard let feature else { return }
        let kafka = sources.filter { $0.valueFormat.format == "KAFKA" }.map(\.name)
        if !kafka.isEmpty {
            throw EddyError.analysis("Source(s) \(kafka.joined(separator: ", ")) are using the 'KAFKA' value format. This format does not yet support \(feature).", at: query.location)
        }
    }

    func containsTableFunction(_ e: Expression) -> Bool {
        var found = false
        e.forEach { x in
            if case .functionCall(let n, _, _) = x.kind, functions.isTableFunction(n.value) { found = true }
        }
        return found
    }

    /// Names of join query columns, as ksqlDB's join schema gives them: `*` yields `ALIAS_COLUMN`;
    /// a selected `alias.column` keeps the bare name unless several sources have that column; a
    /// synthetic ROWKEY key is part of `*`.
    func joinNames(_ named: [NamedSelectItem], syntheticKey: String?, query: Query, layouts: [SourceLayout]) -> [NamedSelectItem] {
        var out: [NamedSelectItem] = []
        func count(_ name: String) -> Int {
            layouts.filter { l in l.source.schema.column(named: name) != nil || PseudoColumn(rawValue: name) != nil }.count
        }
        for item in named {
            var item = item
            if !item.aliased, case .column(let q?, let n) = item.expression.kind, layouts.contains(where: { $0.alias == q.value }) {
                // `*` expansions carry quoted names; columns written in the query usually do not.
                if n.quoted || count(n.value) > 1 { item.name = "\(q.value)_\(n.value)" }
            }
            out.append(item)
        }
        if let syntheticKey, query.select.contains(where: { if case .all(nil) = $0 { true } else { false } }) {
            out.insert(NamedSelectItem(name: syntheticKey, expression: Expression(.column(qualifier: nil, name: Identifier(syntheticKey, quoted: true))),
                                       aliased: false), at: 0)
        }
        return out
    }
}

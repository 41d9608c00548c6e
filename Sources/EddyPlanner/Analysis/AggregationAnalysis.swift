import EddyCore
import EddyFunctions
import EddySQL

/// The analyzed GROUP BY part of a query.
struct AnalyzedAggregation {
    var plan: AggregationPlan
    var having: CompiledExpression?
    var keyExpressions: [CompiledExpression]
    var valueExpressions: [CompiledExpression]
    var keyColumns: [Column]
    var valueColumns: [Column]
}

extension QueryAnalyzer {
    /// GROUP BY analysis: select and HAVING expressions are rewritten so that each grouping
    /// expression and each aggregate call becomes a column of the aggregate row; anything that
    /// still reads a source column is "not part of GROUP BY", as ksqlDB reports it.
    func analyzeAggregation(_ query: Query, named: [NamedSelectItem], scope: Scope, fromTable: Bool,
                            sinkName: String, isClient: Bool) throws -> AnalyzedAggregation {
        let groupBy = query.groupBy ?? []
        var gbScope = scope
        gbScope.clause = "GROUP BY"
        let normalizedGroups = groupBy.map { normalize($0, scope: scope) }
        for (i, g) in normalizedGroups.enumerated() where normalizedGroups[..<i].contains(g) {
            throw EddyError.analysis("Duplicate GROUP BY expression: \(SQLFormatter.format(stripQuotes(g)))", at: groupBy[i].location)
        }
        for g in groupBy {
            if let agg = firstAggregate(in: g) {
                throw EddyError.analysis("GROUP BY does not support aggregate functions: \(agg) is an aggregate function.", at: g.location)
            }
        }
        let sourceWindowed = scope.entries.contains { $0.name == "WINDOWSTART" && $0.isPseudo }
        func checkBounds(_ e: Expression) throws {
            guard !sourceWindowed else { return }
            for ref in e.columnReferences where ref.name.value == "WINDOWSTART" || ref.name.value == "WINDOWEND" {
                throw EddyError.analysis("Window bounds column \(ref.name.value) can only be used in the SELECT clause of windowed aggregations", at: ref.location)
            }
        }
        for g in groupBy { try checkBounds(g) }
        if let h = query.having { try checkBounds(h) }
        let gc = compiler(scope: gbScope)
        let groupKey = try groupBy.map { try gc.compile($0) }

        // Aggregate calls, deduplicated, in order of appearance in SELECT then HAVING.
        var calls: [Expression] = []
        let sources = named.map(\.expression) + (query.having.map { [$0] } ?? [])
        for e in sources {
            try collectAggregates(e, into: &calls, scope: scope)
        }
        if calls.isEmpty {
            // Unknown functions are reported before the missing aggregate.
            let c = compiler(scope: scope)
            for e in sources { _ = try c.compile(e) }
            throw EddyError.analysis("GROUP BY requires aggregate functions in either the SELECT or HAVING clause.", at: query.location)
        }
        let ac = compiler(scope: scope)
        var resolved: [AggregateCall] = []
        for call in calls {
            guard case .functionCall(let name, let args, _) = call.kind else { continue }
            for a in args { try checkBounds(a) }
            let compiled = try args.map { try ac.compile($0) }
            let function = try ac.withAnalysisLocation(call.location) {
                try functions.resolveAggregate(name: name.value, argumentTypes: compiled.map { $0.type.map { .type($0) } ?? .null },
                                               literalArguments: zip(args, compiled).map { $0.isConstant ? $1.constant ?? $1.evaluate([]) : nil },
                                               argumentTexts: args.map { SQLFormatter.format($0) })
            }
            let columnArgs = Array(compiled.prefix(function.argumentTypes.count))
            let coerced = try columnArgs.enumerated().map { i, a in
                CompiledExpression(type: function.argumentTypes[i], evaluate: try ac.coerce(a, to: function.argumentTypes[i]))
            }
            resolved.append(AggregateCall(function: function, arguments: coerced, text: SQLFormatter.format(call)))
        }
        if fromTable {
            let noUndo = resolved.filter { !$0.function.supportsUndo }.map { $0.function.name.uppercased() }
            var unique: [String] = []
            for n in noUndo where !unique.contains(n) { unique.append(n) }
            if !unique.isEmpty {
                let list = unique.joinedWithAnd()
                throw EddyError.analysis("The aggregation functions \(list) cannot be applied to a table source, only to a stream source.", at: query.location)
            }
        }

        // The aggregate row: group keys, aggregate results, ROWTIME, WINDOWSTART, WINDOWEND.
        let nk = groupKey.count, na = resolved.count
        var aggScope = Scope(entries: [])
        for (i, g) in groupKey.enumerated() {
            aggScope.entries.append(Scope.Entry(qualifier: nil, name: "KSQL_GK_\(i)", type: g.type ?? .string, index: i))
        }
        for (j, c) in resolved.enumerated() {
            aggScope.entries.append(Scope.Entry(qualifier: nil, name: "KSQL_AGG_\(j)", type: c.function.returnType, index: nk + j))
        }
        aggScope.joinNaming = scope.joinNaming
        for (i, g) in groupBy.enumerated() { aggScope.displayExpressions["KSQL_GK_\(i)"] = g }
        for (j, call) in calls.enumerated() { aggScope.displayExpressions["KSQL_AGG_\(j)"] = call }
        aggScope.entries.append(Scope.Entry(qualifier: nil, name: "ROWTIME", type: .bigint, index: nk + na, isPseudo: true))
        if query.window != nil {
            aggScope.entries.append(Scope.Entry(qualifier: nil, name: "WINDOWSTART", type: .bigint, index: nk + na + 1, isPseudo: true))
            aggScope.entries.append(Scope.Entry(qualifier: nil, name: "WINDOWEND", type: .bigint, index: nk + na + 2, isPseudo: true))
        }
        let normalizedCalls = calls.map { normalize($0, scope: scope) }
        func rewrite(_ e: Expression) -> Expression {
            normalize(e, scope: scope).rewritten { x in
                if let i = normalizedGroups.firstIndex(of: x) { return synthetic("KSQL_GK_\(i)", x) }
                if let j = normalizedCalls.firstIndex(of: x) { return synthetic("KSQL_AGG_\(j)", x) }
                if query.window != nil, !sourceWindowed, case .column(_, let n) = x.kind, n.value == "WINDOWSTART" || n.value == "WINDOWEND" {
                    return synthetic(n.value, x)
                }
                return nil
            }
        }
        func leftovers(_ e: Expression) -> [String] {
            e.columnReferences.compactMap { ref in
                let n = ref.name.value
                if n.hasPrefix("KSQL_GK_") || n.hasPrefix("KSQL_AGG_") { return nil }
                if ref.qualifier == nil, query.window != nil, n == "WINDOWSTART" || n == "WINDOWEND" { return nil }
                return n
            }
        }
        if !query.from.joins.isEmpty, query.window != nil, !sourceWindowed {
            // ksqlDB cannot resolve a windowed aggregation's bounds over a join (#5931).
            for item in named {
                for ref in item.expression.columnReferences where ref.name.value == "WINDOWSTART" || ref.name.value == "WINDOWEND" {
                    throw EddyError.analysis("SELECT column '\(ref.name.value)' cannot be resolved.", at: ref.location)
                }
            }
        }
        var rewritten: [Expression] = []
        var bad: [String] = []
        for item in named {
            let r = rewrite(item.expression)
            if !leftovers(r).isEmpty { bad.append(SQLFormatter.format(stripQuotes(item.expression))) }
            rewritten.append(r)
        }
        if !bad.isEmpty {
            throw EddyError.analysis("Non-aggregate SELECT expression(s) not part of GROUP BY: \(bad.joined(separator: ", "))\nEither add the column(s) to the GROUP BY or remove them from the SELECT.", at: query.location)
        }
        let c = compiler(scope: aggScope)
        let compiled = try rewritten.map { try c.compile($0) }

        var having: CompiledExpression?
        if let h = query.having {
            let r = rewrite(h)
            if let col = leftovers(r).first {
                throw EddyError.analysis("Non-aggregate HAVING expression not part of GROUP BY: \(col)", at: h.location)
            }
            var hs = aggScope
            hs.clause = "HAVING"
            having = try compiler(scope: hs).compilePredicate(r, clause: "HAVING")
        }

        // Key columns follow GROUP BY order and take their names from the projection.
        var keyItems: [Int] = []
        var missing: [String] = []
        for i in groupKey.indices {
            let matches = rewritten.indices.filter {
                if case .column(nil, let n) = rewritten[$0].kind { return n.value == "KSQL_GK_\(i)" }
                return false
            }
            if matches.count > 1 {
                throw EddyError.analysis("The projection contains a key column more than once: `\(named[matches[0]].name)` and `\(named[matches[1]].name)`.", at: query.location)
            }
            if let m = matches.first { keyItems.append(m) } else { missing.append(SQLFormatter.format(stripQuotes(groupBy[i]))) }
        }
        if !missing.isEmpty, !isClient {
            let noun = missing.count == 1 ? "grouping expression" : "grouping expressions"
            let list = missing.joinedWithAnd()
            throw EddyError.analysis("The query used to build `\(sinkName)` must include the \(noun) \(list) in its projection (eg, SELECT \(missing.joined(separator: ", "))...).", at: query.location)
        }
        var out = AnalyzedAggregation(
            plan: AggregationPlan(groupKey: groupKey, calls: resolved,
                                  window: query.window.map { windowPlan($0, final: query.emit == .final) }, fromTable: fromTable),
            having: having, keyExpressions: [], valueExpressions: [], keyColumns: [], valueColumns: [])
        out.plan.readSlots = readSlots(groupBy + calls, scope: scope)
        if isClient {
            for (i, item) in named.enumerated() {
                out.valueColumns.append(Column(item.name, compiled[i].type ?? .string, .value))
                out.valueExpressions.append(compiled[i])
            }
            return out
        }
        for i in keyItems {
            out.keyColumns.append(Column(named[i].name, compiled[i].type ?? .string, .key))
            out.keyExpressions.append(compiled[i])
        }
        for (i, item) in named.enumerated() where !keyItems.contains(i) {
            guard let t = compiled[i].type else {
                throw EddyError.analysis("Can't infer a type of null. Please explicitly cast it to a required type, e.g. CAST(null AS VARCHAR).", at: item.expression.location)
            }
            out.valueColumns.append(Column(item.name, t, .value))
            out.valueExpressions.append(compiled[i])
        }
        return out
    }

    /// The row slots the expressions read, or nil if a reference does not resolve to a column
    /// (a lambda variable, say): then every slot counts as read. A superset is always safe.
    func readSlots(_ expressions: [Expression], scope: Scope) -> [Int]? {
        var slots = Set<Int>()
        for e in expressions {
            for ref in e.columnReferences {
                guard let entry = try? scope.resolve(qualifier: ref.qualifier, name: ref.name, at: ref.location) else { return nil }
                slots.insert(entry.index)
            }
        }
        return slots.sorted()
    }

    func synthetic(_ name: String, _ at: Expression) -> Expression {
        Expression(.column(qualifier: nil, name: Identifier(name, quoted: true)), at: at.location)
    }

    /// EMIT FINAL without a grace period closes windows at their end; EMIT CHANGES keeps ksqlDB's
    /// 24-hour default.
    func windowPlan(_ w: WindowExpression, final: Bool) -> WindowPlan {
        let grace = w.grace?.milliseconds ?? (final ? 0 : WindowPlan.defaultGrace)
        switch w.kind {
        case .tumbling(let size):
            return WindowPlan(kind: .tumbling, size: size.milliseconds, advance: size.milliseconds, grace: grace, retention: w.retention?.milliseconds)
        case .hopping(let size, let advance):
            return WindowPlan(kind: .hopping, size: size.milliseconds, advance: advance.milliseconds, grace: grace, retention: w.retention?.milliseconds)
        case .session(let gap):
            return WindowPlan(kind: .session, size: gap.milliseconds, advance: 0, grace: grace, retention: w.retention?.milliseconds)
        }
    }

    func firstAggregate(in e: Expression) -> String? {
        var found: String?
        e.forEach { x in
            if found == nil, case .functionCall(let n, _, _) = x.kind, functions.isAggregate(n.value) { found = n.value.uppercased() }
        }
        return found
    }

    /// Collects aggregate calls outside lambdas, rejecting nested aggregates.
    func collectAggregates(_ e: Expression, into calls: inout [Expression], scope: Scope) throws {
        if case .functionCall(let n, let args, _) = e.kind, functions.isAggregate(n.value) {
            for a in args where firstAggregate(in: a) != nil {
                throw EddyError.analysis("Aggregate functions can not be nested: \(SQLFormatter.format(e))", at: e.location)
            }
            let norm = normalize(e, scope: scope)
            if !calls.contains(where: { normalize($0, scope: scope) == norm }) { calls.append(e) }
            return
        }
        for child in e.children { try collectAggregates(child, into: &calls, scope: scope) }
    }
}

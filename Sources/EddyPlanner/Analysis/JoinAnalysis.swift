import EddyCore
import EddySQL

/// What a join step's criteria resolved to, kept for choosing the output key.
struct JoinKeyInfo {
    var leftExpressions: [Expression]
    var rightExpressions: [Expression]
    var types: [SQLType]
    /// The key is ROWKEY: a full outer join, or criteria that name no source column.
    var synthetic: Bool
    /// The synthetic key's name: ROWKEY, or ROWKEY_n when source columns already use those names.
    var syntheticName = "ROWKEY"
    var strategy: JoinStrategy
    /// Key tuples the relation after this join is partitioned by (ksqlDB's join equivalence
    /// set): a later join on one of them needs no re-key of its left side.
    var equivalence: [[Expression]] = []
}

extension QueryAnalyzer {
    /// Resolves one join step: orients each `left = right` comparison, picks the strategy from the
    /// kinds of both sides, and applies ksqlDB's checks. Several ANDed equalities make a
    /// multi-column key (an extension: ksqlDB accepts only one).
    func analyzeJoin(_ join: Join, rightInput r: Int, inputs: [QueryInput], scope: Scope, leftIsTable: Bool,
                     keyOffset: Int, previous: [JoinKeyInfo]) throws -> (JoinPlan, JoinKeyInfo) {
        var s = scope
        s.clause = "JOIN ON"
        var pairs: [(left: Expression, right: Expression, original: Expression)] = []
        for c in conjuncts(join.on) {
            guard case .comparison(.equal, let a, let b) = c.kind else {
                throw EddyError.analysis("Unsupported join expression: \(SQLFormatter.format(c)). Only equality comparisons of the form `a = b` are supported.", at: c.location)
            }
            let ia = try referencedInputs(a, scope: s, inputs: inputs)
            let ib = try referencedInputs(b, scope: s, inputs: inputs)
            for (side, refs) in [(a, ia), (b, ib)] where refs.count != 1 {
                throw EddyError.analysis("Invalid comparison expression '\(SQLFormatter.format(side))' in join '\(SQLFormatter.format(c))'. Each side of the join comparision must contain references from exactly one source.", at: c.location)
            }
            if ia == ib {
                let name = inputs[ia.first!].layout.alias
                throw EddyError.analysis("Each side of the join must reference exactly one source and not the same source. Left side references `\(name)` and right references `\(name)`", at: c.location)
            }
            if ib.first! == r, ia.first! < r {
                pairs.append((a, b, c))
            } else if ia.first! == r, ib.first! < r {
                pairs.append((b, a, c))
            } else if ia.first! != r, ib.first! != r {
                throw EddyError.analysis("A join criteria is expected to reference the source (`\(inputs[r].layout.alias)`) in the FROM clause, instead the right source references `\(inputs[ib.first!].layout.alias)` and the left source references `\(inputs[ia.first!].layout.alias)`", at: c.location)
            } else {
                throw EddyError.analysis("Invalid join condition: \(SQLFormatter.format(c)) does not reference the joined source \(inputs[r].layout.alias).", at: c.location)
            }
        }
        let right = inputs[r]
        let leftInput = inputs[try referencedInputs(pairs[0].left, scope: s, inputs: inputs).first!]
        let c = compiler(scope: s)
        var leftKeys: [CompiledExpression] = [], rightKeys: [CompiledExpression] = [], types: [SQLType] = []
        for p in pairs {
            let cl = try c.compile(p.left), cr = try c.compile(p.right)
            guard let tl = cl.type, let tr = cr.type, tl == tr else {
                guard case .comparison(_, let a, let b) = p.original.kind else { continue }
                let ta = a == p.left ? cl.type : cr.type, tb = a == p.left ? cr.type : cl.type
                let (qa, qb) = (stripQuotes(normalize(a, scope: s)), stripQuotes(normalize(b, scope: s)))
                throw EddyError.analysis("Invalid join condition: types don't match. Got \(SQLFormatter.format(qa)){\(ta.map { "\($0)" } ?? "NULL")} = \(SQLFormatter.format(qb)){\(tb.map { "\($0)" } ?? "NULL")}.", at: p.original.location)
            }
            if tl.containsMap {
                throw EddyError.mapKeyColumn("\(leftInput.layout.alias)_\(columnName(p.left) ?? "KEY")", tl,
                                             kind: .analysis, at: p.original.location)
            }
            leftKeys.append(cl)
            rightKeys.append(cr)
            types.append(tl)
        }
        let rightPK = primaryKeyOrder(pairs.map(\.right), input: right, scope: s)
        let leftPK = primaryKeyOrder(pairs.map(\.left), input: leftInput, scope: s)
        let gotText = pairs.map { p -> String in
            guard case .comparison(_, let a, let b) = p.original.kind else { return "" }
            let (qa, qb) = (stripQuotes(normalize(a, scope: s)), stripQuotes(normalize(b, scope: s)))
            return "\(SQLFormatter.format(qa)) = \(SQLFormatter.format(qb))"
        }.joined(separator: " AND ")
        let strategy: JoinStrategy
        switch (leftIsTable, right.isTable) {
        case (false, false):
            guard let within = join.within else {
                throw EddyError.analysis("Stream-Stream joins must have a WITHIN clause specified. None was provided. To learn about how to specify a WITHIN clause with a stream-stream join, please visit: https://docs.confluent.io/current/ksql/docs/syntax-reference.html#create-stream-as-select", at: join.location)
            }
            strategy = .streamStream(before: within.before.milliseconds, after: within.after.milliseconds, grace: within.grace?.milliseconds)
        case (false, true):
            if join.within != nil {
                throw EddyError.analysis("A window definition was provided for a Stream-Table join. These joins are not windowed. Please drop the window definition (ie. the WITHIN clause) and try to execute your join again.", at: join.location)
            }
            guard rightPK != nil else {
                throw EddyError.analysis("Invalid join condition: stream-table joins require to join on the table's primary key. Got \(gotText).", at: join.on.location)
            }
            if join.type == .right || join.type == .full {
                throw EddyError.analysis("Invalid join type: \(join.type == .right ? "right" : "full-outer") join not supported for stream-table join. Got \(leftInput.layout.source.name) \(typeText(join.type)) \(right.layout.source.name).", at: join.location)
            }
            strategy = .streamTable
        case (true, false):
            throw EddyError.analysis("Invalid join order: table-stream joins are not supported; only stream-table joins. Got \(leftInput.layout.source.name) \(typeText(join.type)) \(right.layout.source.name).", at: join.location)
        case (true, true):
            if join.within != nil {
                throw EddyError.analysis("A window definition was provided for a Table-Table join. These joins are not windowed. Please drop the window definition (i.e. the WITHIN clause) and try to execute your join again.", at: join.location)
            }
            guard rightPK != nil else {
                throw EddyError.analysis("Invalid join condition: table-table joins require to join on the primary key of the right input table. Got \(gotText).", at: join.on.location)
            }
            if leftPK != nil {
                strategy = .tableTable
            } else {
                if join.type == .right || join.type == .full {
                    throw EddyError.analysis("\(join.type.rawValue) JOIN on a foreign key is not supported", at: join.location)
                }
                // ksqlDB only plans a foreign-key join between two sources, so not past the first join.
                if r > 1 {
                    let got = pairs.map { p in
                        "\(SQLFormatter.format(stripQuotes(normalize(p.left, scope: s)))) = \(SQLFormatter.format(stripQuotes(normalize(p.right, scope: s))))"
                    }.joined(separator: " AND ")
                    throw EddyError.analysis("Invalid join condition: foreign-key table-table joins are not supported as part of n-way joins. Got \(got).", at: join.on.location)
                }
                strategy = .foreignKey
            }
        }
        try checkWindowing(leftInput.layout.source, right.layout.source, at: join.location)
        if case .foreignKey = strategy, right.layout.source.window != nil {
            // ksqlDB's planner refuses these before it looks at re-keying.
            throw EddyError.analysis("Foreign-key table-table joins are not supported on windowed tables.", at: join.location)
        }
        if leftInput.layout.source.window != nil, leftPK == nil || rightPK == nil {
            throw EddyError.analysis("Implicit repartitioning of windowed sources is not supported. See https://github.com/confluentinc/ksql/issues/4385.", at: join.location)
        }
        // Sources written by queries are checked when their query starts; only declared ones here.
        let declared = leftInput.layout.source.writerQueryIDs.isEmpty && right.layout.source.writerQueryIDs.isEmpty
        if case .foreignKey = strategy {} else if declared, leftPK != nil, rightPK != nil,
            let lp = topicPartitions?(leftInput.topic), let rp = topicPartitions?(right.topic), lp != rp {
            throw EddyError.analysis("Can't join `\(leftInput.layout.source.name)` with `\(right.layout.source.name)` since the number of partitions don't match. `\(leftInput.layout.source.name)` partitions = \(lp); `\(right.layout.source.name)` partitions = \(rp). Please repartition either one so that the number of partitions match.", at: join.location)
        }
        // Lookups into the right table use its primary-key order.
        var order = Array(pairs.indices)
        if let rightPK { order = rightPK }
        let leftRanges = inputs[..<r].map { $0.offset..<($0.offset + $0.layout.width) }
        var plan = JoinPlan(type: join.type, strategy: strategy, leftKey: order.map { leftKeys[$0] },
                            rightKey: order.map { rightKeys[$0] }, rightInput: r, keyOffset: keyOffset, leftIsTable: leftIsTable,
                            rightRange: right.offset..<(right.offset + right.layout.width), leftRanges: Array(leftRanges))
        let leftExpressions = order.map { normalize(pairs[$0].left, scope: s) }
        let rightExpressions = order.map { normalize(pairs[$0].right, scope: s) }
        let before = previous.last?.equivalence ?? []
        // After an earlier join the left relation is keyed by that join's key (or its equivalents).
        let leftKeyed = r == 1 ? leftPK != nil : (leftIsTable || before.contains(leftExpressions))
        (plan.repartitionLeft, plan.repartitionRight) = joinRepartitions(
            strategy: strategy, left: r == 1 ? leftInput : nil, leftKeyed: leftKeyed, right: right, rightKeyed: rightPK != nil)
        var equivalence: [[Expression]] = []
        if join.type != .full {
            equivalence = [leftExpressions, rightExpressions]
            if before.contains(leftExpressions) { equivalence += before }
        }
        // An earlier join's key columns stay viable when this join's left side is equivalent to them.
        let earlierColumn = before.contains(leftExpressions) && before.contains { $0.allSatisfy { columnName($0) != nil } }
        let noColumn = !earlierColumn && pairs.allSatisfy { columnName($0.left) == nil && columnName($0.right) == nil }
        var info = JoinKeyInfo(leftExpressions: leftExpressions, rightExpressions: rightExpressions,
                               types: order.map { types[$0] }, synthetic: join.type == .full || noColumn, strategy: strategy,
                               equivalence: equivalence)
        info.syntheticName = Self.syntheticKeyName(inputs[...r].flatMap { $0.layout.source.schema.columns.map(\.name) })
        return (plan, info)
    }

    /// ksqlDB's synthetic join key name: `ROWKEY_n` with the lowest n ≥ 0 that no source column
    /// takes, where n = 0 is written `ROWKEY`.
    static func syntheticKeyName(_ columnNames: [String]) -> String {
        var used = Set<Int>()
        for name in columnNames where name.hasPrefix("ROWKEY") {
            let rest = name.dropFirst("ROWKEY".count)
            if rest.isEmpty { used.insert(0) }
            else if rest.first == "_", rest.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(rest.dropFirst()) { used.insert(n) }
        }
        var n = 0
        while used.contains(n) { n += 1 }
        return n == 0 ? "ROWKEY" : "ROWKEY_\(n)"
    }

    /// Each side of every comparison must read exactly one source, and not the same one.
    func checkJoinSides(_ join: Join, scope: Scope, inputs: [QueryInput]) throws {
        for c in conjuncts(join.on) {
            guard case .comparison(.equal, let a, let b) = c.kind else { continue }
            let ia = try referencedInputs(a, scope: scope, inputs: inputs)
            let ib = try referencedInputs(b, scope: scope, inputs: inputs)
            for (side, refs) in [(a, ia), (b, ib)] where refs.count != 1 {
                throw EddyError.analysis("Invalid comparison expression '\(SQLFormatter.format(side))' in join '\(SQLFormatter.format(c))'. Each side of the join comparision must contain references from exactly one source.", at: c.location)
            }
            if ia == ib {
                let name = inputs[ia.first!].layout.alias
                throw EddyError.analysis("Each side of the join must reference exactly one source and not the same source. Left side references `\(name)` and right references `\(name)`", at: c.location)
            }
        }
    }

    func checkWindowing(_ left: DataSource, _ right: DataSource, at location: SourceLocation) throws {
        switch (left.window, right.window) {
        case (nil, nil): return
        case (let w?, nil), (nil, let w?):
            let (windowed, other) = left.window != nil ? (left, right) : (right, left)
            throw EddyError.analysis("Can not join windowed source to non-windowed source.\n`\(windowed.name)` is \(w.typeName) windowed\n`\(other.name)` is not windowed", at: location)
        case (let a?, let b?):
            if (a == .session) != (b == .session) {
                throw EddyError.analysis("Incompatible windowed sources.\nLeft source: \(a.typeName)\nRight source: \(b.typeName)\nSession windowed sources can only be joined to other session windowed sources, and may still not result in expected behaviour as session bounds must be an exact match for the join to work\nHopping and tumbling windowed sources can only be joined to other hopping and tumbling windowed sources", at: location)
            }
            if a != b {
                throw EddyError.analysis("Implicit repartitioning of windowed sources is not supported. See https://github.com/confluentinc/ksql/issues/4385.", at: location)
            }
        }
    }

    func typeText(_ t: JoinType) -> String {
        switch t {
        case .inner: "[INNER] JOIN"
        case .left: "LEFT [OUTER] JOIN"
        case .right: "RIGHT [OUTER] JOIN"
        case .full: "[FULL] OUTER JOIN"
        }
    }

    func conjuncts(_ e: Expression) -> [Expression] {
        if case .logical(.and, let a, let b) = e.kind { return conjuncts(a) + conjuncts(b) }
        return [e]
    }

    /// Inputs whose columns the expression reads; join key slots count as the left relation.
    func referencedInputs(_ e: Expression, scope: Scope, inputs: [QueryInput]) throws -> Set<Int> {
        var out = Set<Int>()
        for ref in e.columnReferences {
            let entry = try scope.resolve(qualifier: ref.qualifier, name: ref.name, at: ref.location)
            let i = inputs.firstIndex { entry.index >= $0.offset && entry.index < $0.offset + $0.layout.width } ?? 0
            out.insert(i)
        }
        return out
    }

    /// When the expressions are exactly the input's primary-key columns, their positions in key order.
    func primaryKeyOrder(_ exprs: [Expression], input: QueryInput, scope: Scope) -> [Int]? {
        let keys = input.layout.source.schema.keyColumns
        guard keys.count == exprs.count, !keys.isEmpty else { return nil }
        var order: [Int] = []
        for key in keys {
            guard let i = exprs.firstIndex(where: { e in
                guard case .column(let q, let n) = e.kind, let entry = try? scope.resolve(qualifier: q, name: n, at: e.location) else { return false }
                return entry.index == input.offset + (input.layout.source.schema.index(of: key.name) ?? -1)
            }) else { return nil }
            order.append(i)
        }
        return order
    }

    func columnName(_ e: Expression) -> String? {
        if case .column(_, let n) = e.kind { return n.value }
        return nil
    }

    /// Qualifies every column with the source it resolves to, so equal expressions compare equal.
    func normalize(_ e: Expression, scope: Scope) -> Expression {
        e.rewritten { x in
            guard case .column(let q, let n) = x.kind, let entry = try? scope.resolve(qualifier: q, name: n, at: x.location) else { return nil }
            return Expression(.column(qualifier: entry.qualifier.map { Identifier($0) }, name: Identifier(entry.name, quoted: true)), at: x.location)
        }
    }

    /// Picks the output key of a join query: the select item that is a join expression (or ROWKEY),
    /// whose value then comes from the join key, so outer joins keep the key when that side is NULL.
    func joinOutputKeys(named: [NamedSelectItem], scope: Scope, info: JoinKeyInfo, all: [JoinKeyInfo], plan: JoinPlan, inputs: [QueryInput],
                        sinkName: String) throws -> ([Int], [Int: CompiledExpression]) {
        if case .foreignKey = info.strategy {
            let left = inputs[0]
            var items: [Int] = []
            var missing: [String] = []
            for key in left.layout.source.schema.keyColumns {
                let slot = left.offset + (left.layout.source.schema.index(of: key.name) ?? 0)
                let matches = named.indices.filter { i in
                    let item = named[i]
                    guard case .column(let q, let n) = item.expression.kind,
                          let e = try? scope.resolve(qualifier: q, name: n, at: item.expression.location) else { return false }
                    return e.index == slot
                }
                guard let i = matches.first else { missing.append(key.name); continue }
                // The key leaves the value, so it may be selected only once (as ksqlDB's final projection checks).
                let aliases = Set(matches.map { named[$0].name })
                if aliases.count > 1 {
                    throw EddyError.analysis("The projection contains a key column (`\(left.layout.alias)_\(key.name)`) more than once, aliased as: \(aliases.sorted().joinedWithAnd()).\nEach key column must only be in the projection once. If you intended to copy the key into the value, then consider using the AS_VALUE function to indicate which key reference should be copied.")
                }
                items.append(i)
            }
            if !missing.isEmpty {
                let noun = missing.count == 1 ? "column" : "columns"
                throw EddyError.analysis("Primary key \(noun) missing in projection. For foreign-key table-table joins, the projection must include all primary key columns from the left input table (`\(left.layout.alias)`). Missing \(noun): \(missing.map { "`\($0)`" }.joined(separator: ", ")).")
            }
            return (items, [:])
        }
        var items: [Int] = []
        var overrides: [Int: CompiledExpression] = [:]
        for k in info.types.indices {
            let candidates: [Expression]
            if info.synthetic {
                candidates = [Expression(.column(qualifier: nil, name: Identifier(info.syntheticName, quoted: true)))]
            } else {
                candidates = equivalents(of: info.leftExpressions[k], in: all, column: k)
            }
            // The first join expression (in criteria order, left side first) found in the projection.
            var matches: [Int] = []
            for candidate in candidates where matches.isEmpty {
                matches = named.indices.filter { i in
                    let n = normalize(named[i].expression, scope: scope)
                    return candidate == n || candidate.sameColumn(as: n) && info.synthetic
                }
            }
            guard let first = matches.first else {
                let shown = info.synthetic ? [info.syntheticName] : candidates.map { SQLFormatter.format(stripQuotes($0)) }
                var list = shown.joined(separator: " or ")
                if !info.synthetic {
                    let columns = zip(candidates, shown).filter { columnName($0.0) != nil }.map(\.1)
                    list = columns.joinedWithOr()
                }
                let noun = list.contains(" or ") ? "join expressions" : "join expression"
                let example = list.components(separatedBy: " or ")[0].components(separatedBy: ", ")[0]
                var message = "The query used to build `\(sinkName)` must include the \(noun) \(list) in its projection (eg, SELECT \(example)...)."
                if info.synthetic {
                    message += "\n\(info.syntheticName) was added as a synthetic key column because the join criteria did not match any source column."
                    if plan.type != .full {
                        message = "Key missing from projection (ie, SELECT). See https://cnfl.io/2LV7ouS.\n" + message
                            + " This expression must be included in the projection and may be aliased."
                    }
                }
                throw EddyError.analysis(message)
            }
            let same = matches.filter { normalize(named[$0].expression, scope: scope) == normalize(named[first].expression, scope: scope) }
            if same.count > 1 {
                let aliases = same.map { named[$0].name }.sorted().joined(separator: " and ")
                throw EddyError.analysis("The projection contains a key column (`\(named[first].name)`) more than once, aliased as: \(aliases).")
            }
            items.append(first)
            let slot = plan.keyOffset + k
            overrides[first] = CompiledExpression(type: info.types[k]) { $0[slot] }
        }
        return (items, overrides)
    }

    /// Every join expression equal to `e` through the chain of join criteria, in query order.
    func equivalents(of e: Expression, in joins: [JoinKeyInfo], column k: Int) -> [Expression] {
        var set: [Expression] = [e]
        var changed = true
        while changed {
            changed = false
            for j in joins where k < j.leftExpressions.count {
                let pair = [j.leftExpressions[k], j.rightExpressions[k]]
                if pair.contains(where: { set.contains($0) }) {
                    for p in pair where !set.contains(p) { set.append(p); changed = true }
                }
            }
        }
        var ordered: [Expression] = []
        for j in joins where k < j.leftExpressions.count {
            for p in [j.leftExpressions[k], j.rightExpressions[k]] where set.contains(p) && !ordered.contains(p) { ordered.append(p) }
        }
        return ordered
    }

    func stripQuotes(_ e: Expression) -> Expression {
        e.rewritten { x in
            guard case .column(let q, let n) = x.kind else { return nil }
            return Expression(.column(qualifier: q.map { Identifier($0.value) }, name: Identifier(n.value)), at: x.location)
        }
    }
}

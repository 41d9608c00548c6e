import EddyCore
import EddySQL

extension QueryAnalyzer {
    /// The query as ksqlDB's AST sanitizer leaves it. ksqlDB reprints that form as the statement
    /// text of errors raised while it plans a CREATE … AS SELECT, so Eddy's messages show it there.
    ///
    /// Every source is aliased (by its own name when the query gives none), every column reference
    /// that exactly one source has is qualified with that source's alias, every select item gets
    /// the name the output column will have (alias, column name, struct field, `KSQL_COL_n`), and
    /// a query without EMIT gets `EMIT CHANGES`. `*` and `src.*` stay as written.
    /// nil when a source is unknown or an item cannot be named (the original text is shown then).
    public func sanitized(_ query: Query) -> Query? {
        var layouts: [SourceLayout] = []
        for s in query.from.allSources {
            guard let source = try? resolveSource(s.name, at: s.location) else { return nil }
            layouts.append(SourceLayout(source: source, alias: s.effectiveName.value))
        }
        func qualify(_ e: Expression) -> Expression {
            e.rewritten { x in
                guard case .column(nil, let name) = x.kind else { return nil }
                let owners = layouts.filter { Self.has($0, name.value) }
                guard owners.count == 1 else { return nil }
                return Expression(.column(qualifier: Identifier(owners[0].alias), name: name), at: x.location)
            }
        }
        guard let names = itemNames(query.select, layouts: layouts) else { return nil }

        var out = query
        out.select = zip(query.select, names).map { item, name in
            switch item {
            case .all: return item
            case .structAll(let e): return .structAll(qualify(e))
            case .expression(let e, let alias): return .expression(qualify(e), alias: alias ?? name.map { Identifier($0) })
            }
        }
        out.from.source.alias = query.from.source.effectiveName
        for i in out.from.joins.indices {
            out.from.joins[i].source.alias = query.from.joins[i].source.effectiveName
            out.from.joins[i].on = qualify(query.from.joins[i].on)
        }
        out.whereClause = query.whereClause.map(qualify)
        out.groupBy = query.groupBy?.map(qualify)
        out.partitionBy = query.partitionBy?.map(qualify)
        out.having = query.having.map(qualify)
        if out.emit == nil { out.emit = .changes }
        return out
    }

    /// The output name of each plain select item (nil for `*` items), numbered as `expandSelect`
    /// numbers them: its `KSQL_COL_n` count runs over every earlier item, stars included.
    private func itemNames(_ items: [SelectItem], layouts: [SourceLayout]) -> [String?]? {
        guard let first = layouts.first else { return nil }
        let scope = first.scope(clause: "SELECT")
        var names: [String?] = []
        for k in items.indices {
            guard case .expression = items[k] else { names.append(nil); continue }
            guard let named = try? expandSelect(Array(items[...k]), layouts: layouts, scope: scope),
                  let last = named.last else { return nil }
            names.append(last.name)
        }
        return names
    }

    private static func has(_ layout: SourceLayout, _ name: String) -> Bool {
        if layout.source.schema.column(named: name) != nil { return true }
        return PseudoColumn(rawValue: name).map { layout.pseudoIndex[$0] != nil } ?? false
    }
}

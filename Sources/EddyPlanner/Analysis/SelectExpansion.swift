import EddyCore
import EddySQL

/// A select item after `*` expansion and naming.
struct NamedSelectItem {
    var name: String
    var expression: Expression
    /// True when the name came from an explicit alias.
    var aliased: Bool
}

extension QueryAnalyzer {
    /// Expands `*`, `src.*` and `struct->*`, and names every item as ksqlDB does: the alias, the
    /// column name, the struct field name, else `KSQL_COL_n` counting generated names only.
    /// - Parameter afterJoinRepartition: a join's `*` under PARTITION BY: ksqlDB expands it from
    ///   the re-keyed join schema, where each side's pseudo and key columns are value columns.
    func expandSelect(_ items: [SelectItem], layouts: [SourceLayout], scope: Scope,
                      afterJoinRepartition: Bool = false) throws -> [NamedSelectItem] {
        var out: [NamedSelectItem] = []
        var generated = 0
        var used = Set<String>()
        for item in items {
            switch item {
            case .all(let qualifier):
                for layout in layouts where qualifier == nil || qualifier!.value == layout.alias {
                    let q = layouts.count > 1 ? Identifier(layout.alias) : nil
                    let names = layouts.count > 1
                        ? Self.joinStarColumns(layout, repartitioned: afterJoinRepartition && qualifier == nil)
                        : layout.source.schema.columns.map(\.name)
                    for name in names {
                        out.append(NamedSelectItem(name: name, expression: Expression(.column(qualifier: q, name: Identifier(name, quoted: true))), aliased: false))
                    }
                }
                if let q = qualifier, !layouts.contains(where: { $0.alias == q.value }) {
                    throw EddyError.prepare("'\(q.value)' is not a valid stream/table name or alias.", at: q.location)
                }
            case .structAll(let base):
                let compiled = try compiler(scope: scope).compile(base)
                guard case .struct(let fields) = compiled.type else {
                    throw EddyError.analysis("Can't expand non-struct type: \(SQLFormatter.format(base))", at: base.location)
                }
                for f in fields {
                    out.append(NamedSelectItem(name: f.name, expression: Expression(.dereference(base, field: Identifier(f.name, quoted: true)), at: base.location), aliased: false))
                }
            case .expression(let e, let alias):
                if let alias {
                    if PseudoColumn(rawValue: alias.value) != nil {
                        throw EddyError.analysis("`\(alias.value)` is a reserved column name. You cannot use it as an alias for a column.", at: alias.location ?? e.location)
                    }
                    out.append(NamedSelectItem(name: alias.value, expression: e, aliased: true))
                    continue
                }
                switch e.kind {
                case .column(_, let name):
                    out.append(NamedSelectItem(name: name.value, expression: e, aliased: false))
                case .dereference(_, let field):
                    // A struct field named like an earlier column gets a numbered suffix.
                    var name = field.value
                    var suffix = 0
                    while used.contains(name) || out.contains(where: { $0.name == name })
                        || layouts.contains(where: { $0.source.schema.column(named: name) != nil }) {
                        suffix += 1
                        name = "\(field.value)_\(suffix)"
                    }
                    out.append(NamedSelectItem(name: name, expression: e, aliased: false))
                default:
                    var name: String
                    repeat {
                        name = "KSQL_COL_\(generated)"
                        generated += 1
                    } while used.contains(name) || layouts.contains(where: { $0.source.schema.column(named: name) != nil })
                    out.append(NamedSelectItem(name: name, expression: e, aliased: false))
                }
            }
            used.formUnion(out.map(\.name))
        }
        return out
    }

    /// One join side's columns for `*`, in ksqlDB's order: keys, window bounds (windowed
    /// sources), values. After a PARTITION BY the join schema's own order applies instead: values,
    /// ROWTIME, ROWPARTITION, ROWOFFSET, keys, window bounds.
    static func joinStarColumns(_ layout: SourceLayout, repartitioned: Bool) -> [String] {
        let schema = layout.source.schema
        let keys = schema.keyColumns.map(\.name)
        let values = schema.columns.filter { $0.namespace != .key }.map(\.name)
        let bounds = layout.source.window != nil ? [PseudoColumn.windowstart, .windowend].map(\.rawValue) : []
        if repartitioned {
            return values + [PseudoColumn.rowtime, .rowpartition, .rowoffset].map(\.rawValue) + keys + bounds
        }
        return keys + bounds + values
    }
}

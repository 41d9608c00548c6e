import EddyCore
import EddySQL

/// PARTITION BY, as ksqlDB applies it: on the input, before the projection. Its expressions
/// resolve against the source schema; the repartitioned schema has the partitioning expressions
/// as keys, then the source's value columns, then its old key columns, so `SELECT *` lists them
/// in that order.
extension QueryAnalyzer {
    /// Checks the PARTITION BY expressions against the source and, for `SELECT *`, replaces the
    /// star with the repartitioned schema's columns.
    func expandPartitionBy(_ query: Query, source: DataSource, layout: SourceLayout) throws -> [SelectItem] {
        guard let partitionBy = query.partitionBy else { return query.select }
        if partitionBy.count > 1, partitionBy.contains(where: \.isNullLiteral) {
            throw EddyError.analysis("Cannot PARTITION BY multiple columns including NULL", at: partitionBy[0].location)
        }
        let c = compiler(scope: layout.scope(clause: "PARTITION BY"))
        for e in partitionBy where !e.isNullLiteral {
            if case .functionCall(let name, _, _) = e.kind, functions.isTableFunction(name.value) {
                throw EddyError.analysis("Table functions can only be used in the SELECT clause: \(SQLFormatter.format(e))", at: e.location)
            }
            do {
                _ = try c.compile(e)
            } catch let error as EddyError where error.message.hasPrefix("PARTITION BY column '") {
                let name = error.message.dropFirst("PARTITION BY column '".count).prefix { $0 != "'" }
                throw EddyError.analysis(error.message + " '\(name)' must be a column in the source schema since PARTITION BY is applied on the input.", at: error.location)
            }
        }
        guard query.select.contains(where: { if case .all = $0 { return true } else { return false } }) else {
            return query.select
        }
        var partitionColumns = Set<String>()
        var star: [SelectItem] = []
        for e in partitionBy where !e.isNullLiteral {
            if case .column(_, let name) = e.kind {
                // A pseudo column can't be selected by name, but it keys the stream under its own
                // name; the marker lets it past the reserved-name check (see `pseudoKeyMarker`).
                if PseudoColumn(rawValue: name.value) != nil {
                    star.append(.expression(e, alias: Identifier(Self.pseudoKeyMarker + name.value)))
                    continue
                }
                partitionColumns.insert(name.value)
            }
            star.append(.expression(e, alias: nil))
        }
        let schema = source.schema
        for column in schema.valueColumns + schema.keyColumns where !partitionColumns.contains(column.name) {
            star.append(.expression(Expression(.column(qualifier: nil, name: Identifier(column.name, quoted: true))), alias: nil))
        }
        return query.select.flatMap { item -> [SelectItem] in
            if case .all = item { return star }
            return [item]
        }
    }

    /// Prefixes the alias of a pseudo-column key in a `SELECT *` expansion; removed once the
    /// projection is named.
    static let pseudoKeyMarker = "\u{1}"

    /// The projection's items that carry the partitioning expressions, in PARTITION BY order.
    func partitionKeys(_ exprs: [Expression], named: [NamedSelectItem], sinkName: String, alias: String) throws -> ([Int], [String]) {
        if exprs.isNullLiteral { return ([], []) }
        var indexes: [Int] = [], names: [String] = []
        for e in exprs {
            let matches = named.indices.filter { named[$0].expression == e || named[$0].expression.sameColumn(as: e) }
            guard let match = matches.first else {
                // ksqlDB names every partitioning expression, qualified, when any is missing.
                let shown = exprs.map { SQLFormatter.format($0.qualifyingColumns(with: alias)) }
                let noun = shown.count == 1 ? "partitioning expression" : "partitioning expressions"
                throw EddyError.analysis("The query used to build `\(sinkName)` must include the \(noun) \(shown.joinedWithAnd()) in its projection (eg, SELECT \(shown.joined(separator: ", "))...).", at: e.location)
            }
            if matches.count > 1 {
                let aliases = matches.map { named[$0].name }
                throw EddyError.analysis("The projection contains a key column (`\(named[match].name)`) more than once, aliased as: \(aliases.dropLast().joined(separator: ", ")) and \(aliases.last!).", at: e.location)
            }
            indexes.append(match)
            names.append(named[match].name)
        }
        return (indexes, names)
    }
}

extension Expression {
    /// The expression with unqualified column references qualified by `alias`, as ksqlDB shows
    /// expressions in its analysis errors.
    func qualifyingColumns(with alias: String) -> Expression {
        rewritten { e in
            guard case .column(nil, let name) = e.kind else { return nil }
            return Expression(.column(qualifier: Identifier(alias), name: name), at: e.location)
        }
    }
}

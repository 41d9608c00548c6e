import EddyCore

extension SQLFormatter {
    /// A query, one clause per line as ksqlDB's SqlFormatter prints it: several select items go
    /// one per line, indented by two spaces, after a bare `SELECT`.
    public static func format(_ q: Query) -> String {
        let items = q.select.map(format)
        var lines = [items.count > 1 ? "SELECT\n  " + items.joined(separator: ",\n  ") : "SELECT " + items.joined()]
        lines.append("FROM " + format(q.from))
        if let w = q.window { lines.append("WINDOW " + format(w)) }
        if let e = q.whereClause { lines.append("WHERE " + format(e)) }
        if let g = q.groupBy { lines.append("GROUP BY " + formatGrouping(g)) }
        if let p = q.partitionBy { lines.append("PARTITION BY " + formatGrouping(p)) }
        if let h = q.having { lines.append("HAVING " + format(h)) }
        if let emit = q.emit { lines.append("EMIT " + emit.rawValue) }
        if let l = q.limit { lines.append("LIMIT \(l)") }
        return lines.joined(separator: "\n")
    }

    public static func format(_ item: SelectItem) -> String {
        switch item {
        case .all(let q): return q.map { $0.sql + ".*" } ?? "*"
        case .structAll(let e): return format(e) + "->*"
        case .expression(let e, let alias): return format(e) + (alias.map { " " + $0.sql } ?? "")
        }
    }

    private static func formatGrouping(_ items: [Expression]) -> String {
        // A single parenthesized item would reparse as a parenthesized expression, which is the same.
        items.isEmpty ? "()" : items.map(format).joined(separator: ", ")
    }

    public static func format(_ relation: Relation) -> String {
        var s = format(relation.source)
        for j in relation.joins {
            s += " \(j.type.rawValue) JOIN " + format(j.source)
            if let w = j.within {
                s += " WITHIN " + (w.isAsymmetric ? "(\(format(w.before)), \(format(w.after)))" : format(w.before))
                if let g = w.grace { s += " GRACE PERIOD " + format(g) }
            }
            s += " ON " + format(j.on)
        }
        return s
    }

    private static func format(_ source: AliasedSource) -> String {
        source.name.sql + (source.alias.map { " " + $0.sql } ?? "")
    }

    public static func format(_ w: WindowExpression) -> String {
        var parts: [String]
        switch w.kind {
        case .tumbling(let size): parts = ["SIZE " + format(size)]
        case .hopping(let size, let advance): parts = ["SIZE " + format(size), "ADVANCE BY " + format(advance)]
        case .session(let gap): parts = [format(gap)]
        }
        if let r = w.retention { parts.append("RETENTION " + format(r)) }
        if let g = w.grace { parts.append("GRACE PERIOD " + format(g)) }
        let name = switch w.kind {
        case .tumbling: "TUMBLING"
        case .hopping: "HOPPING"
        case .session: "SESSION"
        }
        return name + " (" + parts.joined(separator: ", ") + ")"
    }
}

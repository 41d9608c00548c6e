import EddyCore
import EddySQL

/// ksqlDB's rules for pull queries: which clauses they may use, and which WHERE clauses a table
/// lookup can serve. With table scans disabled (`ksql.query.pull.table.scan.enabled=false`) every
/// disjunct of the WHERE clause must pin the whole key with equalities (or, for STRING and BYTES
/// keys, one range bound); otherwise any predicate is served by a scan. Key values are checked
/// against the key type either way, as ksqlDB resolves them before it reads the store.
public struct PullQueryValidator {
    public var tableScansEnabled = true
    public var rangeScansEnabled = true
    public var limitClauseEnabled = true

    public init(properties: [String: String]) {
        func flag(_ name: String) -> Bool { properties[name]?.lowercased() != "false" }
        tableScansEnabled = flag("ksql.query.pull.table.scan.enabled")
        rangeScansEnabled = flag("ksql.query.pull.range.scan.enabled")
        limitClauseEnabled = flag("ksql.query.pull.limit.clause.enabled")
    }

    static let syntaxHelp = " See https://cnfl.io/queries for more info.\nAdd EMIT CHANGES if you intended to issue a push query."

    /// The clause rules, checked before the query is analyzed.
    public func validateClauses(_ query: Query) throws {
        func fail(_ message: String) -> EddyError { EddyError(.execution, message + Self.syntaxHelp) }
        if !query.from.joins.isEmpty { throw fail("Pull queries don't support JOIN clauses.") }
        if query.window != nil { throw fail("Pull queries don't support WINDOW clauses.") }
        if query.groupBy != nil { throw fail("Pull queries don't support GROUP BY clauses.") }
        if query.partitionBy != nil { throw fail("Pull queries don't support PARTITION BY clauses.") }
        if query.having != nil { throw fail("Pull queries don't support HAVING clauses.") }
        if let limit = query.limit {
            if !limitClauseEnabled {
                throw fail("LIMIT clause in pull queries is currently disabled. You can enable them by setting ksql.query.pull.limit.clause.enabled=true.")
            }
            if limit < 0 { throw fail("Pull queries don't support negative integers in the LIMIT clause.") }
        }
        let selected = query.select.flatMap { item -> [String] in
            guard case .expression(let e, _) = item else { return [] }
            return e.columnReferences.map(\.name.value)
        }
        if let bad = Self.disallowed(selected) {
            throw fail("Pull queries don't support the following columns in SELECT clauses: \(bad)\n")
        }
        if let bad = Self.disallowed(query.whereClause?.columnReferences.map(\.name.value) ?? []) {
            throw fail("Pull queries don't support the following columns in WHERE clauses: \(bad)\n")
        }
    }

    /// ksqlDB interprets a pull query's WHERE clause after rewriting BETWEEN into its two bounds
    /// (`v >= low AND v <= high`, the same three-valued result), so type errors name the
    /// comparison that fails.
    public static func interpretedForm(_ query: Query) -> Query {
        guard let predicate = query.whereClause else { return query }
        var out = query
        out.whereClause = predicate.rewritten(splitBetween)
        return out
    }

    private static func splitBetween(_ e: Expression) -> Expression? {
        guard case .between(let v, let low, let high) = e.kind else { return nil }
        let value = v.rewritten(splitBetween)
        return Expression(.logical(.and, Expression(.comparison(.greaterThanOrEqual, value, low.rewritten(splitBetween)), at: e.location),
                                   Expression(.comparison(.lessThanOrEqual, value, high.rewritten(splitBetween)), at: e.location)),
                          at: e.location)
    }

    /// The interpreter's wording for a WHERE clause that does not type-check. Comparisons of key
    /// columns are checked earlier, while ksqlDB extracts the keys to look up, and keep the
    /// analyzer's wording.
    public static func interpreterError(_ error: Error, keyColumns: [String]) -> Error {
        let prefix = "Error in WHERE expression: Cannot compare "
        guard var e = error as? EddyError, e.message.hasPrefix(prefix) else { return error }
        let text = e.message.dropFirst(prefix.count)
        if keyColumns.contains(where: { text.hasPrefix($0 + " (") }) { return error }
        e.message = "Invalid expression: Cannot compare " + text
        return e
    }

    /// LIKE on a table column needs a string column; checked before the WHERE clause is typed.
    public func validateLike(_ query: Query, schema: LogicalSchema) throws {
        guard let predicate = query.whereClause else { return }
        try predicate.forEach { e in
            guard case .like(let value, _, _) = e.kind, case .column(_, let name) = value.kind,
                  let column = schema.column(named: name.value) else { return }
            if column.type != .string {
                throw EddyError(.execution, "The column type for Like condition must be VARCHAR. The column type is \(column.type.base.rawValue)")
            }
        }
    }

    /// ROWPARTITION and ROWOFFSET describe a record's position, which a store does not keep.
    static func disallowed(_ names: [String]) -> String? {
        var seen: [String] = []
        for n in names where (n == "ROWPARTITION" || n == "ROWOFFSET") && !seen.contains(n) { seen.append(n) }
        return seen.isEmpty ? nil : seen.map { "`\($0)`" }.joined(separator: ", ")
    }

    /// The WHERE rules for a pull query over a materialized table with this schema.
    public func validateWhere(_ query: Query, schema: LogicalSchema, windowed: Bool) throws {
        guard let predicate = query.whereClause else {
            if !tableScansEnabled { throw Self.whereError("WHERE clause missing key column for disjunct: true", windowed: false) }
            return
        }
        // A lookup cannot compare a column with NULL; ksqlDB refuses it while typing the WHERE clause.
        try predicate.forEach { e in
            guard case .comparison(let op, let l, let r) = e.kind, op != .isDistinctFrom, op != .isNotDistinctFrom,
                  let (name, other) = Self.columnSide(l, r), case .literal(.null) = other.kind,
                  let column = schema.column(named: name) else { return }
            let text: String
            if case .literal(.null) = r.kind { text = "(\(name) \(op.symbol) null)" } else { text = "(null \(op.symbol) \(name))" }
            throw EddyError(.execution, "Error in WHERE expression: Comparison with NULL not supported: \(column.type.base.rawValue) \(op.symbol) NULL\nUse 'IS NULL' or 'IS NOT NULL' instead.\nStatement: \(text)")
        }
        let keys = schema.keyColumns
        let disjuncts = Self.disjuncts(predicate)
        var scan = false
        for conjuncts in disjuncts where !scan {
            var seen = Set<String>()
            for leaf in conjuncts {
                if try checkLeaf(leaf, keys: keys, windowed: windowed, seen: &seen) { scan = true }
            }
            if scan { break }
            let text = SQLFormatter.format(Self.conjunction(conjuncts))
            if seen.isEmpty {
                if tableScansEnabled { scan = true; break }
                throw Self.whereError("WHERE clause missing key column for disjunct: \(text)", windowed: windowed)
            }
            if seen.count != keys.count {
                if tableScansEnabled { scan = true; break }
                let names = keys.filter { seen.contains($0.name) }.map { "`\($0.name)`" }.joined(separator: ", ")
                throw Self.whereError("Multi-column sources must specify every key in the WHERE clause. Specified: [\(names)] Expected: [\(LogicalSchema(keys))]", windowed: windowed)
            }
        }
        if scan { return }
        // Every disjunct is keyed: resolve its key values, as a lookup would.
        var needsScan = false
        var ranges = 0
        for conjuncts in disjuncts {
            var ops: [String: ComparisonOperator] = [:]
            for leaf in conjuncts {
                guard case .comparison(let op, let l, let r) = leaf.kind, let (name, other) = Self.columnSide(l, r),
                      let key = keys.first(where: { $0.name == name }) else { continue }
                try Self.resolveKey(other, key: key, node: leaf)
                if ops[name] == .equal { continue }
                if op == .equal || ops[name] == nil { ops[name] = op }
            }
            if ops.count > 1 {
                if ops.values.contains(where: { $0 != .equal }) { needsScan = true }
            } else if let (name, op) = ops.first, op != .equal {
                let type = keys.first { $0.name == name }?.type
                if type != .string && type != .bytes { needsScan = true } else if !rangeScansEnabled || windowed { needsScan = true } else { ranges += 1 }
            }
        }
        // ksqlDB range-scans a single range only; several disjuncts with a range fall back to a scan.
        if ranges > 0, disjuncts.count > 1 { needsScan = true }
        if needsScan, !tableScansEnabled {
            throw EddyError(.execution, "Query requires table scan to be enabled. Table scans can be enabled by setting ksql.query.pull.table.scan.enabled=true")
        }
    }

    /// Checks one conjunct; true when it forces a table scan (only possible with scans enabled).
    private func checkLeaf(_ leaf: Expression, keys: [Column], windowed: Bool, seen: inout Set<String>) throws -> Bool {
        func scanOrThrow(_ message: String, _ windowedHelp: Bool) throws -> Bool {
            if tableScansEnabled { return true }
            throw Self.whereError(message, windowed: windowedHelp)
        }
        switch leaf.kind {
        case .comparison(let op, let l, let r):
            guard let (name, other) = Self.columnSide(l, r) else {
                return try scanOrThrow("A comparison must directly reference a key column", windowed)
            }
            if !other.columnReferences.isEmpty {
                return try scanOrThrow("A comparison must be between a key column and a resolvable expression", windowed)
            }
            if name == "WINDOWSTART" || name == "WINDOWEND" {
                if op == .notEqual || op == .isDistinctFrom || op == .isNotDistinctFrom {
                    throw Self.whereError("Unsupported \(name) bounds: \(op.ksqlName)", windowed: true)
                }
                return false
            }
            guard keys.contains(where: { $0.name == name }) else { return false }
            if op == .notEqual || op == .isDistinctFrom || op == .isNotDistinctFrom {
                if try scanOrThrow("Bound on key columns '[\(LogicalSchema(keys))]' must currently be '='", windowed) { return true }
            }
            if seen.contains(name), !tableScansEnabled {
                throw Self.whereError("A comparison condition on the key column cannot be combined with other comparisons such as an IN predicate", windowed: windowed)
            }
            seen.insert(name)
            return false
        case .like(let value, _, _):
            // Only a LIKE on a column can be checked against the row; any other needs a scan.
            if case .column = value.kind { return false }
            return try scanOrThrow("Like condition must be between strings", windowed)
        case .logical:
            return false
        default:
            if tableScansEnabled { return true }
            throw Self.whereError("Unsupported expression in WHERE clause: \(SQLFormatter.format(leaf))", windowed: false)
        }
    }

    /// The column side of a comparison (right first, as ksqlDB looks) and the other side.
    static func columnSide(_ l: Expression, _ r: Expression) -> (String, Expression)? {
        if case .column(_, let n) = r.kind { return (n.value, l) }
        if case .column(_, let n) = l.kind { return (n.value, r) }
        return nil
    }

    /// A key value must be non-NULL and convert to the key type without loss (ksqlDB's strict coercion).
    static func resolveKey(_ other: Expression, key: Column, node: Expression) throws {
        guard case .literal(let lit) = other.kind else { return }
        var isDecimal = false
        if case .decimal = key.type { isDecimal = true }
        let text: String
        let ok: Bool
        switch lit {
        case .null:
            // ksqlDB prints the NULL literal in lower case here.
            var text = SQLFormatter.format(node)
            if case .comparison(let op, let l, let r) = node.kind {
                func side(_ e: Expression) -> String { if case .literal(.null) = e.kind { "null" } else { SQLFormatter.format(e) } }
                text = "(\(side(l)) \(op.symbol) \(side(r)))"
            }
            throw EddyError(.execution, "Primary key columns can not be NULL: \(text)")
        case .string(let s):
            text = s
            ok = key.type == .string
        case .integer(let i):
            text = String(i)
            ok = [.int, .bigint, .double].contains(key.type) || isDecimal
        case .bigint(let i):
            text = String(i)
            ok = [.bigint, .double].contains(key.type) || isDecimal
        case .decimal(let d):
            text = d.description
            ok = key.type == .double || isDecimal
        case .double(let d):
            text = String(d)
            ok = key.type == .double
        case .boolean(let b):
            text = String(b)
            ok = key.type == .boolean
        }
        if !ok {
            throw EddyError(.execution, "'\(text)' can not be converted to the type of the key column: \(key.name) \(key.type) KEY")
        }
    }

    /// The predicate in disjunctive normal form, as lists of conjuncts. IN lists become one
    /// equality per item and BETWEEN a pair of bounds, as ksqlDB rewrites them.
    static func disjuncts(_ e: Expression) -> [[Expression]] {
        switch e.kind {
        case .logical(.or, let l, let r):
            return disjuncts(l) + disjuncts(r)
        case .logical(.and, let l, let r):
            let left = disjuncts(l), right = disjuncts(r)
            return left.flatMap { a in right.map { b in a + b } }
        case .inList(let v, let items):
            return items.map { [Expression(.comparison(.equal, v, $0), at: e.location)] }
        case .between(let v, let low, let high):
            return [[Expression(.comparison(.greaterThanOrEqual, v, low), at: e.location),
                     Expression(.comparison(.lessThanOrEqual, v, high), at: e.location)]]
        default:
            return [[e]]
        }
    }

    static func conjunction(_ conjuncts: [Expression]) -> Expression {
        conjuncts.dropFirst().reduce(conjuncts[0]) { Expression(.logical(.and, $0, $1)) }
    }

    static func whereError(_ message: String, windowed: Bool) -> EddyError {
        var text = message + "." + syntaxHelp
        text += "\nPull queries require a WHERE clause that:"
        text += "\n - includes a key equality expression, e.g. `SELECT * FROM X WHERE <key-column> = Y;`."
        text += "\n - in the case of a multi-column key, is a conjunction of equality expressions that cover all key columns."
        text += "\n - to support range expressions, e.g.,  SELECT * FROM X WHERE <key-column> < Y;`, range scans need to be enabled by setting ksql.query.pull.range.scan.enabled=true"
        if windowed {
            text += "\n - (optionally) limits the time bounds of the windowed table.\n\t Bounds on [`WINDOWSTART`, `WINDOWEND`] are supported\n\t Supported operators are [EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL]"
        }
        text += "\nIf more flexible queries are needed, , table scans can be enabled by setting ksql.query.pull.table.scan.enabled=true."
        return EddyError(.execution, text)
    }
}

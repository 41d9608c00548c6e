import EddyCore

extension Parser {
    /// query: SELECT items FROM relation [WINDOW w] [WHERE e] [GROUP BY …] [PARTITION BY …]
    /// [HAVING e] [EMIT CHANGES|FINAL] [LIMIT n].
    mutating func query() throws -> Query {
        hit("query")
        let loc = current.location
        try expect("SELECT")
        var items = [try selectItem()]
        while acceptSymbol(",") { items.append(try selectItem()) }
        try expect("FROM")
        let from = try relation()
        var q = Query(select: items, from: from, location: loc)
        if accept("WINDOW") { q.window = try windowExpression() }
        if accept("WHERE") { q.whereClause = try expression() }
        if current.isKeyword("GROUP") {
            advance()
            try expect("BY")
            q.groupBy = try groupingList()
        }
        if current.isKeyword("PARTITION") && peek().isKeyword("BY") {
            advance()
            advance()
            q.partitionBy = try groupingList()
            // `()` is grammatical (GROUP BY () means no grouping) but ksqlDB's PARTITION BY rejects it.
            if q.partitionBy?.isEmpty == true {
                throw EddyError(.parse, "PARTITION BY requires at least one expression", statement: text)
            }
        }
        if accept("HAVING") { q.having = try expression() }
        if accept("EMIT") {
            if accept("CHANGES") {
                q.emit = .changes
            } else if accept("FINAL") {
                q.emit = .final
            } else {
                throw mismatched(expecting: ["'CHANGES'", "'FINAL'"])
            }
        }
        if accept("LIMIT") {
            hit("limitClause")
            q.limit = try intValue("LIMIT")
        }
        try checkQualifiers(q)
        return q
    }

    /// Column qualifiers must name a source or alias in FROM, as ksqlDB's parser checks.
    private func checkQualifiers(_ q: Query) throws {
        var names = Set<String>()
        for s in q.from.allSources {
            names.insert(s.name.value)
            if let a = s.alias { names.insert(a.value) }
        }
        func check(_ qualifier: Identifier, at location: SourceLocation?) throws {
            guard names.contains(qualifier.value) else {
                var e = EddyError.prepare("'\(qualifier.value)' is not a valid stream/table name or alias.", at: location)
                e.statementText = text
                throw e
            }
        }
        for item in q.select {
            if case .all(let qualifier?) = item { try check(qualifier, at: qualifier.location) }
        }
        for e in q.expressions {
            try e.forEach { sub in
                if case .column(let qualifier?, _) = sub.kind { try check(qualifier, at: sub.location) }
            }
        }
    }

    /// selectItem: `*` | `src.*` | `expr->*` | expr [[AS] alias].
    private mutating func selectItem() throws -> SelectItem {
        hit("selectItem")
        if acceptSymbol("*") { return .all(qualifier: nil) }
        if atIdentifier, peek().isSymbol("."), peek(2).isSymbol("*") {
            let q = try identifier()
            advance()
            advance()
            return .all(qualifier: q)
        }
        let e = try expression()
        if current.isSymbol("->"), peek().isSymbol("*") {
            advance()
            advance()
            return .structAll(e)
        }
        if accept("AS") { return .expression(e, alias: try identifier()) }
        if atIdentifier, !current.isKeyword("EMIT") || !Self.isEmitTail(peek()) {
            return .expression(e, alias: try identifier())
        }
        return .expression(e, alias: nil)
    }

    static func isEmitTail(_ t: Token) -> Bool { t.isKeyword("CHANGES") || t.isKeyword("FINAL") }

    /// GROUP BY / PARTITION BY: `e, …` or `(e, …)`; `()` is an empty list.
    private mutating func groupingList() throws -> [Expression] {
        hit("groupingList")
        if current.isSymbol("("), isParenthesizedList() {
            advance()
            var items: [Expression] = []
            if !current.isSymbol(")") {
                items.append(try valueExpression())
                while acceptSymbol(",") { items.append(try valueExpression()) }
            }
            try expectSymbol(")")
            return items
        }
        var items = [try valueExpression()]
        while acceptSymbol(",") { items.append(try valueExpression()) }
        return items
    }

    /// Whether the `(` at the cursor opens a grouping list rather than a parenthesized first
    /// expression: it is empty or holds a top-level comma. `(a)` reads the same either way.
    private func isParenthesizedList() -> Bool {
        var level = 0
        var k = 0
        while true {
            let t = peek(k)
            if t.kind == .endOfInput { return false }
            if t.isSymbol("(") || t.isSymbol("[") {
                level += 1
            } else if t.isSymbol(")") || t.isSymbol("]") {
                level -= 1
                if level == 0 { return k == 1 }
            } else if level == 1, t.isSymbol(",") {
                return true
            }
            k += 1
        }
    }

    /// relation: aliasedSource {joinType JOIN aliasedSource [WITHIN …] ON expr}.
    private mutating func relation() throws -> Relation {
        hit("relation")
        var r = Relation(source: try aliasedSource())
        while let type = try joinType() {
            hit("joinedSource")
            hit("joinType")
            let loc = current.location
            try expect("JOIN")
            let source = try aliasedSource()
            var within: JoinWindow?
            if accept("WITHIN") { within = try joinWindow() }
            guard accept("ON") else {
                if atEnd || current.isSymbol(";") {
                    throw error("Invalid join criteria specified. Joins must have an ON clause that compares "
                                + "columns, e.g. `… LEFT JOIN right ON left.col = right.col`.", at: current.location)
                }
                throw mismatched(expecting: ["'ON'", "'WITHIN'"])
            }
            r.joins.append(Join(type: type, source: source, within: within, on: try expression(), location: loc))
        }
        return r
    }

    private mutating func joinType() throws -> JoinType? {
        let t = current
        guard t.kind == .word else { return nil }
        switch t.text {
        case "JOIN": return .inner
        case "INNER": advance(); return .inner
        case "LEFT": advance(); _ = accept("OUTER"); return .left
        case "RIGHT": advance(); _ = accept("OUTER"); return .right
        case "FULL": advance(); _ = accept("OUTER"); return .full
        default: return nil
        }
    }

    /// aliasedRelation: sourceName [[AS] alias].
    private mutating func aliasedSource() throws -> AliasedSource {
        hit("aliasedRelation")
        let loc = current.location
        let name = try sourceName()
        var alias: Identifier?
        if accept("AS") {
            alias = try sourceName()
        } else if atIdentifier, !startsClause(current) {
            alias = try sourceName()
        }
        return AliasedSource(name: name, alias: alias, location: loc)
    }

    /// Non-reserved words that may follow a source name and start the next clause instead of
    /// being read as its alias.
    private func startsClause(_ t: Token) -> Bool {
        (t.isKeyword("EMIT") && Self.isEmitTail(peek())) || (t.isKeyword("PARTITION") && peek().isKeyword("BY"))
    }

    /// WITHIN n UNIT | WITHIN (n UNIT, m UNIT), then [GRACE PERIOD n UNIT].
    private mutating func joinWindow() throws -> JoinWindow {
        hit("joinWindow")
        hit("joinWindowSize")
        var w: JoinWindow
        if acceptSymbol("(") {
            let before = try duration("WITHIN")
            try expectSymbol(",")
            let after = try duration("WITHIN")
            try expectSymbol(")")
            w = JoinWindow(before: before, after: after, isAsymmetric: true)
        } else {
            let size = try duration("WITHIN")
            w = JoinWindow(before: size, after: size, isAsymmetric: false)
        }
        if current.isKeyword("GRACE") { w.grace = try gracePeriod() }
        return w
    }

    mutating func gracePeriod() throws -> WindowDuration {
        hit("gracePeriodClause")
        try expect("GRACE")
        try expect("PERIOD")
        return try duration("GRACE PERIOD")
    }

    /// WINDOW [name] TUMBLING (…) | HOPPING (…) | SESSION (…).
    private mutating func windowExpression() throws -> WindowExpression {
        hit("windowExpression")
        let loc = current.location
        // The grammar allows a legacy window name before the window type; it has no meaning.
        if current.kind == .word, !["TUMBLING", "HOPPING", "SESSION"].contains(current.text), isIdentifier(current) {
            advance()
        }
        let kind: WindowExpression.Kind
        if accept("TUMBLING") {
            hit("tumblingWindow")
            try expectSymbol("(")
            try expect("SIZE")
            kind = .tumbling(size: try duration("SIZE"))
        } else if accept("HOPPING") {
            hit("hoppingWindow")
            try expectSymbol("(")
            try expect("SIZE")
            let size = try duration("SIZE")
            try expectSymbol(",")
            try expect("ADVANCE")
            try expect("BY")
            kind = .hopping(size: size, advance: try duration("ADVANCE BY"))
        } else if accept("SESSION") {
            hit("sessionWindow")
            try expectSymbol("(")
            kind = .session(gap: try duration("SESSION"))
        } else {
            throw mismatched(expecting: ["'TUMBLING'", "'HOPPING'", "'SESSION'"])
        }
        var w = WindowExpression(kind: kind, location: loc)
        if current.isSymbol(","), peek().isKeyword("RETENTION") {
            hit("windowOptions")
            hit("retentionClause")
            advance()
            advance()
            w.retention = try duration("RETENTION")
        }
        if acceptSymbol(",") {
            hit("windowOptions")
            w.grace = try gracePeriod()
        }
        try expectSymbol(")")
        return w
    }
}

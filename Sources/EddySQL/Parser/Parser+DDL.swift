import EddyCore

extension Parser {
    /// CREATE …: sources, CSAS/CTAS, types and connectors.
    mutating func create() throws -> Statement {
        advance()
        if current.isKeyword("TYPE") {
            hit("createType")
            advance()
            let ifNotExists = try ifNotExistsClause()
            let name = try identifier()
            try expect("AS")
            return .createType(name: name, type: try typeSyntax(), ifNotExists: ifNotExists)
        }
        if (current.isKeyword("SOURCE") || current.isKeyword("SINK")), peek().isKeyword("CONNECTOR") {
            hit("createConnector")
            let type: ConnectorType = take().text == "SOURCE" ? .source : .sink
            advance()
            let ifNotExists = try ifNotExistsClause()
            let name = try identifier()
            try expect("WITH")
            return .createConnector(type: type, name: name, ifNotExists: ifNotExists, properties: try properties())
        }
        var orReplace = false
        if accept("OR") {
            try expect("REPLACE")
            orReplace = true
        }
        let isSource = accept("SOURCE")
        let kind: SourceKind
        if accept("STREAM") {
            kind = .stream
        } else if accept("TABLE") {
            kind = .table
        } else {
            throw mismatched(expecting: isSource || orReplace ? ["'STREAM'", "'TABLE'"]
                             : ["'STREAM'", "'TABLE'", "'TYPE'", "'SOURCE'", "'SINK'", "'OR'"])
        }
        let ifNotExists = try ifNotExistsClause()
        let name = try sourceName()
        var elements: [TableElement] = []
        if current.isSymbol("(") { elements = try tableElements(kind: kind) }
        var props = Properties()
        if accept("WITH") { props = try properties() }
        if elements.isEmpty, !isSource, accept("AS") {
            hit("createAsSelect")
            return .createAsSelect(CreateAsSelect(kind: kind, name: name, properties: props, query: try query(),
                                                  orReplace: orReplace, ifNotExists: ifNotExists))
        }
        hit("createSource")
        return .createSource(CreateSource(kind: kind, name: name, elements: elements, properties: props,
                                          orReplace: orReplace, ifNotExists: ifNotExists, isSource: isSource))
    }

    private mutating func ifNotExistsClause() throws -> Bool {
        guard current.isKeyword("IF"), peek().isKeyword("NOT") else { return false }
        advance()
        advance()
        try expect("EXISTS")
        return true
    }

    private mutating func ifExistsClause() throws -> Bool {
        guard current.isKeyword("IF"), peek().isKeyword("EXISTS") else { return false }
        advance()
        advance()
        return true
    }

    /// '(' tableElement {',' tableElement} ')'. `kind` checks KEY versus PRIMARY KEY as ksqlDB's
    /// parser does; nil (ASSERT and schema strings) skips the check.
    mutating func tableElements(kind: SourceKind?) throws -> [TableElement] {
        hit("tableElements")
        try expectSymbol("(")
        var elements: [TableElement] = []
        repeat { elements.append(try tableElement(kind: kind)) } while acceptSymbol(",")
        // ANTLR only reports a missing ')' when the token could follow it; otherwise it lists
        // what may follow an element, which ksqlDB shows as "Expecting {',', ')'}".
        let follows = atEnd || current.isSymbol(";") || current.isKeyword("WITH") || current.isKeyword("AS")
        if !current.isSymbol(")"), !follows { throw syntaxError("Expecting {',', ')'}", at: current) }
        try expectSymbol(")")
        return elements
    }

    /// identifier type [KEY | PRIMARY KEY | HEADERS | HEADER('key')].
    mutating func tableElement(kind: SourceKind?) throws -> TableElement {
        hit("tableElement")
        let loc = current.location
        let name = try identifier()
        let type = try typeSyntax()
        var constraint = ColumnConstraint.none
        if accept("PRIMARY") {
            try expect("KEY")
            constraint = .primaryKey
        } else if accept("KEY") {
            constraint = .key
        } else if accept("HEADERS") {
            constraint = .headers
        } else if accept("HEADER") {
            try expectSymbol("(")
            constraint = .header(try string())
            try expectSymbol(")")
        }
        if constraint != .none { hit("columnConstraint") }
        if kind == .table, constraint == .key {
            throw error("Line: \(loc.line), Col: \(loc.column): Column \(name.sql.backQuoted) is a 'KEY' column: "
                        + "please use 'PRIMARY KEY' for tables.\nTables have PRIMARY KEYs, which are unique and NON NULL.\n"
                        + "Streams have KEYs, which have no uniqueness or NON NULL constraints.", at: loc)
        }
        if kind == .stream, constraint == .primaryKey {
            throw error("Line: \(loc.line), Col: \(loc.column): Column \(name.sql.backQuoted) is a 'PRIMARY KEY' column: "
                        + "please use 'KEY' for streams.\nTables have PRIMARY KEYs, which are unique and NON NULL.\n"
                        + "Streams have KEYs, which have no uniqueness or NON NULL constraints.", at: loc)
        }
        return TableElement(name: name, type: type, constraint: constraint, location: loc)
    }

    /// '(' (identifier | STRING) '=' literal {',' …} ')'.
    mutating func properties() throws -> Properties {
        hit("tableProperties")
        try expectSymbol("(")
        var entries: [Properties.Entry] = []
        repeat {
            hit("tableProperty")
            let name: String
            if current.kind == .string {
                name = take().text
            } else {
                name = try identifier().value
            }
            try expectSymbol("=")
            let at = current.location
            entries.append(Properties.Entry(name, try literal(), location: at))
        } while acceptSymbol(",")
        try expectSymbol(")")
        return Properties(entries)
    }

    /// literal: NULL | number | TRUE | FALSE | STRING.
    mutating func literal() throws -> Literal {
        hit("literal")
        let t = current
        switch t.kind {
        case .string:
            advance()
            return .string(t.text)
        case .integer, .decimal, .float:
            if case .literal(let l) = try numericLiteral(negative: false, start: t).kind { return l }
        case .symbol where t.text == "-" && [.integer, .decimal, .float].contains(peek().kind):
            advance()
            if case .literal(let l) = try numericLiteral(negative: true, start: t).kind { return l }
        case .word where t.text == "NULL":
            advance()
            return .null
        case .word where t.text == "TRUE" || t.text == "FALSE":
            advance()
            return .boolean(t.text == "TRUE")
        case .variable:
            throw error("Variable '\(t.text)' is not defined", at: t.location)
        default:
            break
        }
        throw mismatched(expecting: ["literal"])
    }

    /// INSERT INTO name [WITH (…)] query | INSERT INTO name [(columns)] VALUES (…).
    mutating func insert() throws -> Statement {
        advance()
        try expect("INTO")
        let target = try sourceName()
        if current.isSymbol("(") || current.isKeyword("VALUES") {
            hit("insertValues")
            let columns = current.isSymbol("(") ? try columnList() : []
            try expect("VALUES")
            return .insertValues(InsertValues(target: target, columns: columns, values: try valuesList()))
        }
        var props = Properties()
        if accept("WITH") { props = try properties() }
        hit("insertInto")
        return .insertInto(InsertInto(target: target, properties: props, query: try query()))
    }

    /// '(' identifier {',' identifier} ')'.
    mutating func columnList() throws -> [Identifier] {
        hit("columns")
        try expectSymbol("(")
        var columns = [try identifier()]
        while acceptSymbol(",") { columns.append(try identifier()) }
        try expectSymbol(")")
        return columns
    }

    /// values: '(' [valueExpression {',' valueExpression}] ')'.
    mutating func valuesList() throws -> [Expression] {
        hit("values")
        try expectSymbol("(")
        var values: [Expression] = []
        if !current.isSymbol(")") {
            values.append(try valueExpression())
            while acceptSymbol(",") { values.append(try valueExpression()) }
        }
        try expectSymbol(")")
        return values
    }

    /// DROP STREAM|TABLE|TYPE|CONNECTOR ….
    mutating func drop() throws -> Statement {
        advance()
        if accept("TYPE") {
            hit("dropType")
            let ifExists = try ifExistsClause()
            return .dropType(name: try identifier(), ifExists: ifExists)
        }
        if accept("CONNECTOR") {
            hit("dropConnector")
            let ifExists = try ifExistsClause()
            return .dropConnector(name: try identifier(), ifExists: ifExists)
        }
        let kind: SourceKind
        if accept("STREAM") {
            kind = .stream
        } else if accept("TABLE") {
            kind = .table
        } else {
            throw mismatched(expecting: ["'STREAM'", "'TABLE'", "'TYPE'", "'CONNECTOR'"])
        }
        hit("dropSource")
        let ifExists = try ifExistsClause()
        let name = try sourceName()
        var deleteTopic = false
        if accept("DELETE") {
            try expect("TOPIC")
            deleteTopic = true
        }
        return .dropSource(kind: kind, name: name, ifExists: ifExists, deleteTopic: deleteTopic)
    }

    /// ALTER STREAM|TABLE name ADD [COLUMN] c type {, ADD [COLUMN] c type} | ALTER SYSTEM 'k' = 'v'.
    mutating func alter() throws -> Statement {
        advance()
        if accept("SYSTEM") {
            hit("alterSystem")
            let name = try string()
            try expectSymbol("=")
            return .alterSystem(name: name, value: try string())
        }
        let kind: SourceKind
        if accept("STREAM") {
            kind = .stream
        } else if accept("TABLE") {
            kind = .table
        } else {
            throw mismatched(expecting: ["'STREAM'", "'TABLE'", "'SYSTEM'"])
        }
        hit("alterSource")
        let name = try sourceName()
        var columns: [TableElement] = []
        repeat {
            hit("alterOption")
            try expect("ADD")
            _ = accept("COLUMN")
            let loc = current.location
            let column = try identifier()
            columns.append(TableElement(name: column, type: try typeSyntax(), location: loc))
        } while acceptSymbol(",")
        return .alterSource(kind: kind, name: name, columns: columns)
    }
}

extension String {
    /// Wraps an already-rendered identifier in back-ticks unless it has them.
    var backQuoted: String { hasPrefix("`") ? self : "`" + self + "`" }
}

import EddyCore

extension Parser {
    /// statement, dispatched on its first keyword.
    mutating func statement() throws -> Statement {
        hit("statement")
        let t = current
        guard t.kind == .word else { throw unknownStatement(t) }
        switch t.text {
        case "SELECT": return .query(try query())
        case "CREATE": return try create()
        case "INSERT": return try insert()
        case "DROP": return try drop()
        case "ALTER": return try alter()
        case "LIST", "SHOW": return try list()
        case "DESCRIBE": return try describe()
        case "EXPLAIN":
            advance()
            hit("explainStatement")
            if current.kind == .word, Self.statementStarts.contains(current.text) {
                return .explainStatement(try statement())
            }
            return .explainQuery(id: try identifier().value)
        case "TERMINATE", "PAUSE", "RESUME":
            hit("queryControl")
            advance()
            let target: QueryTarget = accept("ALL") ? .all : .id(try queryId())
            switch t.text {
            case "TERMINATE": return .terminate(target)
            case "PAUSE": return .pause(target)
            default: return .resume(target)
            }
        case "PRINT": return try print()
        case "SET":
            hit("setProperty")
            advance()
            let name = try string()
            try expectSymbol("=")
            return .setProperty(name: name, value: try string())
        case "UNSET":
            hit("unsetProperty")
            advance()
            return .unsetProperty(name: try string())
        case "DEFINE":
            hit("defineVariable")
            advance()
            let name = try variableName()
            try expectSymbol("=")
            return .defineVariable(name: name, value: try string())
        case "UNDEFINE":
            hit("undefineVariable")
            advance()
            return .undefineVariable(name: try variableName())
        case "ASSERT": return try assertStatement()
        case "RUN" where allowTestStatements:
            hit("runScript")
            advance()
            try expect("SCRIPT")
            return .runScript(path: try string())
        default:
            throw unknownStatement(t)
        }
    }

    static let statementStarts: Set<String> = [
        "SELECT", "CREATE", "INSERT", "DROP", "ALTER", "LIST", "SHOW", "DESCRIBE", "EXPLAIN", "TERMINATE",
        "PAUSE", "RESUME", "PRINT", "SET", "UNSET", "DEFINE", "UNDEFINE", "ASSERT", "RUN",
    ]

    func unknownStatement(_ t: Token) -> EddyError {
        if t.kind == .endOfInput { return mismatched(expecting: ["statement"]) }
        return syntaxError("Unknown statement \(display(t))", at: t)
    }

    /// Query ids are kept as written, e.g. `CSAS_OUTPUT_0`.
    private mutating func queryId() throws -> String {
        let t = current
        let id = try identifier()
        return id.quoted ? id.value : rawText(t).uppercased()
    }

    /// variableName: IDENTIFIER (a reserved word is allowed too, as ksqlDB's validator permits).
    private mutating func variableName() throws -> String {
        hit("variableName")
        let t = current
        guard t.kind == .word else { throw mismatched(expecting: ["IDENTIFIER"]) }
        advance()
        return rawText(t)
    }

    /// PRINT topic [FROM BEGINNING] [INTERVAL|SAMPLE n] [LIMIT n].
    private mutating func print() throws -> Statement {
        hit("printStatement")
        advance()
        var p = PrintTopic(topic: try resourceName())
        if accept("FROM") {
            try expect("BEGINNING")
            p.fromBeginning = true
        }
        if accept("INTERVAL") || accept("SAMPLE") { p.interval = try smallInteger("INTERVAL") }
        if accept("LIMIT") {
            hit("limitClause")
            p.limit = try intValue("LIMIT")
        }
        return .print(p)
    }

    /// (LIST | SHOW) ….
    private mutating func list() throws -> Statement {
        hit("listStatement")
        advance()
        let t = take()
        guard t.kind == .word else { index -= 1; throw listExpectation() }
        switch t.text {
        case "PROPERTIES": return .list(.properties)
        case "ALL":
            try expect("TOPICS")
            return .list(.topics(all: true, extended: accept("EXTENDED")))
        case "TOPICS": return .list(.topics(all: false, extended: accept("EXTENDED")))
        case "STREAMS": return .list(.streams(extended: accept("EXTENDED")))
        case "TABLES": return .list(.tables(extended: accept("EXTENDED")))
        case "QUERIES": return .list(.queries(extended: accept("EXTENDED")))
        case "FUNCTIONS": return .list(.functions)
        case "TYPES": return .list(.types)
        case "VARIABLES": return .list(.variables)
        case "CONNECTORS": return .list(.connectors(nil))
        case "SOURCE", "SINK":
            try expect("CONNECTORS")
            return .list(.connectors(t.text == "SOURCE" ? .source : .sink))
        case "CONNECTOR":
            try expect("PLUGINS")
            return .list(.connectorPlugins)
        default:
            index -= 1
            throw listExpectation()
        }
    }

    private func listExpectation() -> EddyError {
        mismatched(expecting: ["'PROPERTIES'", "'ALL'", "'TOPICS'", "'STREAMS'", "'TABLES'", "'QUERIES'",
                               "'FUNCTIONS'", "'TYPES'", "'VARIABLES'", "'CONNECTORS'", "'SOURCE'", "'SINK'",
                               "'CONNECTOR'"])
    }

    /// DESCRIBE name [EXTENDED] | DESCRIBE STREAMS|TABLES [EXTENDED] | DESCRIBE FUNCTION f | DESCRIBE CONNECTOR c.
    private mutating func describe() throws -> Statement {
        hit("describeStatement")
        advance()
        if accept("STREAMS") { return .describeStreams(extended: accept("EXTENDED")) }
        if current.isKeyword("FUNCTION"), isIdentifier(peek()) {
            advance()
            return .describeFunction(name: try identifier().value.uppercased())
        }
        if current.isKeyword("CONNECTOR"), isIdentifier(peek()) {
            advance()
            return .describeConnector(name: try identifier())
        }
        let name = try sourceName()
        // `DESCRIBE TABLES` lists tables unless TABLES was quoted, as in ksqlDB.
        if name.value == "TABLES", !name.quoted {
            return .describeTables(extended: accept("EXTENDED"))
        }
        return .describeSource(name: name, extended: accept("EXTENDED"))
    }
}

import EddyCore

extension Parser {
    /// ASSERT [NOT EXISTS] TOPIC|SCHEMA …, ASSERT [NULL] VALUES …, ASSERT STREAM|TABLE ….
    mutating func assertStatement() throws -> Statement {
        advance()
        var exists = true
        if current.isKeyword("NOT"), peek().isKeyword("EXISTS") {
            advance()
            advance()
            exists = false
        }
        if accept("TOPIC") {
            hit("assertTopic")
            let name = try resourceName()
            var props = Properties()
            if accept("WITH") { props = try properties() }
            return .assertTopic(name: name, exists: exists, properties: props, timeout: try timeout())
        }
        if accept("SCHEMA") {
            hit("assertSchema")
            var subject: String?
            var id: Int?
            if accept("SUBJECT") { subject = try resourceName() }
            if accept("ID") {
                let loc = current.location
                guard case .integer(let v) = try literal() else {
                    throw error("ID must be an integer", at: loc)
                }
                id = Int(v)
            }
            if subject == nil && id == nil {
                throw error("ASSERT SCHEMA statements must include a subject name or an id", at: current.location)
            }
            return .assertSchema(subject: subject, id: id, exists: exists, timeout: try timeout())
        }
        guard exists else { throw mismatched(expecting: ["'TOPIC'", "'SCHEMA'"]) }
        guard allowTestStatements else {
            // Several statements start with ASSERT, so ANTLR finds no viable alternative here.
            let at = current.location
            throw syntaxError("Syntax error at or near \(display(current)) at line \(at.line):\(at.column)", at: current)
        }
        hit("assertStatement")
        if current.isKeyword("NULL"), peek().isKeyword("VALUES") {
            advance()
            advance()
            let target = try sourceName()
            let columns = current.isSymbol("(") ? try columnList() : []
            try expect("KEY")
            return .assertTombstone(InsertValues(target: target, columns: columns, values: try valuesList()))
        }
        if accept("VALUES") {
            let target = try sourceName()
            let columns = current.isSymbol("(") ? try columnList() : []
            try expect("VALUES")
            return .assertValues(InsertValues(target: target, columns: columns, values: try valuesList()))
        }
        let kind: SourceKind
        if accept("STREAM") {
            kind = .stream
        } else if accept("TABLE") {
            kind = .table
        } else {
            throw mismatched(expecting: ["'TOPIC'", "'SCHEMA'", "'VALUES'", "'NULL'", "'STREAM'", "'TABLE'"])
        }
        let name = try sourceName()
        var elements: [TableElement] = []
        if current.isSymbol("(") { elements = try tableElements(kind: nil) }
        var props = Properties()
        if accept("WITH") { props = try properties() }
        return .assertSource(CreateSource(kind: kind, name: name, elements: elements, properties: props))
    }

    /// [TIMEOUT n unit].
    private mutating func timeout() throws -> WindowDuration? {
        guard accept("TIMEOUT") else { return nil }
        hit("timeout")
        return try duration("TIMEOUT")
    }
}

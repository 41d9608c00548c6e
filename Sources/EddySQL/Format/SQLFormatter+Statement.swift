import EddyCore

extension SQLFormatter {
    /// The statement as canonical SQL, without the trailing semicolon.
    public static func format(_ statement: Statement) -> String {
        switch statement {
        case .query(let q):
            return format(q)
        case .createSource(let c):
            return formatCreateSource(c, verb: "CREATE")
        case .createAsSelect(let c):
            var s = "CREATE " + (c.orReplace ? "OR REPLACE " : "") + c.kind.rawValue + " "
            if c.ifNotExists { s += "IF NOT EXISTS " }
            s += c.name.sql
            if !c.properties.isEmpty { s += " WITH " + format(c.properties) }
            return s + " AS " + format(c.query)
        case .insertInto(let i):
            var s = "INSERT INTO " + i.target.sql
            if !i.properties.isEmpty { s += " WITH " + format(i.properties) }
            return s + " " + format(i.query)
        case .insertValues(let v):
            return "INSERT INTO " + formatValues(v, keyword: "VALUES")
        case .dropSource(let kind, let name, let ifExists, let deleteTopic):
            return "DROP \(kind.rawValue) " + (ifExists ? "IF EXISTS " : "") + name.sql + (deleteTopic ? " DELETE TOPIC" : "")
        case .createType(let name, let type, let ifNotExists):
            return "CREATE TYPE " + (ifNotExists ? "IF NOT EXISTS " : "") + name.sql + " AS " + format(type)
        case .dropType(let name, let ifExists):
            return "DROP TYPE " + (ifExists ? "IF EXISTS " : "") + name.sql
        case .alterSource(let kind, let name, let columns):
            return "ALTER \(kind.rawValue) \(name.sql) "
                + columns.map { "ADD COLUMN \(quoteIdentifier($0.name.value)) \(format($0.type))" }.joined(separator: ", ")
        case .createConnector(let type, let name, let ifNotExists, let properties):
            return "CREATE \(type.rawValue) CONNECTOR " + (ifNotExists ? "IF NOT EXISTS " : "") + name.sql
                + " WITH " + format(properties)
        case .dropConnector(let name, let ifExists):
            return "DROP CONNECTOR " + (ifExists ? "IF EXISTS " : "") + name.sql
        case .terminate(let t): return "TERMINATE " + format(t)
        case .pause(let t): return "PAUSE " + format(t)
        case .resume(let t): return "RESUME " + format(t)
        case .list(let target): return "SHOW " + format(target)
        case .describeSource(let name, let extended):
            // An unquoted TABLES would read as DESCRIBE TABLES.
            let rendered = name.value == "TABLES" ? "`TABLES`" : name.sql
            return "DESCRIBE " + rendered + (extended ? " EXTENDED" : "")
        case .describeStreams(let extended): return "DESCRIBE STREAMS" + (extended ? " EXTENDED" : "")
        case .describeTables(let extended): return "DESCRIBE TABLES" + (extended ? " EXTENDED" : "")
        case .describeFunction(let name): return "DESCRIBE FUNCTION " + quoteIdentifier(name)
        case .describeConnector(let name): return "DESCRIBE CONNECTOR " + name.sql
        case .print(let p):
            var s = "PRINT " + quoteString(p.topic)
            if p.fromBeginning { s += " FROM BEGINNING" }
            if let i = p.interval { s += " INTERVAL \(i)" }
            if let l = p.limit { s += " LIMIT \(l)" }
            return s
        case .explainStatement(let inner): return "EXPLAIN " + format(inner)
        case .explainQuery(let id): return "EXPLAIN " + quoteIdentifier(id)
        case .setProperty(let name, let value): return "SET \(quoteString(name))=\(quoteString(value))"
        case .alterSystem(let name, let value): return "ALTER SYSTEM \(quoteString(name))=\(quoteString(value))"
        case .unsetProperty(let name): return "UNSET " + quoteString(name)
        case .defineVariable(let name, let value): return "DEFINE \(name)=\(quoteString(value))"
        case .undefineVariable(let name): return "UNDEFINE " + name
        case .assertTopic(let name, let exists, let properties, let timeout):
            var s = "ASSERT " + (exists ? "" : "NOT EXISTS ") + "TOPIC " + quoteString(name)
            if !properties.isEmpty { s += " WITH " + format(properties) }
            if let timeout { s += " TIMEOUT " + format(timeout) }
            return s
        case .assertSchema(let subject, let id, let exists, let timeout):
            var s = "ASSERT " + (exists ? "" : "NOT EXISTS ") + "SCHEMA"
            if let subject { s += " SUBJECT " + quoteString(subject) }
            if let id { s += " ID \(id)" }
            if let timeout { s += " TIMEOUT " + format(timeout) }
            return s
        case .assertValues(let v): return "ASSERT VALUES " + formatValues(v, keyword: "VALUES")
        case .assertTombstone(let v): return "ASSERT NULL VALUES " + formatValues(v, keyword: "KEY")
        case .assertSource(let c): return formatCreateSource(c, verb: "ASSERT")
        case .runScript(let path): return "RUN SCRIPT " + quoteString(path)
        }
    }

    /// The statement with its terminating semicolon, as a script line.
    public static func formatStatement(_ statement: Statement) -> String { format(statement) + ";" }

    private static func formatCreateSource(_ c: CreateSource, verb: String) -> String {
        var s = verb + " "
        if c.orReplace { s += "OR REPLACE " }
        if c.isSource { s += "SOURCE " }
        s += c.kind.rawValue + " "
        if c.ifNotExists { s += "IF NOT EXISTS " }
        s += c.name.sql
        if !c.elements.isEmpty { s += " (" + c.elements.map(format).joined(separator: ", ") + ")" }
        if !c.properties.isEmpty { s += " WITH " + format(c.properties) }
        return s
    }

    private static func formatValues(_ v: InsertValues, keyword: String) -> String {
        var s = v.target.sql
        if !v.columns.isEmpty { s += " (" + v.columns.map(\.sql).joined(separator: ", ") + ")" }
        return s + " \(keyword) (" + v.values.map(format).joined(separator: ", ") + ")"
    }

    private static func format(_ target: QueryTarget) -> String {
        switch target {
        case .all: "ALL"
        case .id(let id): quoteIdentifier(id)
        }
    }

    private static func format(_ target: ListTarget) -> String {
        switch target {
        case .streams(let e): "STREAMS" + (e ? " EXTENDED" : "")
        case .tables(let e): "TABLES" + (e ? " EXTENDED" : "")
        case .topics(let all, let e): (all ? "ALL " : "") + "TOPICS" + (e ? " EXTENDED" : "")
        case .queries(let e): "QUERIES" + (e ? " EXTENDED" : "")
        case .properties: "PROPERTIES"
        case .functions: "FUNCTIONS"
        case .types: "TYPES"
        case .variables: "VARIABLES"
        case .connectors(let type): (type.map { $0.rawValue + " " } ?? "") + "CONNECTORS"
        case .connectorPlugins: "CONNECTOR PLUGINS"
        }
    }
}

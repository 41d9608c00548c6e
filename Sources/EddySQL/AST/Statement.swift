import EddyCore

/// A top-level SQL statement.
public indirect enum Statement: Sendable, Hashable {
    /// A bare SELECT: a pull query, or a push query with EMIT.
    case query(Query)
    /// CREATE [OR REPLACE] [SOURCE] STREAM|TABLE [IF NOT EXISTS] name [(elements)] [WITH (…)].
    case createSource(CreateSource)
    /// CREATE [OR REPLACE] STREAM|TABLE [IF NOT EXISTS] name [WITH (…)] AS SELECT ….
    case createAsSelect(CreateAsSelect)
    /// INSERT INTO name [WITH (…)] SELECT ….
    case insertInto(InsertInto)
    /// INSERT INTO name [(columns)] VALUES (…).
    case insertValues(InsertValues)
    /// DROP STREAM|TABLE [IF EXISTS] name [DELETE TOPIC].
    case dropSource(kind: SourceKind, name: Identifier, ifExists: Bool, deleteTopic: Bool)
    /// CREATE TYPE [IF NOT EXISTS] name AS type.
    case createType(name: Identifier, type: TypeSyntax, ifNotExists: Bool)
    /// DROP TYPE [IF EXISTS] name.
    case dropType(name: Identifier, ifExists: Bool)
    /// ALTER STREAM|TABLE name ADD [COLUMN] name type, ….
    case alterSource(kind: SourceKind, name: Identifier, columns: [TableElement])
    /// CREATE SOURCE|SINK CONNECTOR [IF NOT EXISTS] name WITH (…).
    case createConnector(type: ConnectorType, name: Identifier, ifNotExists: Bool, properties: Properties)
    /// DROP CONNECTOR [IF EXISTS] name.
    case dropConnector(name: Identifier, ifExists: Bool)
    /// TERMINATE queryId | TERMINATE ALL.
    case terminate(QueryTarget)
    /// PAUSE queryId | PAUSE ALL.
    case pause(QueryTarget)
    /// RESUME queryId | RESUME ALL.
    case resume(QueryTarget)
    /// SHOW | LIST ….
    case list(ListTarget)
    /// DESCRIBE name [EXTENDED].
    case describeSource(name: Identifier, extended: Bool)
    /// DESCRIBE STREAMS [EXTENDED].
    case describeStreams(extended: Bool)
    /// DESCRIBE TABLES [EXTENDED].
    case describeTables(extended: Bool)
    /// DESCRIBE FUNCTION name. The name is kept as written, upper-cased.
    case describeFunction(name: String)
    /// DESCRIBE CONNECTOR name.
    case describeConnector(name: Identifier)
    /// PRINT topic [FROM BEGINNING] [INTERVAL|SAMPLE n] [LIMIT n].
    case print(PrintTopic)
    /// EXPLAIN statement.
    case explainStatement(Statement)
    /// EXPLAIN queryId.
    case explainQuery(id: String)
    /// SET 'name' = 'value'.
    case setProperty(name: String, value: String)
    /// ALTER SYSTEM 'name' = 'value'.
    case alterSystem(name: String, value: String)
    /// UNSET 'name'.
    case unsetProperty(name: String)
    /// DEFINE name = 'value'.
    case defineVariable(name: String, value: String)
    /// UNDEFINE name.
    case undefineVariable(name: String)
    /// ASSERT [NOT EXISTS] TOPIC name [WITH (…)] [TIMEOUT n unit].
    case assertTopic(name: String, exists: Bool, properties: Properties, timeout: WindowDuration?)
    /// ASSERT [NOT EXISTS] SCHEMA [SUBJECT name] [ID n] [TIMEOUT n unit].
    case assertSchema(subject: String?, id: Int?, exists: Bool, timeout: WindowDuration?)
    /// ASSERT VALUES name [(columns)] VALUES (…) — test runner only.
    case assertValues(InsertValues)
    /// ASSERT NULL VALUES name [(key columns)] KEY (…) — test runner only.
    case assertTombstone(InsertValues)
    /// ASSERT STREAM|TABLE name [(elements)] [WITH (…)] — test runner only.
    case assertSource(CreateSource)
    /// RUN SCRIPT 'path'.
    case runScript(path: String)
}

public enum SourceKind: String, Sendable, Hashable {
    case stream = "STREAM"
    case table = "TABLE"
}

public enum ConnectorType: String, Sendable, Hashable {
    case source = "SOURCE"
    case sink = "SINK"
}

public enum QueryTarget: Sendable, Hashable {
    case all
    /// A query id as written (ksqlDB does not upper-case or unquote-fold query ids specially).
    case id(String)
}

public enum ListTarget: Sendable, Hashable {
    case streams(extended: Bool)
    case tables(extended: Bool)
    case topics(all: Bool, extended: Bool)
    case queries(extended: Bool)
    case properties
    case functions
    case types
    case variables
    /// nil lists every connector.
    case connectors(ConnectorType?)
    case connectorPlugins
}

public struct CreateSource: Sendable, Hashable {
    public var kind: SourceKind
    public var name: Identifier
    public var elements: [TableElement]
    public var properties: Properties
    public var orReplace: Bool
    public var ifNotExists: Bool
    /// CREATE SOURCE STREAM/TABLE: a read-only source.
    public var isSource: Bool

    public init(kind: SourceKind, name: Identifier, elements: [TableElement] = [], properties: Properties = Properties(),
                orReplace: Bool = false, ifNotExists: Bool = false, isSource: Bool = false) {
        self.kind = kind
        self.name = name
        self.elements = elements
        self.properties = properties
        self.orReplace = orReplace
        self.ifNotExists = ifNotExists
        self.isSource = isSource
    }
}

public struct CreateAsSelect: Sendable, Hashable {
    public var kind: SourceKind
    public var name: Identifier
    public var properties: Properties
    public var query: Query
    public var orReplace: Bool
    public var ifNotExists: Bool

    public init(kind: SourceKind, name: Identifier, properties: Properties = Properties(), query: Query,
                orReplace: Bool = false, ifNotExists: Bool = false) {
        self.kind = kind
        self.name = name
        self.properties = properties
        self.query = query
        self.orReplace = orReplace
        self.ifNotExists = ifNotExists
    }
}

public struct InsertInto: Sendable, Hashable {
    public var target: Identifier
    public var properties: Properties
    public var query: Query

    public init(target: Identifier, properties: Properties = Properties(), query: Query) {
        self.target = target
        self.properties = properties
        self.query = query
    }
}

public struct InsertValues: Sendable, Hashable {
    public var target: Identifier
    /// Empty when no column list was given.
    public var columns: [Identifier]
    public var values: [Expression]

    public init(target: Identifier, columns: [Identifier] = [], values: [Expression]) {
        self.target = target
        self.columns = columns
        self.values = values
    }
}

public struct PrintTopic: Sendable, Hashable {
    /// The topic name: quoted strings and quoted identifiers as written, bare identifiers as written
    /// too (topic names are case-sensitive; the engine falls back to a case-insensitive match).
    public var topic: String
    public var fromBeginning: Bool
    public var interval: Int?
    public var limit: Int?

    public init(topic: String, fromBeginning: Bool = false, interval: Int? = nil, limit: Int? = nil) {
        self.topic = topic
        self.fromBeginning = fromBeginning
        self.interval = interval
        self.limit = limit
    }
}

/// One parsed statement with the exact source text it came from.
public struct ParsedStatement: Sendable, Hashable {
    public var statement: Statement
    /// The statement's text, from its first token through its terminating semicolon.
    @Uncompared public var text: String
    @Uncompared public var location: SourceLocation

    public init(statement: Statement, text: String, location: SourceLocation) {
        self.statement = statement
        self.text = text
        self.location = location
    }
}

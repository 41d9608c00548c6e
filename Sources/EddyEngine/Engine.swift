import EddyCore
import EddyFormats
import EddyFunctions
import EddyPlanner
import EddyRuntime
import EddySchemaRegistry
import EddySQL

/// Executes statements against a catalog, the in-memory broker and running queries.
/// Statement execution is serialised by the caller (the REPL, the HTTP server or the test runner).
public final class Engine {
    public var catalog = Catalog()
    public let broker: InMemoryBroker
    public let functions: FunctionRegistry
    public var formats: FormatRegistry
    /// Where AVRO (and the other schema-registry formats) keep their schemas.
    public let schemaRegistry: any SchemaRegistryClient
    public let processingLog: ProcessingLog
    public var properties: [String: String]
    public var variables: [String: String] = [:]
    public private(set) var queries: [PersistentQuery] = []
    /// Topics the engine creates for sinks get this many partitions unless told otherwise.
    public var defaultPartitions = 1
    private var nextQueryNumber = 0

    public init(broker: InMemoryBroker = InMemoryBroker(), functions: FunctionRegistry = .builtin,
                formats: FormatRegistry = .builtIn, properties: [String: String] = [:],
                processingLog: ProcessingLog = ProcessingLog(),
                schemaRegistry: any SchemaRegistryClient = InMemorySchemaRegistry.withFormatSupport()) {
        self.broker = broker
        self.functions = functions
        self.formats = formats
        self.schemaRegistry = schemaRegistry
        // An invalid `eddy.avro.codec` is rejected where configuration is read (the CLI).
        let avroCodec = (try? AvroCodec(properties: properties)) ?? .default
        for f in FormatRegistry.schemaRegistryFormats(schemaRegistry, avroCodec: avroCodec) where !formats.contains(f.name) {
            self.formats.register(f)
        }
        self.properties = properties
        self.processingLog = processingLog
    }

    /// Parses and executes every statement in `text`, in order. Stops at the first failure.
    @discardableResult
    public func execute(_ text: String) throws -> [StatementResult] {
        let substituted = try VariableSubstitution.substitute(text, variables: variables)
        let statements = try SQLParser.parse(substituted, requireSemicolon: false)
        var results: [StatementResult] = []
        for parsed in statements {
            do {
                results.append(try execute(parsed))
            } catch var error as EddyError {
                if error.statementText == nil { error.statementText = parsed.text }
                throw error
            }
        }
        return results
    }

    public func execute(_ parsed: ParsedStatement) throws -> StatementResult {
        switch parsed.statement {
        case .createSource(let create):
            return try createSource(create, sql: parsed.text)
        case .createAsSelect(let create):
            return try createAsSelect(create, sql: parsed.text)
        case .insertInto(let insert):
            return try insertInto(insert, sql: parsed.text, at: parsed.location)
        case .insertValues(let insert):
            return try insertValues(insert)
        case .dropSource(let kind, let name, let ifExists, let deleteTopic):
            return try dropSource(kind: kind, name: name.value, ifExists: ifExists, deleteTopic: deleteTopic)
        case .alterSource(let kind, let name, let columns):
            return try alterSource(kind: kind, name: name, columns: columns)
        case .createType(let name, let syntax, let ifNotExists):
            if catalog.type(name.value) != nil {
                if ifNotExists { return .status(message: "Type \(name.value) already exists", queryID: nil) }
                throw EddyError(.execution, "Cannot register custom type '\(name.value)' since it is already registered with type: \(catalog.type(name.value)!)")
            }
            guard let type = syntax.resolve({ self.catalog.type($0) }) else {
                throw EddyError.analysis("Unknown type: \(syntax.firstCustomName ?? syntax.description)")
            }
            catalog.putType(name.value, type)
            return .status(message: "Created type '\(name.value)'", queryID: nil)
        case .dropType(let name, let ifExists):
            guard catalog.type(name.value) != nil else {
                if ifExists { return .status(message: "Type \(name.value) does not exist", queryID: nil) }
                throw EddyError(.execution, "Type \(name.value) does not exist.")
            }
            catalog.removeType(name.value)
            return .status(message: "Dropped type '\(name.value)'", queryID: nil)
        case .setProperty(let name, let value), .alterSystem(let name, let value):
            properties[name] = value
            return .status(message: "Successfully set property '\(name)' to '\(value)'", queryID: nil)
        case .unsetProperty(let name):
            properties[name] = nil
            return .status(message: "Successfully unset property '\(name)'", queryID: nil)
        case .defineVariable(let name, let value):
            variables[name] = value
            return .none
        case .undefineVariable(let name):
            variables[name] = nil
            return .none
        case .terminate(let target):
            return try terminate(target)
        case .pause(let target), .resume(let target):
            let pausing: Bool
            if case .pause = parsed.statement { pausing = true } else { pausing = false }
            for q in try queries(matching: target) { q.state = pausing ? .paused : .running }
            return .status(message: pausing ? "Query paused." : "Query resumed.", queryID: nil)
        case .list(let target):
            return try list(target)
        case .describeSource(let name, let extended):
            return try describe(name.value, extended: extended)
        case .describeFunction(let name):
            // ksqlDB's CLI layout: Name, Author, Overview, Type, Jar and one block per variation.
            return .status(message: try functions.describe(name).cliText, queryID: nil)
        case .explainStatement(let inner):
            return try explain(inner)
        case .explainQuery(let id):
            guard let q = queries.first(where: { $0.id == id }) else { throw EddyError(.execution, "Query with id:\(id) does not exist, use SHOW QUERIES to view the full set of running queries.") }
            return .listing(title: "Query \(q.id)", columns: ["Step", "Properties"], rows: q.runner.steps.map { [$0.type, $0.properties.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")] })
        case .query:
            throw EddyError(.execution, "Push and pull queries run through `eddy` sessions, not as script statements.")
        default:
            throw EddyError(.execution, "Statement not supported yet: \(SQLFormatter.format(parsed.statement))")
        }
    }

    /// Runs every query until its source topics are drained, in creation order, so a query that
    /// reads another's sink sees all of that sink's records (as ksqlDB's test driver does).
    public func runUntilIdle() {
        var progressed = true
        while progressed {
            progressed = false
            for q in queries where q.state == .running {
                // Like Kafka Streams, take the pending record with the lowest time across the
                // query's source topics, so joins see both sides in time order.
                var pending = q.sourceTopics.map { broker.read($0, from: q.positions[$0] ?? 0)[...] }
                var processed = false
                defer { if processed { commit(q) } }
                while true {
                    var pick: Int?
                    for (i, p) in pending.enumerated() {
                        guard let head = p.first else { continue }
                        if pick == nil || head.timestamp < pending[pick!].first!.timestamp { pick = i }
                    }
                    guard let i = pick else { break }
                    let record = pending[i].removeFirst()
                    q.positions[q.sourceTopics[i], default: 0] += 1
                    progressed = true
                    processed = true
                    if let stateful = q.runner as? StatefulRunner {
                        stateful.processLocally(record, broker: broker) { broker.append($0) }
                    } else {
                        q.runner.process(record) { broker.append($0) }
                    }
                }
            }
        }
    }

    /// An analyzer over the current catalog, honouring the session's planner properties.
    public func analyzer(errors: EvaluationErrorSink = .ignore) -> QueryAnalyzer {
        // Configurable functions (e.g. ksql.functions.collect_list.limit) see the session's properties.
        var a = QueryAnalyzer(catalog: catalog, functions: functions.configured(properties), errors: errors)
        a.newQueryPlanner = properties["ksql.new.query.planner.enabled"]?.lowercased() == "true"
        return a
    }

    func newQueryID(prefix: String, sink: String) -> String {
        defer { nextQueryNumber += 1 }
        return "\(prefix)_\(sink)_\(nextQueryNumber)"
    }

    func queries(matching target: QueryTarget) throws -> [PersistentQuery] {
        switch target {
        case .all: return queries
        case .id(let id):
            guard let q = queries.first(where: { $0.id.uppercased() == id.uppercased() }) else {
                throw EddyError(.execution, "Unknown queryId: \(id)")
            }
            return [q]
        }
    }

    func terminate(_ target: QueryTarget) throws -> StatementResult {
        let victims = try queries(matching: target)
        let ids = Set(victims.map(\.id))
        queries.removeAll { ids.contains($0.id) }
        for name in catalog.sourceOrder {
            guard var s = catalog.source(name) else { continue }
            s.writerQueryIDs.removeAll { ids.contains($0) }
            catalog.put(s)
        }
        return .status(message: "Query terminated.", queryID: nil)
    }

    func addQuery(_ query: PersistentQuery) {
        queries.append(query)
    }
}

import EddyCore
import EddyEngine
import EddyRuntime
import EddySQL
import EddySchemaRegistry
import Logging
import Synchronization

/// Runs statements against an engine on Kafka, the way `eddy server` does with its queries
/// file: DDL and persistent queries execute in order (each followed by `KafkaRuntime.sync`),
/// and every `SELECT … EMIT CHANGES` starts streaming its rows to `output` in the background.
///
/// Engine and runtime are not thread-safe and their topic calls block: call `run` and
/// `shutdown` from one dedicated thread (`onDedicatedThread` from async code).
public final class ServerSession: @unchecked Sendable {
    public let runtime: KafkaRuntime
    public let engine: Engine
    private let output: @Sendable (String) -> Void
    private let logger: Logger
    public private(set) var pushQueries: [KafkaPushQuery] = []

    public init(runtime: KafkaRuntime, properties: [String: String] = [:], processingLog: ProcessingLog,
                schemaRegistry: (any SchemaRegistryClient)? = nil,
                logger: Logger, output: @escaping @Sendable (String) -> Void) {
        var defaults = ["ksql.persistence.default.format.value": "JSON"]
        defaults.merge(properties) { $1 }
        self.runtime = runtime
        engine = runtime.makeEngine(properties: defaults, processingLog: processingLog, schemaRegistry: schemaRegistry)
        self.output = output
        self.logger = logger
    }

    /// Executes every statement of `script`. A failing statement is reported to `output`; with
    /// `stopOnError` (headless mode, as ksqlDB refuses a bad queries file) it is thrown instead.
    public func run(script: String, stopOnError: Bool = false) throws {
        let substituted = try VariableSubstitution.substitute(script, variables: engine.variables)
        for parsed in try SQLParser.parse(substituted, requireSemicolon: false) {
            do {
                try execute(parsed)
            } catch {
                var failure = error as? EddyError ?? EddyError(.execution, "\(error)")
                if failure.statementText == nil { failure.statementText = parsed.text }
                if stopOnError { throw failure }
                output(failure.renderedWithCaret)
            }
        }
    }

    private func execute(_ parsed: ParsedStatement) throws {
        if case .query(let query) = parsed.statement {
            try startPushQuery(query)
            return
        }
        let result = try engine.execute(parsed)
        if let failure = engine.broker.takeBackendError() {
            throw EddyError(.execution, "\(failure)")
        }
        try runtime.sync(engine)
        switch result {
        case .status(let message, _): output(message)
        case .listing(let title, let columns, let rows):
            output(title + "\n" + TableRenderer.render(columns: columns, rows: rows))
        case .rows(let schema, let rows):
            output(TableRenderer.render(columns: schema.columns.map(\.name), rows: rows.map { $0.map(\.displayText) }))
        case .none: break
        }
    }

    private func startPushQuery(_ query: Query) throws {
        let push = try KafkaPushQuery(query: query, engine: engine, runtime: runtime, logger: logger)
        let label = Self.label(of: query)
        let columns = push.schema.columns.map(\.name)
        output("\(label)> push query \(push.queryID): " + columns.joined(separator: " | "))
        let output = self.output
        push.start(
            onRow: { row in output("\(label)> | " + row.map(\.displayText).joined(separator: " | ") + " |") },
            onEnd: { output("\(label)> push query \(push.queryID) ended") })
        pushQueries.append(push)
    }

    /// Cancels push queries, stops persistent queries (committing their offsets).
    public func shutdown() {
        for push in pushQueries { push.cancel() }
        for push in pushQueries { push.wait(timeout: 10) }
        pushQueries.removeAll()
        runtime.stopAll()
    }

    private static func label(of query: Query) -> String { query.from.source.name.value }
}

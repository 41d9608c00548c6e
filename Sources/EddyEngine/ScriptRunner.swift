import EddyCore
import EddyPlanner
import EddyRuntime
import EddySQL
import EddyFormats

/// Runs a .sql script on the in-memory engine: statements execute in order, and each
/// `SELECT … EMIT CHANGES` prints the rows produced so far from the earliest offset.
public struct ScriptRunner {
    public let engine: Engine

    public init(engine: Engine = Engine(properties: ["ksql.persistence.default.format.value": "JSON"])) {
        self.engine = engine
    }

    public func run(_ text: String, output: (String) -> Void) throws {
        let substituted = try VariableSubstitution.substitute(text, variables: engine.variables)
        for parsed in try SQLParser.parse(substituted, requireSemicolon: false) {
            do {
                if case .query(let query) = parsed.statement {
                    engine.runUntilIdle()
                    let (schema, rows) = try engine.scan(query)
                    output(TableRenderer.render(columns: schema.columns.map(\.name), rows: rows.map { $0.map(\.displayText) }))
                    continue
                }
                let result = try engine.execute(parsed)
                engine.runUntilIdle()
                switch result {
                case .status(let message, _): output(message)
                case .listing(let title, let columns, let rows): output(title + "\n" + TableRenderer.render(columns: columns, rows: rows))
                case .rows(let schema, let rows):
                    output(TableRenderer.render(columns: schema.columns.map(\.name), rows: rows.map { $0.map(\.displayText) }))
                case .none: break
                }
            } catch var error as EddyError {
                if error.statementText == nil { error.statementText = parsed.text }
                throw error
            }
        }
    }
}

extension Engine {
    /// A push query over what the source topic holds now, from the earliest offset, up to LIMIT.
    public func scan(_ query: Query) throws -> (LogicalSchema, [[Value]]) {
        if query.isPullQuery { try PullQueryValidator(properties: properties).validateClauses(query) }
        if analyzer().isStateful(query) { return try statefulQuery(query) }
        let plan = try analyzer(errors: errorSink(for: "push")).analyze(query, sink: .client)
        let task = try StreamQueryTask(queryID: "push", plan: plan, sink: nil, formats: formats, log: processingLog)
        var rows: [[Value]] = []
        let scalable = isScalablePush(query)
        let keyed = !plan.source.source.schema.keyColumns.isEmpty
        for record in broker.read(plan.source.source.topic) {
            if let limit = plan.limit, rows.count >= limit { break }
            if scalable, Self.scalablePushSkips(record, keyed: keyed) { continue }
            task.process(record) { key, value, _ in if let value { rows.append(key + value) } }
        }
        if let limit = plan.limit, rows.count > limit { rows.removeLast(rows.count - limit) }
        return (plan.outputSchema, rows)
    }
}

/// Plain-text tables, as the ksqlDB CLI prints them.
public enum TableRenderer {
    public static func render(columns: [String], rows: [[String]]) -> String {
        var widths = columns.map(\.count)
        for row in rows { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        let line = "+" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "+") + "+"
        func format(_ cells: [String]) -> String {
            "|" + cells.enumerated().map { i, c in " " + c.padding(toLength: widths[i], withPad: " ", startingAt: 0) + " " }.joined(separator: "|") + "|"
        }
        return ([line, format(columns), line] + rows.map(format) + [line]).joined(separator: "\n")
    }
}

extension Value {
    /// How the CLI shows a value.
    public var displayText: String {
        switch self {
        case .null: return "null"
        case .string(let s): return s
        default:
            var out: [UInt8] = []
            JSONValueWriter.write(self, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }
}

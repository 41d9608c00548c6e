import EddyCore
import EddyEngine
import EddyPlanner
import EddyRuntime
import EddySQL

/// Runs a `--@test` SQL case: statements execute in order, each INSERT VALUES flows through the
/// running queries at once, and ASSERT statements check the next unread record of a source's
/// topic, a tombstone, or a source's definition.
struct ScriptCaseRunner {
    let engine: Engine
    /// Records of each topic already consumed by ASSERT VALUES.
    private var cursors: [String: Int] = [:]

    init(engine: Engine) { self.engine = engine }

    mutating func run(_ script: String) throws {
        for statement in SQLParser.split(script) {
            // Earlier lines become blank lines, so positions count from the case's first line.
            let text = String(repeating: "\n", count: statement.location.line - 1) + statement.text
            let parsed = try SQLParser.parse(text, requireSemicolon: false, testStatements: true)
            for p in parsed {
                switch p.statement {
                case .assertValues(let values):
                    try assertRecord(values, tombstone: false)
                case .assertTombstone(let values):
                    try assertRecord(values, tombstone: true)
                case .assertSource(let create):
                    try assertSource(create)
                case .createSource(let create):
                    // The test tool creates the topics a case's sources name, as QTT cases do.
                    if let topic = create.properties.string("KAFKA_TOPIC"), engine.broker.topic(topic) == nil {
                        engine.broker.createTopic(topic, partitions: Int(create.properties["PARTITIONS"]?.integerValue ?? 1))
                    }
                    try execute(text)
                default:
                    try execute(text)
                }
            }
        }
    }

    private func execute(_ text: String) throws {
        try engine.execute(text)
        engine.runUntilIdle()
    }

    private mutating func assertRecord(_ values: InsertValues, tombstone: Bool) throws {
        engine.runUntilIdle()
        let (source, expected, expectedTime) = try engine.evaluateValues(values, asserting: true)
        let records = engine.broker.read(source.topic)
        let position = cursors[source.topic, default: 0]
        let shown = "\(source.name) (\(values.columns.map(\.value).joined(separator: ", ")))"
        guard position < records.count else {
            throw ComparisonFailure(message: "Expected another record (\(shown)) for topic \(source.topic) but already read all records")
        }
        cursors[source.topic] = position + 1
        let record = records[position]
        let (key, value) = try engine.decodeRecord(record, of: source)
        var actual: [String: Value] = [:]
        for (c, v) in zip(source.schema.keyColumns, key) { actual[c.name] = v }
        if let value {
            for (c, v) in zip(source.schema.columns.filter { $0.namespace == .value }, value) { actual[c.name] = v }
        }
        var mismatches: [String] = []
        if tombstone, value != nil { mismatches.append("value: expected a tombstone") }
        if !tombstone, value == nil { mismatches.append("value: expected a row but got a tombstone") }
        if let t = expectedTime, t != record.timestamp { mismatches.append("ROWTIME: expected \(t) but was \(record.timestamp)") }
        for (name, v) in expected.sorted(by: { $0.key < $1.key }) {
            let a = actual[name] ?? .null
            if !Self.same(v, a) { mismatches.append("\(name): expected \(v) but was \(a)") }
        }
        if !mismatches.isEmpty {
            throw ComparisonFailure(message: "Expected record does not match actual for \(shown) at offset \(position): "
                + mismatches.joined(separator: "; "))
        }
    }

    /// Doubles compare within a relative 1e-9, as values computed by different float paths may
    /// differ in the last bit; everything else compares exactly.
    static func same(_ a: Value, _ b: Value) -> Bool {
        if case .double(let x) = a, case .double(let y) = b {
            return x == y || abs(x - y) <= 1e-9 * max(abs(x), abs(y))
        }
        return a == b
    }

    private func assertSource(_ create: CreateSource) throws {
        let name = create.name.value
        guard let actual = engine.catalog.source(name) else {
            throw EddyError(.execution, "Expected source \(name) does not exist")
        }
        var expectedCreate = create
        expectedCreate.ifNotExists = false
        let expected = try engine.expectedSource(expectedCreate)
        func fail(_ what: String, _ e: String, _ a: String) -> EddyError {
            EddyError(.execution, "Expected \(what) does not match actual for source \(name).\n\tExpected: \(e)\n\tActual: \(a)")
        }
        if expected.kind != actual.kind { throw fail("type", expected.kind.rawValue, actual.kind.rawValue) }
        if expected.schema != actual.schema {
            throw EddyError(.execution, "Expected schema does not match actual for source \(name).\n\tExpected: \(expected.schema)\n\tActual: \(actual.schema)")
        }
        if expected.topic != actual.topic { throw fail("kafka topic", expected.topic, actual.topic) }
        if expected.keyFormat.format != actual.keyFormat.format {
            throw fail("key format", expected.keyFormat.format, actual.keyFormat.format)
        }
        if expected.valueFormat.format != actual.valueFormat.format {
            throw fail("value format", expected.valueFormat.format, actual.valueFormat.format)
        }
        if expected.timestampColumn != actual.timestampColumn {
            throw fail("timestamp column", expected.timestampColumn ?? "none", actual.timestampColumn ?? "none")
        }
        if expected.timestampFormat != actual.timestampFormat {
            throw fail("timestamp format", expected.timestampFormat ?? "none", actual.timestampFormat ?? "none")
        }
        if expected.valueFeatures != actual.valueFeatures {
            throw fail("serde options", "\(expected.valueFeatures)", "\(actual.valueFeatures)")
        }
    }
}

import EddyCore
import EddyEngine
import EddyFormats
import EddyFunctions
import EddyPlanner
import EddyRuntime
import EddySQL
import EddySchemaRegistry
import EddyTestExtensions

/// The outcome of one conformance case.
public struct CaseOutcome: Sendable {
    public enum Status: String, Sendable { case pass, fail, skip }
    public var file: String
    public var name: String
    public var status: Status
    public var message: String
}

/// Runs one QTT case on a fresh in-memory engine, the way ksqlDB's TestExecutor does: execute the
/// statements, write the inputs, let every query drain its sources, then compare each expected
/// output topic record by record.
public struct CaseRunner {
    public var functions: FunctionRegistry
    /// The AVRO binary layer every case runs through (`eddy test --avro-codec`).
    public var avroCodec: AvroCodec

    /// Defaults to the builtins plus the functions ksqlDB's own tests define (see `EddyTestExtensions`).
    public init(functions: FunctionRegistry = TestExtensions.registry, avroCodec: AvroCodec = .default) {
        self.functions = functions
        self.avroCodec = avroCodec
    }

    public func run(_ c: ConformanceCase) -> CaseOutcome {
        if let reason = c.skipReason { return outcome(c, .skip, reason) }
        // One in-process registry per case, reached through the same formats production uses.
        let registry = InMemorySchemaRegistry.withFormatSupport()
        // ksqlDB's test driver runs with this service id; internal topic names (and their
        // registered schemas, which `post.topics` checks) include it.
        var properties = c.properties
        if properties["ksql.service.id"] == nil { properties["ksql.service.id"] = "some.ksql.service.id" }
        // ksqlDB's REST query tests run with scalable push queries on (RestQueryTranslationTest).
        if RestCaseRunner.applies(to: c), properties["ksql.query.push.v2.enabled"] == nil {
            properties["ksql.query.push.v2.enabled"] = "true"
        }
        let engine = Engine(functions: functions, formats: .withSchemaRegistry(registry, avroCodec: avroCodec), properties: properties,
                            schemaRegistry: registry)
        // ksqlDB's REST tests run on a real Kafka cluster where undeclared partition counts default
        // to 4 (QTT's test driver has one partition); ROWPARTITION shows the difference.
        let rest = RestCaseRunner.applies(to: c)
        let defaultPartitions = rest ? RestCaseRunner.defaultPartitions : 1
        for t in c.topics { engine.broker.createTopic(t.name, partitions: t.partitions) }
        if !rest {
            for r in c.inputs + c.outputs where engine.broker.topic(r.topic) == nil {
                engine.broker.createTopic(r.topic, partitions: 1)
            }
        }
        for s in c.statements {
            for (topic, partitions) in Self.declaredTopics(s) where engine.broker.topic(topic) == nil {
                engine.broker.createTopic(topic, partitions: partitions ?? defaultPartitions)
            }
        }
        for r in c.inputs + c.outputs where engine.broker.topic(r.topic) == nil {
            engine.broker.createTopic(r.topic, partitions: defaultPartitions)
        }
        do {
            try registerTopicSchemas(c, engine: engine)
            if let script = c.script {
                var runner = ScriptCaseRunner(engine: engine)
                try runner.run(script)
                if let expected = c.expectedError {
                    return outcome(c, .fail, "expected \(expected.type) \(expected.message.map { "'\($0)'" } ?? "") but the case ran")
                }
                return outcome(c, .pass, "")
            }
            if RestCaseRunner.applies(to: c) { return try RestCaseRunner(engine: engine, runner: self).run(c) }
            // ksqlDB parses a case's statements as one script, so positions count lines from the
            // first statement: each statement is offset by the lines before it.
            var linesBefore = 0
            for statement in c.statements {
                try engine.execute(String(repeating: "\n", count: linesBefore) + statement)
                linesBefore += statement.split(separator: "\n", omittingEmptySubsequences: false).count
            }
            try writeInputs(c, engine: engine)
            if let expected = c.expectedError {
                return outcome(c, .fail, "expected \(expected.type) \(expected.message.map { "'\($0)'" } ?? "") but the case ran")
            }
            try verifyOutputs(c, engine: engine)
            try verifyPostConditions(c, engine: engine)
            try verifyPostTopicSchemas(c, engine: engine)
            return outcome(c, .pass, "")
        } catch let error as EddyError {
            guard let expected = c.expectedError else {
                return outcome(c, .fail, error.renderedWithCaret)
            }
            if let m = expected.message, !error.ksqlMessage.contains(m) {
                return outcome(c, .fail, "expected error containing '\(m)' but got: \(error.ksqlMessage)")
            }
            return outcome(c, .pass, "")
        } catch let failure as ComparisonFailure {
            if let expected = c.expectedError {
                if let m = expected.message, !failure.message.contains(m) {
                    return outcome(c, .fail, "expected error containing '\(m)' but got: \(failure.message)")
                }
                return outcome(c, .pass, "")
            }
            return outcome(c, .fail, failure.message + Self.processingLogText(engine))
        } catch {
            return outcome(c, .fail, "\(error)")
        }
    }

    /// The processing log explains most missing records, so failures show its newest entries.
    static func processingLogText(_ engine: Engine) -> String {
        let entries = engine.processingLog.recent.suffix(5)
        guard !entries.isEmpty else { return "" }
        return "\nProcessing log:\n" + entries.map { "  \($0.queryID): \($0.message)" }.joined(separator: "\n")
    }

    func outcome(_ c: ConformanceCase, _ s: CaseOutcome.Status, _ m: String) -> CaseOutcome {
        CaseOutcome(file: c.file, name: c.name, status: s, message: m)
    }

    /// `KAFKA_TOPIC='x'` and `PARTITIONS=n` of source-creating statements: the test framework
    /// pre-creates the topics that its statements read, as ksqlDB's does.
    static func declaredTopics(_ statement: String) -> [(String, Int?)] {
        guard let parsed = try? SQLParser.parse(statement, requireSemicolon: false) else { return [] }
        return parsed.compactMap { p in
            guard case .createSource(let create) = p.statement, let topic = create.properties.string("KAFKA_TOPIC") else { return nil }
            return (topic, create.properties["PARTITIONS"]?.integerValue.map { Int($0) })
        }
    }

    func writeInputs(_ c: ConformanceCase, engine: Engine) throws {
        let partitioned = RestCaseRunner.applies(to: c)
        for input in c.inputs {
            let codec = try TopicCodec(topic: input.topic, engine: engine)
            let key = try codec.encodeKey(input.key, window: input.window)
            // Without an explicit partition a producer's default partitioner places the record.
            // (QTT's test driver reads every record from partition 0.)
            let partitions = partitioned ? engine.broker.topic(input.topic)?.partitions ?? 1 : 1
            let partition = input.partition ?? key.map { Murmur2Partitioner.partition(for: $0, partitions: partitions) } ?? 0
            let record = KafkaRecord(topic: input.topic, partition: partition, timestamp: input.timestamp ?? 0,
                                     key: key, value: try codec.encodeValue(input.value),
                                     headers: (input.headers ?? []).map { RecordHeader(key: $0.0, value: $0.1) })
            engine.broker.append(record)
            // ksqlDB's driver pushes each input through every topology before the next one, so
            // joins and aggregations see records in the order the case lists them.
            engine.runUntilIdle()
        }
        engine.runUntilIdle()
    }

    func verifyOutputs(_ c: ConformanceCase, engine: Engine) throws {
        var order: [String] = []
        var byTopic: [String: [ConformanceCase.RecordSpec]] = [:]
        for o in c.outputs {
            if byTopic[o.topic] == nil { order.append(o.topic) }
            byTopic[o.topic, default: []].append(o)
        }
        for topic in order {
            let expected = byTopic[topic]!
            let actual = engine.broker.read(topic)
            let codec = try TopicCodec(topic: topic, engine: engine)
            let decoded = try actual.map { r in (r, try codec.decodeWindowedKey(r.key), try codec.decodeValue(r.value)) }
            if decoded.count != expected.count {
                throw ComparisonFailure(message: "Topic \(topic). Expected <\(expected.count)> records but it was <\(decoded.count)>\n"
                    + "Actual records:\n" + decoded.map { "<\($0.1.0.text)\(Self.windowText($0.1.1)), \($0.2.text)> with timestamp=\($0.0.timestamp)" }.joined(separator: "\n"))
            }
            for (i, (e, a)) in zip(expected, decoded).enumerated() {
                let (record, (key, window), value) = a
                let windowOK = e.window == nil || e.window == window
                let timestampOK = e.timestamp == nil || e.timestamp == record.timestamp
                // Headers are compared only when the case lists them, as ksqlDB's runner does.
                let headersOK = e.headers.map { $0.map { RecordHeader(key: $0.0, value: $0.1) } == record.headers } ?? true
                if !ExpectedComparator.matches(key, e.key ?? .null) || !ExpectedComparator.matches(value, e.value)
                    || !timestampOK || !headersOK || !windowOK {
                    throw ComparisonFailure(message: "Topic '\(topic)', message \(i): Expected <\(e.key?.jsonText ?? "null"), \(e.value.jsonText)> with timestamp=\(e.timestamp.map(String.init) ?? "any")\(Self.windowText(e.window)) but was <\(key.text), \(value.text)> with timestamp=\(record.timestamp)\(Self.windowText(window))")
                }
            }
        }
    }

    static func windowText(_ w: ConformanceCase.WindowSpec?) -> String {
        w.map { " window=[\($0.start),\($0.end) \($0.type)]" } ?? ""
    }

    func verifyPostConditions(_ c: ConformanceCase, engine: Engine) throws {
        for post in c.postSources {
            guard let source = engine.catalog.source(post.name.uppercased()) ?? engine.catalog.source(post.name) else {
                throw ComparisonFailure(message: "post: source \(post.name) does not exist")
            }
            if let type = post.type, type.uppercased() != source.kind.rawValue {
                throw ComparisonFailure(message: "post: \(post.name) is a \(source.kind.rawValue), expected \(type)")
            }
            if let schema = post.schema, normalize(schema) != normalize(source.schema.description) {
                throw ComparisonFailure(message: "post: \(post.name) schema is \(source.schema), expected \(schema)")
            }
            if let vf = post.valueFormat, vf.uppercased() != source.valueFormat.format {
                throw ComparisonFailure(message: "post: \(post.name) value format is \(source.valueFormat.format), expected \(vf)")
            }
        }
    }

    /// Schemas compare as text without quoting, spacing or type-name synonyms.
    func normalize(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "`", with: "").replacingOccurrences(of: " ", with: "").uppercased()
        for (from, to) in [("INTEGER", "INT"), ("VARCHAR", "STRING"), ("PRIMARYKEY", "KEY")] { t = t.replacingOccurrences(of: from, with: to) }
        return t
    }
}

struct ComparisonFailure: Error {
    var message: String
}

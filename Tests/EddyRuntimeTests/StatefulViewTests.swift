import EddyCore
import EddyEngine
import EddyRuntime
import Testing

/// The Kafka runtime hands stateful queries `RecordView`s (bytes borrowed from librdkafka) and
/// copies headers only where the runner asks for them. Driven that way, with every repartition
/// record fed back as a view, a query must produce what the in-memory engine produces.
@Suite struct StatefulViewTests {
    static let ddl = [
        "CREATE STREAM ORDERS (ID INT KEY, W INT, V BIGINT, S STRING) WITH (kafka_topic='orders', value_format='JSON');",
        "CREATE TABLE WAREHOUSES (W INT PRIMARY KEY, NAME STRING) WITH (kafka_topic='warehouses', value_format='JSON');",
    ]

    static let queries = [
        // Re-keys through a repartition topic (no record cache: one repartition record per row).
        "CREATE TABLE OUT AS SELECT S, COUNT(*) AS N, SUM(V) AS SV FROM ORDERS WINDOW TUMBLING (SIZE 5 SECONDS) GROUP BY S;",
        // A join: the table's rows land at an offset in the joined row.
        "CREATE STREAM OUT AS SELECT O.W, O.ID, O.V, W.NAME FROM ORDERS O JOIN WAREHOUSES W ON O.W = W.W;",
        // Grouped by the source key: no repartition.
        "CREATE TABLE OUT AS SELECT ID, MAX(V) AS M FROM ORDERS GROUP BY ID;",
    ]

    static func inputs() -> [KafkaRecord] {
        var records: [KafkaRecord] = []
        for w in 0..<3 {
            records.append(KafkaRecord(topic: "warehouses", timestamp: 0, key: [0, 0, 0, UInt8(w)],
                                       value: Array(#"{"NAME":"w\#(w)"}"#.utf8)))
        }
        for i in 0..<60 {
            let value = i % 17 == 5 ? "not json" : #"{"W":\#(i % 4),"V":\#(i * 7 % 23),"S":"s\#(i % 3)"}"#
            records.append(KafkaRecord(topic: "orders", timestamp: Int64(i * 400), key: [0, 0, 0, UInt8(i % 5)],
                                       value: Array(value.utf8)))
        }
        return records
    }

    static func engine(_ query: String) throws -> Engine {
        let e = Engine(broker: InMemoryBroker(), properties: ["ksql.persistence.default.format.value": "JSON"])
        e.broker.createTopic("orders")
        e.broker.createTopic("warehouses")
        for statement in ddl { try e.execute(statement) }
        try e.execute(query)
        return e
    }

    static func text(_ r: KafkaRecord) -> String {
        "\(r.key ?? [])=\(r.value.map { String(decoding: $0, as: UTF8.self) } ?? "null")@\(r.timestamp)"
    }

    @Test(arguments: 0..<queries.count)
    func viewsGiveTheEngineResults(query: Int) throws {
        let reference = try Self.engine(Self.queries[query])
        for r in Self.inputs() {
            reference.broker.append(r)
            reference.runUntilIdle()
        }
        let expected = reference.broker.read("OUT").map(Self.text)
        #expect(!expected.isEmpty)

        let e = try Self.engine(Self.queries[query])
        let runner = try #require(e.queries.first?.runner)
        var out: [String] = []
        var pending: [KafkaRecord] = []
        func emit(_ r: KafkaRecord) {
            if r.topic == "OUT" { out.append(Self.text(r)) } else { pending.append(r) }
        }
        for r in Self.inputs() {
            r.withView { runner.process($0, emit: emit) }
            // Repartition records come back as views, as the Kafka runtime consumes them.
            while !pending.isEmpty {
                let next = e.broker.append(pending.removeFirst())
                next.withView { runner.process($0, emit: emit) }
            }
            runner.endBatch(emit: emit)
        }
        #expect(out == expected)
        #expect(e.processingLog.recent.map(\.message) == reference.processingLog.recent.map(\.message))
    }

    @Test func headersAreCopiedOnlyForHeaderColumns() throws {
        let e = try Self.engine("CREATE TABLE OUT AS SELECT S, COUNT(*) AS N FROM ORDERS GROUP BY S;")
        #expect(e.queries[0].runner.readsHeaders == false)
        try e.execute("CREATE STREAM TRACED (W INT, H BYTES HEADER('h')) WITH (kafka_topic='orders', value_format='JSON');")
        try e.execute("CREATE TABLE OUT2 AS SELECT W, COUNT(*) AS N, COLLECT_LIST(H) AS HS FROM TRACED GROUP BY W;")
        #expect(e.queries[1].runner.readsHeaders == true)
    }
}

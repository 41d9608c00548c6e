import EddyCore
import EddyEngine
import EddyRuntime
import Testing

/// Restarting mid-stream must give the same outputs as an uninterrupted run: stores come back
/// from their changelogs, positions and stream time from the last checkpoint.
@Suite struct StatefulRestartTests {
    struct Scenario {
        var ddl: [String]
        var inputs: [(topic: String, key: String, value: String, time: Int64)]
        var output: String
    }

    static let aggregation = Scenario(
        ddl: ["CREATE STREAM CLICKS (USER STRING KEY, PAGE STRING, MS INT) WITH (kafka_topic='clicks', value_format='JSON');",
              "CREATE TABLE PER_PAGE AS SELECT PAGE, COUNT(*) AS N, SUM(MS) AS TOTAL FROM CLICKS GROUP BY PAGE;"],
        inputs: (0..<12).map { i in ("clicks", "u\(i % 3)", #"{"PAGE":"p\#(i % 4)","MS":\#(i * 10)}"#, Int64(i * 1000)) },
        output: "PER_PAGE")

    static let windowed = Scenario(
        ddl: ["CREATE STREAM CLICKS (USER STRING KEY, PAGE STRING) WITH (kafka_topic='clicks', value_format='JSON');",
              "CREATE TABLE PER_WINDOW AS SELECT USER, COUNT(*) AS N FROM CLICKS WINDOW TUMBLING (SIZE 5 SECONDS, GRACE PERIOD 2 SECONDS) GROUP BY USER;"],
        // Includes a late record (time 1000 after stream time 9000) that must stay dropped after the restart.
        inputs: [0, 1000, 2500, 6000, 9000, 1000, 9500, 12000, 3000, 14000].enumerated().map { i, t in
            ("clicks", "u\(i % 2)", #"{"PAGE":"p"}"#, Int64(t))
        },
        output: "PER_WINDOW")

    static let streamTableJoin = Scenario(
        ddl: ["CREATE TABLE USERS (ID STRING PRIMARY KEY, NAME STRING) WITH (kafka_topic='users', value_format='JSON');",
              "CREATE STREAM CLICKS (USER STRING KEY, PAGE STRING) WITH (kafka_topic='clicks', value_format='JSON');",
              "CREATE STREAM ENRICHED AS SELECT C.USER, C.PAGE, U.NAME FROM CLICKS C LEFT JOIN USERS U ON C.USER = U.ID;"],
        inputs: [("users", "u1", #"{"NAME":"Ann"}"#, 0), ("clicks", "u1", #"{"PAGE":"a"}"#, 1),
                 ("clicks", "u2", #"{"PAGE":"b"}"#, 2), ("users", "u2", #"{"NAME":"Bob"}"#, 3),
                 ("clicks", "u2", #"{"PAGE":"c"}"#, 4), ("users", "u1", #"{"NAME":"Anna"}"#, 5),
                 ("clicks", "u1", #"{"PAGE":"d"}"#, 6), ("clicks", "u3", #"{"PAGE":"e"}"#, 7)],
        output: "ENRICHED")

    /// Outer results wait for the window to close (GRACE PERIOD), so the buffers and the waiting
    /// outer records must both survive a restart.
    static let streamStreamJoin = Scenario(
        ddl: ["CREATE STREAM CLICKS (ID STRING KEY, PAGE STRING) WITH (kafka_topic='clicks', value_format='JSON');",
              "CREATE STREAM VIEWS (ID STRING KEY, SCREEN STRING) WITH (kafka_topic='users', value_format='JSON');",
              "CREATE STREAM PAIRS AS SELECT C.ID, C.PAGE, V.SCREEN FROM CLICKS C LEFT JOIN VIEWS V WITHIN 2 SECONDS GRACE PERIOD 1 SECOND ON C.ID = V.ID;"],
        inputs: [("clicks", "a", #"{"PAGE":"p1"}"#, 0), ("users", "a", #"{"SCREEN":"s1"}"#, 1000),
                 ("clicks", "b", #"{"PAGE":"p2"}"#, 1500), ("clicks", "c", #"{"PAGE":"p3"}"#, 2000),
                 ("users", "c", #"{"SCREEN":"s2"}"#, 3500), ("users", "a", #"{"SCREEN":"s3"}"#, 4000),
                 ("clicks", "a", #"{"PAGE":"p4"}"#, 4500), ("clicks", "d", #"{"PAGE":"p5"}"#, 6000),
                 ("users", "b", #"{"SCREEN":"late"}"#, 1600), ("clicks", "e", #"{"PAGE":"p6"}"#, 9000),
                 ("users", "e", #"{"SCREEN":"s4"}"#, 9500), ("clicks", "f", #"{"PAGE":"p7"}"#, 15000)],
        output: "PAIRS")

    /// Users updates after the restart must find the orders indexed before it.
    static let foreignKeyJoin = Scenario(
        ddl: ["CREATE TABLE ORDERS (OID STRING PRIMARY KEY, UID STRING, AMOUNT INT) WITH (kafka_topic='clicks', value_format='JSON');",
              "CREATE TABLE USERS (ID STRING PRIMARY KEY, NAME STRING) WITH (kafka_topic='users', value_format='JSON');",
              "CREATE TABLE ORDER_USERS AS SELECT O.OID, O.AMOUNT, U.NAME FROM ORDERS O LEFT JOIN USERS U ON O.UID = U.ID;"],
        inputs: [("clicks", "o1", #"{"UID":"u1","AMOUNT":1}"#, 0), ("clicks", "o2", #"{"UID":"u1","AMOUNT":2}"#, 1),
                 ("clicks", "o3", #"{"UID":"u2","AMOUNT":3}"#, 2), ("users", "u1", #"{"NAME":"Ann"}"#, 3),
                 ("users", "u2", #"{"NAME":"Bob"}"#, 4), ("clicks", "o2", #"{"UID":"u2","AMOUNT":5}"#, 5),
                 ("users", "u1", #"{"NAME":"Anna"}"#, 6), ("users", "u2", #"{"NAME":"Bobby"}"#, 7),
                 ("clicks", "o1", "", 8), ("users", "u1", #"{"NAME":"A"}"#, 9)],
        output: "ORDER_USERS")

    /// Each window is emitted once when it closes, whether or not the query restarted in between.
    static let emitFinal = Scenario(
        ddl: ["CREATE STREAM CLICKS (USER STRING KEY, PAGE STRING) WITH (kafka_topic='clicks', value_format='JSON');",
              "CREATE TABLE FINAL_COUNTS AS SELECT USER, COUNT(*) AS N FROM CLICKS WINDOW TUMBLING (SIZE 5 SECONDS, GRACE PERIOD 1 SECOND) GROUP BY USER EMIT FINAL;"],
        inputs: [0, 1000, 2500, 6000, 7000, 9000, 3000, 12500, 13000, 17000, 24000].enumerated().map { i, t in
            ("clicks", "u\(i % 2)", #"{"PAGE":"p"}"#, Int64(t))
        },
        output: "FINAL_COUNTS")

    func start(_ s: Scenario, broker: InMemoryBroker) throws -> Engine {
        let e = Engine(broker: broker, properties: ["ksql.persistence.default.format.value": "JSON"])
        for t in ["clicks", "users"] where broker.topic(t) == nil { broker.createTopic(t) }
        for statement in s.ddl { try e.execute(statement) }
        return e
    }

    func feed(_ s: Scenario, _ range: Range<Int>, _ e: Engine) {
        for i in range {
            let input = s.inputs[i]
            // An empty value is a tombstone.
            let value = input.value.isEmpty ? nil : Array(input.value.utf8)
            e.broker.append(KafkaRecord(topic: input.topic, timestamp: input.time, key: Array(input.key.utf8), value: value))
            e.runUntilIdle()
        }
    }

    /// Output records as text (key bytes, value, time), so a mismatch reads well.
    func outputs(_ s: Scenario, _ broker: InMemoryBroker) -> [String] {
        broker.read(s.output).map { r in
            "\(r.key ?? []) \(r.value.map { String(decoding: $0, as: UTF8.self) } ?? "null") @\(r.timestamp)"
        }
    }

    func check(_ s: Scenario) throws {
        let reference = InMemoryBroker()
        feed(s, 0..<s.inputs.count, try start(s, broker: reference))

        for cut in 1..<s.inputs.count {
            let broker = InMemoryBroker()
            feed(s, 0..<cut, try start(s, broker: broker))
            // A new engine over the same topics: the first one is gone, with all its memory.
            feed(s, cut..<s.inputs.count, try start(s, broker: broker))
            #expect(outputs(s, broker) == outputs(s, reference), "restart after \(cut) inputs")
        }
        #expect(!outputs(s, reference).isEmpty)
    }

    @Test func aggregationSurvivesRestart() throws { try check(Self.aggregation) }
    @Test func windowedAggregationSurvivesRestart() throws { try check(Self.windowed) }
    @Test func streamTableJoinSurvivesRestart() throws { try check(Self.streamTableJoin) }
    @Test func streamStreamJoinSurvivesRestart() throws { try check(Self.streamStreamJoin) }
    @Test func foreignKeyJoinSurvivesRestart() throws { try check(Self.foreignKeyJoin) }
    @Test func emitFinalSurvivesRestart() throws { try check(Self.emitFinal) }

    @Test func changelogTopicIsNamedAsKsqlDB() throws {
        let broker = InMemoryBroker()
        feed(Self.aggregation, 0..<3, try start(Self.aggregation, broker: broker))
        #expect(broker.topicNames.contains("_confluent-ksql-default_query_CTAS_PER_PAGE_0-Aggregate-Materialize-changelog"))
    }
}

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

    func start(_ s: Scenario, broker: InMemoryBroker) throws -> Engine {
        let e = Engine(broker: broker, properties: ["ksql.persistence.default.format.value": "JSON"])
        for t in ["clicks", "users"] where broker.topic(t) == nil { broker.createTopic(t) }
        for statement in s.ddl { try e.execute(statement) }
        return e
    }

    func feed(_ s: Scenario, _ range: Range<Int>, _ e: Engine) {
        for i in range {
            let input = s.inputs[i]
            e.broker.append(KafkaRecord(topic: input.topic, timestamp: input.time, key: Array(input.key.utf8), value: Array(input.value.utf8)))
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

        for cut in [1, s.inputs.count / 2, s.inputs.count - 1] {
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

    @Test func changelogTopicIsNamedAsKsqlDB() throws {
        let broker = InMemoryBroker()
        feed(Self.aggregation, 0..<3, try start(Self.aggregation, broker: broker))
        #expect(broker.topicNames.contains("_confluent-ksql-default_query_CTAS_PER_PAGE_0-Aggregate-Materialize-changelog"))
    }
}

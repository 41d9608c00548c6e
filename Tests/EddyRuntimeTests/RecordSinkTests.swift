import EddyCore
import EddyEngine
import EddyRuntime
import Testing

/// The direct output path (`StreamQueryTask.process(_:into:)`) must write exactly what the
/// `KafkaRecord` path writes: same keys (Kafka nulls included), values, tombstones and times,
/// same records dropped, same processing-log messages and `emitted` count.
@Suite struct RecordSinkTests {
    final class Collector: RecordSink {
        var written: [Output] = []
        func write(key: UnsafeRawBufferPointer?, value: UnsafeRawBufferPointer?, timestamp: Int64) {
            written.append(Output(key: key.map { Array($0) }, value: value.map { Array($0) }, timestamp: timestamp))
        }
    }

    struct Output: Equatable, CustomStringConvertible {
        var key: [UInt8]?
        var value: [UInt8]?
        var timestamp: Int64
        var description: String {
            func text(_ b: [UInt8]?) -> String { b.map { String(decoding: $0, as: UTF8.self) } ?? "null" }
            return "\(text(key))=\(text(value))@\(timestamp)"
        }
    }

    let records: [KafkaRecord] = [
        KafkaRecord(topic: "clicks", partition: 0, offset: 0, timestamp: 10, key: Array("u1".utf8),
                    value: Array(#"{"PAGE":"home","AMOUNT":5}"#.utf8)),
        // A null key, kept as a Kafka null when the query passes the source key through.
        KafkaRecord(topic: "clicks", partition: 1, offset: 0, timestamp: 11, key: nil,
                    value: Array(#"{"PAGE":"cart","AMOUNT":7}"#.utf8)),
        // Dropped by the filter.
        KafkaRecord(topic: "clicks", partition: 0, offset: 1, timestamp: 12, key: Array("u2".utf8),
                    value: Array(#"{"PAGE":"help","AMOUNT":1}"#.utf8)),
        // A tombstone: passes a plain projection as a null value, dropped by a filter.
        KafkaRecord(topic: "clicks", partition: 0, offset: 2, timestamp: 13, key: Array("u3".utf8), value: nil),
        // Malformed: logged, nothing written.
        KafkaRecord(topic: "clicks", partition: 2, offset: 0, timestamp: 14, key: Array("u4".utf8),
                    value: Array(#"{"PAGE":"x","AMOUNT":"#.utf8)),
        // A NULL key column in the output is a Kafka null.
        KafkaRecord(topic: "clicks", partition: 2, offset: 1, timestamp: 15, key: Array("u5".utf8),
                    value: Array(#"{"PAGE":null,"AMOUNT":9}"#.utf8)),
    ]

    func task(_ query: String) throws -> (StreamQueryTask, ProcessingLog) {
        let log = ProcessingLog(limit: 100)
        let e = Engine(broker: InMemoryBroker(), properties: ["ksql.persistence.default.format.value": "JSON"], processingLog: log)
        e.broker.createTopic("clicks")
        try e.execute("CREATE STREAM CLICKS (USER STRING KEY, PAGE STRING, AMOUNT INT) WITH (kafka_topic='clicks', value_format='JSON');")
        try e.execute(query)
        let runner = try #require(e.queries.first?.runner)
        return (try #require(runner.statelessTask), log)
    }

    /// Runs every record through the record path, then through the sink path, on one task.
    func compare(_ query: String) throws -> [Output] {
        let (task, log) = try task(query)
        var viaRecords: [Output] = []
        for record in records {
            task.process(record) { key, value, time in
                if let out = task.serialize(key: key, value: value, timestamp: time) {
                    viaRecords.append(Output(key: out.key, value: out.value, timestamp: out.timestamp))
                }
            }
        }
        let emitted = task.emitted
        let messages = log.recent.map(\.message)
        let sink = Collector()
        for record in records { record.withView { task.process($0, into: sink) } }
        #expect(sink.written == viaRecords)
        #expect(task.emitted == 2 * emitted)
        #expect(log.recent.map(\.message) == messages + messages)
        return sink.written
    }

    @Test func filteredProjectionWritesTheSameRecords() throws {
        let out = try compare("CREATE STREAM BIG AS SELECT USER, PAGE FROM CLICKS WHERE AMOUNT > 2;")
        #expect(out.map(\.description) == [#"u1={"PAGE":"home"}@10"#, #"null={"PAGE":"cart"}@11"#, #"u5={"PAGE":null}@15"#])
    }

    @Test func plainProjectionPassesTombstones() throws {
        let out = try compare("CREATE STREAM ALLPAGES AS SELECT USER, AMOUNT FROM CLICKS;")
        #expect(out.map(\.description).contains("u3=null@13"))
        #expect(out.count == 5)
    }

    @Test func nullKeyColumnIsAKafkaNull() throws {
        let out = try compare("CREATE STREAM BYPAGE AS SELECT PAGE, AMOUNT FROM CLICKS PARTITION BY PAGE;")
        #expect(out.contains { $0.key == nil && $0.description.hasSuffix("@15") })
    }

    @Test func computedColumnsAndPseudoColumnsMatch() throws {
        let out = try compare("CREATE STREAM POS AS SELECT USER, UCASE(PAGE) AS P, AMOUNT * 2 AS A2, ROWPARTITION AS RP, ROWOFFSET AS RO FROM CLICKS WHERE AMOUNT IS NOT NULL;")
        #expect(out.map(\.description).contains(#"u5={"P":null,"A2":18,"RP":2,"RO":1}@15"#))
        #expect(out.map(\.description).contains(#"u1={"P":"HOME","A2":10,"RP":0,"RO":0}@10"#))
    }

    @Test func tableFunctionsTakeTheGeneralPathAndMatch() throws {
        let out = try compare("CREATE STREAM PAIRS AS SELECT USER, EXPLODE(ARRAY[AMOUNT, AMOUNT + 1]) AS A FROM CLICKS;")
        #expect(out.filter { $0.key == Array("u1".utf8) }.map(\.description) == [#"u1={"A":5}@10"#, #"u1={"A":6}@10"#])
    }

    @Test func sinkTimestampColumnMatches() throws {
        let out = try compare("CREATE STREAM TIMED WITH (timestamp='T') AS SELECT USER, AMOUNT, CAST(AMOUNT AS BIGINT) * 1000 AS T FROM CLICKS WHERE AMOUNT > 0;")
        #expect(out.map(\.timestamp).contains(5000))
    }
}

import EddyCore
import EddyEngine
import EddyRuntime
import Testing

/// Late records in a stream-stream join with a GRACE PERIOD, as Kafka Streams treats them: each
/// side's store serves only records newer than its own latest time minus size and grace, so a
/// late record is dropped from a store that has moved on but still joins a store that has not,
/// and an unmatched outer record whose window is already past goes out with NULLs at once.
@Suite struct StreamJoinLateRecordTests {
    func run(_ type: String, _ inputs: [(topic: String, key: UInt8, value: String, time: Int64)]) throws -> [String] {
        let e = Engine(broker: InMemoryBroker())
        for t in ["lt", "rt"] { e.broker.createTopic(t) }
        try e.execute("CREATE STREAM L (ID INT KEY, A STRING) WITH (kafka_topic='lt', value_format='JSON');")
        try e.execute("CREATE STREAM R (ID INT KEY, B STRING) WITH (kafka_topic='rt', value_format='JSON');")
        try e.execute("CREATE STREAM J AS SELECT R.ID AS ID, A, B FROM L \(type) JOIN R WITHIN 1 MINUTE GRACE PERIOD 1 MINUTE ON L.ID = R.ID;")
        for i in inputs {
            let json = i.topic == "lt" ? #"{"A":"\#(i.value)"}"# : #"{"B":"\#(i.value)"}"#
            e.broker.append(KafkaRecord(topic: i.topic, timestamp: i.time, key: [0, 0, 0, i.key], value: Array(json.utf8)))
            e.runUntilIdle()
        }
        return e.broker.read("J").map { "\($0.key?.last ?? 0):\(String(decoding: $0.value ?? [], as: UTF8.self))@\($0.timestamp)" }
    }

    @Test func lateRecordsJoinOnlyStoresThatHaveNotMovedOn() throws {
        let out = try run("RIGHT", [
            ("lt", 1, "l1", 500_000),   // the left store's time: it keeps records after 320000
            ("lt", 2, "l2", 100_000),   // too old for the left store
            ("rt", 2, "r2", 110_000),   // finds nothing on the left; its window is long past
            ("rt", 3, "r3", 100_000),   // the right store is at 110000: kept
            ("lt", 3, "l3", 120_000),   // late, yet joins r3 in the right store
        ])
        #expect(out == [#"2:{"A":null,"B":"r2"}@110000"#, #"3:{"A":null,"B":"r3"}@100000"#,
                        #"3:{"A":"l3","B":"r3"}@120000"#])
    }

    @Test func inTimeOuterRecordsStillWaitForTheirWindow() throws {
        let out = try run("RIGHT", [
            ("rt", 4, "r4", 10_000),    // waits: its window closes after 10000 + 60000 + 60000
            ("lt", 9, "l9", 100_000),
            ("lt", 4, "l4", 65_000),    // joins r4, so no NULL row for r4 ever
            ("lt", 9, "l9b", 200_000),
        ])
        #expect(out == [#"4:{"A":"l4","B":"r4"}@65000"#])
    }
}

import EddyCore
@testable import EddyEngine
import EddyRuntime
import Testing

/// Stateless queries decode only the columns they read, yet a record still fails when a column it
/// does not read is malformed, as in ksqlDB (which deserializes the whole row first).
@Suite struct ColumnPruningTests {
    func engine() throws -> Engine {
        let e = Engine()
        e.broker.createTopic("orders", partitions: 1)
        try e.execute("CREATE STREAM ORDERS (ID BIGINT KEY, ITEM STRING, QTY INT, NOTE STRING, PRICE DOUBLE) WITH (kafka_topic='orders', value_format='JSON');")
        return e
    }

    func send(_ e: Engine, _ json: String) {
        e.broker.append(KafkaRecord(topic: "orders", timestamp: 1, key: [0, 0, 0, 0, 0, 0, 0, 1], value: Array(json.utf8)))
    }

    func values(_ e: Engine, _ topic: String) -> [String] {
        e.broker.read(topic).map { String(decoding: $0.value ?? [], as: UTF8.self) }
    }

    @Test func planListsTheSlotsItReads() throws {
        let e = try engine()
        try e.execute("CREATE STREAM S AS SELECT ID, ITEM FROM ORDERS WHERE QTY > 1;")
        let plan = try #require((e.queries.first?.runner as? StatelessRunner)?.task.plan)
        // Schema slots: ID 0, ITEM 1, QTY 2, NOTE 3, PRICE 4.
        #expect(plan.readSlots == [0, 1, 2])
    }

    @Test func unreadColumnsAreStillValidated() throws {
        let e = try engine()
        try e.execute("CREATE STREAM S AS SELECT ID, ITEM FROM ORDERS WHERE QTY > 1;")
        send(e, #"{"item":"a","qty":2,"note":{"any":["json"]},"price":1.5}"#)
        send(e, #"{"item":"b","qty":2,"note":"n","price":"not a number"}"#)
        send(e, #"{"item":"c","qty":2,"note":[1,]}"#)
        send(e, #"{"item":"d","qty":3,"price":2}"#)
        e.runUntilIdle()
        #expect(values(e, "S") == [#"{"ITEM":"a"}"#, #"{"ITEM":"d"}"#])
        #expect(e.processingLog.recent.count == 2)
    }

    @Test func aggregateInputIsPrunedButValidated() throws {
        let e = try engine()
        try e.execute("CREATE TABLE T AS SELECT ITEM, COUNT(*) AS N FROM ORDERS WHERE QTY > 1 GROUP BY ITEM;")
        let task = try #require((e.queries.first?.runner as? StatefulRunner)?.task)
        // Schema slots: ID 0, ITEM 1, QTY 2, NOTE 3, PRICE 4.
        #expect(task.plan.inputs[0].readSlots == [1, 2])
        send(e, #"{"item":"a","qty":2,"note":[1,{"x":null}],"price":1}"#)
        send(e, #"{"item":"a","qty":2,"price":"bad"}"#)
        send(e, #"{"item":"a","qty":2,"note":tru}"#)
        send(e, #"{"item":"a","qty":5}"#)
        e.runUntilIdle()
        #expect(values(e, "T") == [#"{"N":1}"#, #"{"N":2}"#])
        #expect(e.processingLog.recent.count == 2)
    }

    /// A GROUP BY that reads no pseudo column gets source rows that end after the values (the
    /// pseudo columns are not appended); one that reads them still sees them, through the
    /// repartition topic too.
    @Test func pseudoColumnsOnlyWhenRead() throws {
        let e = try engine()
        try e.execute("CREATE TABLE T AS SELECT ITEM, SUM(QTY) AS S, COUNT(NOTE) AS N FROM ORDERS GROUP BY ITEM;")
        try e.execute("CREATE TABLE U AS SELECT ITEM, MAX(ROWOFFSET) AS O, MAX(ROWPARTITION) AS P, MAX(ROWTIME) AS R FROM ORDERS GROUP BY ITEM;")
        send(e, #"{"item":"a","qty":2,"note":"x"}"#)
        send(e, #"{"item":"a","qty":5}"#)
        e.runUntilIdle()
        #expect(values(e, "T") == [#"{"S":2,"N":1}"#, #"{"S":7,"N":1}"#])
        #expect(values(e, "U") == [#"{"O":0,"P":0,"R":1}"#, #"{"O":1,"P":0,"R":1}"#])
    }
}

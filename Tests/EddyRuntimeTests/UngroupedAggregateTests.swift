import EddyCore
import EddyEngine
import EddyRuntime
import EddySQL
import Testing

/// Without GROUP BY, a push query aggregates every row as one group; a persistent query may not.
@Suite struct UngroupedAggregateTests {
    func engine() throws -> Engine {
        let broker = InMemoryBroker()
        broker.createTopic("orders", partitions: 3)
        let e = Engine(broker: broker)
        try e.execute("CREATE STREAM ORDERS (ID INT KEY, AMOUNT INT) WITH (kafka_topic='orders', value_format='JSON');")
        for (id, amount) in [(1, 10), (2, 5), (3, 7)] {
            try e.execute("INSERT INTO ORDERS (ID, AMOUNT) VALUES (\(id), \(amount));")
        }
        e.runUntilIdle()
        return e
    }

    @Test func pushQueryAggregatesAllRowsAsOneGroup() throws {
        let e = try engine()
        let query = try #require(SQLParser.parse("SELECT COUNT(*) AS N, SUM(AMOUNT) AS TOTAL FROM ORDERS EMIT CHANGES;").first)
        guard case .query(let q) = query.statement else { Issue.record("not a query"); return }
        let (schema, rows) = try e.scan(q)
        #expect(schema.columns.map(\.name) == ["N", "TOTAL"])
        #expect(rows.last == [.bigint(3), .int(22)])
        #expect(rows.count == 3)
    }

    @Test func persistentQueryStillNeedsGroupBy() throws {
        let e = try engine()
        #expect(throws: EddyError.self) {
            try e.execute("CREATE TABLE T AS SELECT COUNT(*) AS N FROM ORDERS;")
        }
    }
}

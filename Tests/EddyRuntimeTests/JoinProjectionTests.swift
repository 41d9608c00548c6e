import EddyCore
import EddyEngine
import EddyRuntime
import EddySQL
import Testing

/// `*` over joins and windowed sources, and window bounds in transient output, as ksqlDB shapes them.
@Suite struct JoinProjectionTests {
    func engine(_ ddl: [String]) throws -> Engine {
        let e = Engine(broker: InMemoryBroker())
        for t in ["a", "b"] { e.broker.createTopic(t) }
        for statement in ddl { _ = try e.execute(statement) }
        return e
    }

    func columns(_ e: Engine, _ name: String) throws -> [String] {
        try #require(e.catalog.source(name)).schema.columns.map(\.name)
    }

    func error(_ e: Engine, _ sql: String) -> String {
        do { _ = try e.execute(sql); return "" } catch let x as EddyError { return x.message } catch { return "\(error)" }
    }

    @Test func windowedJoinStarIncludesEachSidesBounds() throws {
        let e = try engine([
            "CREATE STREAM S1 (K INT KEY, ID BIGINT) WITH (kafka_topic='a', value_format='JSON', WINDOW_TYPE='Tumbling', WINDOW_SIZE='2 SECONDS');",
            "CREATE STREAM S2 (K INT KEY, ID BIGINT) WITH (kafka_topic='b', value_format='JSON', WINDOW_TYPE='Tumbling', WINDOW_SIZE='2 SECONDS');",
            "CREATE STREAM J AS SELECT * FROM S1 JOIN S2 WITHIN 1 MINUTE ON S1.K = S2.K;"])
        #expect(try columns(e, "J") == ["S1_K", "S1_WINDOWSTART", "S1_WINDOWEND", "S1_ID", "S2_K", "S2_WINDOWSTART", "S2_WINDOWEND", "S2_ID"])
        #expect(e.catalog.source("J")?.window != nil)
    }

    @Test func joinStarUnderPartitionByExpandsTheJoinSchema() throws {
        let e = try engine([
            "CREATE STREAM L (A INT KEY, B INT, C INT) WITH (kafka_topic='a', value_format='JSON');",
            "CREATE STREAM R (X INT KEY, Y INT, Z INT) WITH (kafka_topic='b', value_format='JSON');",
            "CREATE STREAM J AS SELECT * FROM L JOIN R WITHIN 10 SECONDS ON L.A = R.X PARTITION BY L.B;"])
        #expect(try columns(e, "J") == ["L_B", "L_C", "L_ROWTIME", "L_ROWPARTITION", "L_ROWOFFSET", "L_A",
                                        "R_Y", "R_Z", "R_ROWTIME", "R_ROWPARTITION", "R_ROWOFFSET", "R_X"])
    }

    @Test func windowedAggregationOverJoinCannotSelectBounds() throws {
        let e = try engine([
            "CREATE STREAM A (ID STRING KEY, V STRING) WITH (kafka_topic='a', value_format='JSON');",
            "CREATE TABLE B (ID STRING PRIMARY KEY, W STRING) WITH (kafka_topic='b', value_format='JSON');"])
        let sql = "CREATE TABLE C AS SELECT A.ID, COUNT(*), WINDOWSTART AS WS FROM A JOIN B ON A.ID = B.ID WINDOW TUMBLING (SIZE 10 MILLISECONDS) GROUP BY A.ID;"
        #expect(error(e, sql).contains("SELECT column 'WINDOWSTART' cannot be resolved."))
    }

    @Test func foreignKeyJoinRefusesWindowedRightTable() throws {
        let e = try engine([
            "CREATE TABLE L (K STRING PRIMARY KEY, F STRING) WITH (kafka_topic='a', value_format='JSON', WINDOW_TYPE='Tumbling', WINDOW_SIZE='1 SECOND');",
            "CREATE TABLE R (K STRING PRIMARY KEY, ID INT) WITH (kafka_topic='b', value_format='JSON', WINDOW_TYPE='Tumbling', WINDOW_SIZE='1 SECOND');"])
        // A transient query reaches the join check; a persistent one is refused earlier, as
        // ksqlDB's analyzer refuses any persistent query over a windowed table.
        let push = try #require(try SQLParser.parse("SELECT * FROM L JOIN R ON L.F = R.K EMIT CHANGES;").first?.statement)
        guard case .query(let query) = push else { Issue.record("not a query: \(push)"); return }
        #expect(throws: EddyError.self) { _ = try e.scan(query) }
        do { _ = try e.scan(query) } catch let x as EddyError {
            #expect(x.message == "Foreign-key table-table joins are not supported on windowed tables.")
        }
        #expect(error(e, "CREATE TABLE J AS SELECT * FROM L JOIN R ON L.F = R.K;") == "KSQL does not support persistent queries on windowed tables.")
    }

    @Test func pushQueryTombstoneKeepsWindowBounds() throws {
        let e = try engine([
            "CREATE STREAM I (K INT KEY, VAL INT) WITH (kafka_topic='a', value_format='JSON');",
            "CREATE TABLE AGG AS SELECT K, SUM(VAL) AS S FROM I WINDOW TUMBLING (SIZE 1 SECOND) GROUP BY K HAVING SUM(VAL) > 0;"])
        for (t, v) in [(1, 10), (2, -20)] {
            e.broker.append(KafkaRecord(topic: "a", timestamp: Int64(t), key: [0, 0, 0, 11], value: Array(#"{"VAL":\#(v)}"#.utf8)))
        }
        e.runUntilIdle()
        let parsed = try SQLParser.parse("SELECT S, WINDOWSTART, WINDOWEND FROM AGG EMIT CHANGES LIMIT 2;")
        guard case .query(let query)? = parsed.first?.statement else { Issue.record("not a query"); return }
        let (_, rows) = try e.scan(query)
        #expect(rows == [[.int(10), .bigint(0), .bigint(1000)], [.null, .bigint(0), .bigint(1000)]])
    }
}

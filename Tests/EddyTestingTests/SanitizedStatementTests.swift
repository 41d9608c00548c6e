import EddyCore
import EddyEngine
import EddyRuntime
import Testing

/// Errors found while planning a CREATE … AS SELECT's sink show the statement as ksqlDB's AST
/// sanitizer and SqlFormatter reprint it: sources aliased, columns qualified, every select item
/// named, one item per line, `EMIT CHANGES` added.
@Suite struct SanitizedStatementTests {
    func message(_ sql: String) throws -> String? {
        let e = Engine(broker: InMemoryBroker())
        e.broker.createTopic("t")
        e.broker.createTopic("u")
        try e.execute("CREATE STREAM TEST (F1 INT KEY, F2 INT, S STRUCT<A INT>) WITH (kafka_topic='t', value_format='JSON');")
        try e.execute("CREATE STREAM NOKEY (S STRUCT<A INT>) WITH (kafka_topic='t', value_format='JSON');")
        try e.execute("CREATE TABLE OTHER (ID INT PRIMARY KEY, F3 INT) WITH (kafka_topic='u', value_format='JSON');")
        do {
            try e.execute(sql)
            return nil
        } catch let error as EddyError {
            return error.ksqlMessage
        }
    }

    @Test func groupByIntoKafkaKeyShowsTheSanitizedStatement() throws {
        let text = try message("CREATE TABLE OUTPUT AS SELECT f2, f1, f2+f1, COUNT(*) FROM TEST GROUP BY f1, f2;")
        #expect(text?.hasSuffix("""
            reason: The 'KAFKA' format only supports a single field. Got: [`F1` INTEGER KEY, `F2` INTEGER KEY]
            Statement: CREATE TABLE OUTPUT AS SELECT
              TEST.F2 F2,
              TEST.F1 F1,
              (TEST.F2 + TEST.F1) KSQL_COL_0,
              COUNT(*) KSQL_COL_1
            FROM TEST TEST
            GROUP BY TEST.F1, TEST.F2
            EMIT CHANGES
            """) == true, "\(text ?? "no error")")
    }

    @Test func aliasesStructFieldsAndWithClauseAreKept() throws {
        let text = try message("""
            CREATE TABLE OUTPUT WITH (KEY_FORMAT='KAFKA') AS SELECT s->a, f1 AS k1, f2 AS k2, COUNT(*) AS total
            FROM TEST t WHERE f2 > 0 GROUP BY f1, f2, s->a;
            """)
        #expect(text?.hasSuffix("""
            Statement: CREATE TABLE OUTPUT WITH (KEY_FORMAT='KAFKA') AS SELECT
              T.S->A A,
              T.F1 K1,
              T.F2 K2,
              COUNT(*) TOTAL
            FROM TEST T
            WHERE (T.F2 > 0)
            GROUP BY T.F1, T.F2, T.S->A
            EMIT CHANGES
            """) == true, "\(text ?? "no error")")
    }

    @Test func aSingleItemStaysOnTheSelectLine() throws {
        let text = try message("CREATE STREAM OUTPUT WITH (VALUE_FORMAT='KAFKA') AS SELECT s FROM NOKEY;")
        #expect(text?.hasSuffix("Statement: CREATE STREAM OUTPUT WITH (VALUE_FORMAT='KAFKA') AS SELECT NOKEY.S S\nFROM NOKEY NOKEY\nEMIT CHANGES") == true,
                "\(text ?? "no error")")
    }

    @Test func joinColumnsAreQualifiedBySide() throws {
        let text = try message("""
            CREATE TABLE OUTPUT AS SELECT f2, f3, COUNT(*) FROM TEST JOIN OTHER o ON f1 = id GROUP BY f2, f3;
            """)
        #expect(text?.contains("""
            Statement: CREATE TABLE OUTPUT AS SELECT
              TEST.F2 F2,
              O.F3 F3,
              COUNT(*) KSQL_COL_0
            FROM TEST TEST INNER JOIN OTHER O ON (TEST.F1 = O.ID)
            GROUP BY TEST.F2, O.F3
            """) == true, "\(text ?? "no error")")
    }
}

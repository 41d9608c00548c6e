import EddyCore
import EddyEngine
import EddyRuntime
import EddySQL
import Testing

/// Join statements ksqlDB refuses or keys in a particular way, with its messages.
@Suite struct JoinRejectionTests {
    func engine() throws -> Engine {
        let e = Engine(broker: InMemoryBroker())
        for t in ["a", "b", "c"] { e.broker.createTopic(t) }
        try e.execute("CREATE TABLE A (ID BIGINT PRIMARY KEY, X BIGINT, FK BIGINT) WITH (kafka_topic='a', value_format='JSON');")
        try e.execute("CREATE TABLE B (ID BIGINT PRIMARY KEY, Y BIGINT) WITH (kafka_topic='b', value_format='JSON');")
        try e.execute("CREATE TABLE C (ID BIGINT PRIMARY KEY, Z BIGINT) WITH (kafka_topic='c', value_format='JSON');")
        return e
    }

    func message(_ e: Engine, _ sql: String) -> String? { e.rejection(sql) }

    @Test func foreignKeyJoinOnlyAsTheFirstJoin() throws {
        let e = try engine()
        let m = message(e, "CREATE TABLE O AS SELECT A.ID, X, Y, Z FROM A JOIN B ON A.ID = B.ID JOIN C ON A.FK = C.ID;")
        #expect(m == "Invalid join condition: foreign-key table-table joins are not supported as part of n-way joins. Got A.FK = C.ID.")
        #expect(message(e, "CREATE TABLE O2 AS SELECT A.ID, X, Y, Z FROM A JOIN B ON A.FK = B.ID JOIN C ON A.ID = C.ID;") == nil)
    }

    @Test func foreignKeyJoinKeySelectedTwice() throws {
        let e = try engine()
        let m = message(e, "CREATE TABLE O AS SELECT A.ID, A.ID AS AGAIN, X, Y FROM A JOIN B ON A.FK = B.ID;")
        #expect(m?.hasPrefix("The projection contains a key column (`A_ID`) more than once, aliased as: ") == true)
        #expect(m?.contains("AGAIN") == true)
    }

    @Test func criteriaMustReferenceTheJoinedSource() throws {
        let e = try engine()
        let m = message(e, "CREATE TABLE O AS SELECT A.ID, X, Y, Z FROM A JOIN B ON A.ID = B.ID JOIN C ON A.ID = B.ID;")
        #expect(m == "A join criteria is expected to reference the source (`C`) in the FROM clause, instead the right source references `B` and the left source references `A`")
    }

    @Test func earlierJoinColumnKeepsTheKeyViable() throws {
        let e = Engine(broker: InMemoryBroker())
        for t in ["s1", "s2", "s3"] { e.broker.createTopic(t) }
        for n in 1...3 {
            try e.execute("CREATE STREAM S\(n) (ID INT KEY, V BIGINT) WITH (kafka_topic='s\(n)', value_format='JSON');")
        }
        let sql = "CREATE STREAM O AS SELECT S1.ID, S1.V AS V1, S3.V AS V3 FROM S1 JOIN S2 WITHIN 10 SECONDS ON S1.ID = ABS(S2.ID) JOIN S3 WITHIN 10 SECONDS ON ABS(S2.ID) = ABS(S3.ID);"
        #expect(message(e, sql) == nil)
        let keys = try #require(e.catalog.source("O")).schema.keyColumns.map(\.name)
        #expect(keys.count == 1 && keys != ["ROWKEY"])
    }
}

import EddyCore
import EddyEngine
import EddyRuntime
import EddySchemaRegistry
import Testing

/// Join stores carry ksqlDB's topology names, so changelog topics (and, for Schema Registry key
/// formats, their `-key` subjects) are the ones ksqlDB would create.
@Suite struct JoinStoreNamingTests {
    func engine(_ ddl: [String]) throws -> Engine {
        let e = Engine(broker: InMemoryBroker(), properties: ["ksql.service.id": "svc_"])
        for t in ["a", "b", "c"] { e.broker.createTopic(t) }
        for statement in ddl { try e.execute(statement) }
        return e
    }

    func storeSuffixes(_ e: Engine) throws -> [String] {
        let q = try #require(e.queries.last)
        return q.stores.map { String($0.name.dropFirst(q.id.count + 1)) }
    }

    @Test func streamStreamJoinWithoutRekeyUsesKafkaStreamsCounter() throws {
        let e = try engine([
            "CREATE STREAM A (ID INT KEY, V INT) WITH (kafka_topic='a', value_format='JSON');",
            "CREATE STREAM B (ID INT KEY, W INT) WITH (kafka_topic='b', value_format='JSON');",
            "CREATE STREAM J AS SELECT A.ID, V, W FROM A LEFT JOIN B WITHIN 1 SECOND ON A.ID = B.ID;"])
        // Two sources of 3 nodes each, then the two windowing nodes: the first store is node 8.
        #expect(try storeSuffixes(e).prefix(3) == ["KSTREAM-JOINTHIS-0000000008-store", "KSTREAM-OUTEROTHER-0000000009-store",
                                                   "KSTREAM-OUTERSHARED-0000000008-store"])
    }

    @Test func fullOuterJoinAfterRekeyedSides() throws {
        let e = try engine([
            "CREATE STREAM A (ID INT KEY, V INT) WITH (kafka_topic='a', value_format='JSON');",
            "CREATE STREAM B (ID INT KEY, W INT) WITH (kafka_topic='b', value_format='JSON');",
            "CREATE STREAM J AS SELECT ROWKEY, V, W FROM A FULL OUTER JOIN B WITHIN 1 SECOND ON A.V = B.W;"])
        #expect(try storeSuffixes(e).prefix(2) == ["KSTREAM-OUTERTHIS-0000000016-store", "KSTREAM-OUTEROTHER-0000000017-store"])
    }

    @Test func streamTableJoinKeepsTheTableInItsSourceStore() throws {
        let e = try engine([
            "CREATE STREAM A (ID INT KEY, V INT) WITH (kafka_topic='a', value_format='JSON');",
            "CREATE TABLE B (ID INT PRIMARY KEY, W INT) WITH (kafka_topic='b', value_format='JSON');",
            "CREATE STREAM J AS SELECT A.ID, V, W FROM A JOIN B ON A.ID = B.ID;"])
        #expect(try storeSuffixes(e).contains("KafkaTopic_Right-Reduce"))
    }

    @Test func schemaRegistryKeysRegisterChangelogKeySchemas() throws {
        let e = try engine([
            "CREATE STREAM A (ID INT KEY, V INT) WITH (kafka_topic='a', key_format='JSON_SR', value_format='JSON');",
            "CREATE STREAM B (ID INT KEY, W INT) WITH (kafka_topic='b', key_format='JSON_SR', value_format='JSON');",
            "CREATE TABLE T (ID INT PRIMARY KEY, X INT) WITH (kafka_topic='c', key_format='JSON_SR', value_format='JSON');",
            "CREATE STREAM J AS SELECT A.ID, V, W FROM A JOIN B WITHIN 1 SECOND ON A.ID = B.ID;",
            "CREATE STREAM K AS SELECT A.ID, V, X FROM A JOIN T ON A.ID = T.ID;"])
        let prefix = "_confluent-ksql-svc_query_"
        let j = e.queries[0].id, k = e.queries[1].id
        for subject in ["\(j)-KSTREAM-JOINTHIS-0000000016-store-changelog-key", "\(j)-KSTREAM-JOINOTHER-0000000017-store-changelog-key",
                        "\(k)-RightSourceKeyed-Materialize-changelog-key"] {
            let schema = try #require(try e.schemaRegistry.latestIfPresent(subject: prefix + subject), "\(subject)")
            // The join key in the query's key format: an optional INT, unwrapped.
            let text = schema.schema.schema.filter { !$0.isWhitespace }
            #expect(text.contains(#""type":"null""#) && text.contains(#""connect.type":"int32""#), "\(text)")
        }
        // The store a changelog is named after is the one the runtime logs to.
        #expect(try storeSuffixes(e).contains("RightSourceKeyed-Materialize"))
    }

    @Test func plainKeyFormatsRegisterNothing() throws {
        let e = try engine([
            "CREATE STREAM A (ID INT KEY, V INT) WITH (kafka_topic='a', value_format='JSON');",
            "CREATE STREAM B (ID INT KEY, W INT) WITH (kafka_topic='b', value_format='JSON');",
            "CREATE STREAM J AS SELECT A.V, W FROM A JOIN B WITHIN 1 SECOND ON A.V = B.W;"])
        #expect(try e.schemaRegistry.subjects().filter { $0.contains("changelog") }.isEmpty)
    }
}

@testable import EddyTesting
import Testing

/// ksqlDB refuses INSERT INTO a target with header columns (its records could not carry them),
/// whether the query is a projection or a join.
@Suite struct HeaderSinkTests {
    static let file = """
        --@test: insert into a stream with header columns from a projection
        CREATE STREAM src (k STRING KEY, v BIGINT) WITH (kafka_topic='src', value_format='JSON');
        CREATE STREAM tgt (k STRING KEY, h ARRAY<STRUCT<key STRING, value BYTES>> HEADERS, v BIGINT)
            WITH (kafka_topic='tgt', value_format='JSON');
        INSERT INTO tgt SELECT * FROM src;

        --@test: insert into a stream with a header column from a join
        CREATE STREAM src (k STRING KEY, v BIGINT) WITH (kafka_topic='src', value_format='JSON');
        CREATE TABLE t (k STRING PRIMARY KEY, x BIGINT) WITH (kafka_topic='t', value_format='JSON');
        CREATE STREAM tgt (k STRING KEY, h BYTES HEADER('h'), v BIGINT, x BIGINT)
            WITH (kafka_topic='tgt', value_format='JSON');
        INSERT INTO tgt SELECT src.k AS k, v, x FROM src JOIN t ON src.k = t.k;
        """

    @Test func insertIntoATargetWithHeaderColumnsIsRefused() {
        let outcomes = SqlTestLoader.parse(Self.file, file: "headers.sql").map { CaseRunner().run($0) }
        #expect(outcomes.count == 2)
        for o in outcomes {
            #expect(o.status == .fail)
            #expect(o.message.contains("Cannot insert into TGT because it has header columns"), "\(o.message)")
        }
    }
}

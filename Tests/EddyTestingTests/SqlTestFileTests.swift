import EddyCore
import Foundation
@testable import EddyTesting
import Testing

/// `--@test` SQL files and ksql-test-runner triples: loading, and assertions that really fail.
@Suite struct SqlTestFileTests {
    static let file = """
        --@test: filter keeps positive rows
        CREATE STREAM foo (id INT KEY, col1 INT) WITH (kafka_topic='foo', value_format='JSON');
        CREATE STREAM bar AS SELECT * FROM foo WHERE col1 > 0;
        ASSERT STREAM bar (id INT KEY, col1 INT) WITH (kafka_topic='BAR', value_format='JSON');
        INSERT INTO foo (rowtime, id, col1) VALUES (1, 1, 1);
        INSERT INTO foo (rowtime, id, col1) VALUES (2, 2, -1);
        INSERT INTO foo (rowtime, id, col1) VALUES (3, 3, 3);
        ASSERT VALUES bar (rowtime, id, col1) VALUES (1, 1, 1);
        ASSERT VALUES bar (rowtime, id, col1) VALUES (3, 3, 3);

        --@test: wrong value
        CREATE STREAM foo (id INT KEY, col1 INT) WITH (kafka_topic='foo', value_format='JSON');
        CREATE STREAM bar AS SELECT * FROM foo;
        INSERT INTO foo (id, col1) VALUES (1, 1);
        ASSERT VALUES bar (id, col1) VALUES (1, 2);

        --@test: expected mismatch
        --@expected.error: java.lang.AssertionError
        --@expected.message: Expected record does not match actual
        CREATE STREAM foo (id INT KEY, col1 INT) WITH (kafka_topic='foo', value_format='JSON');
        CREATE STREAM bar AS SELECT * FROM foo;
        INSERT INTO foo (id, col1) VALUES (1, 1);
        ASSERT VALUES bar (id, col1) VALUES (1, 2);

        --@test: wrong schema
        CREATE STREAM foo (id INT KEY, col1 INT) WITH (kafka_topic='foo', value_format='JSON');
        CREATE STREAM bar AS SELECT * FROM foo;
        ASSERT STREAM bar (id INT KEY, col1 STRING) WITH (kafka_topic='BAR', value_format='JSON');

        --@test: no more records
        CREATE STREAM foo (id INT KEY, col1 INT) WITH (kafka_topic='foo', value_format='JSON');
        CREATE STREAM bar AS SELECT * FROM foo;
        ASSERT VALUES bar (id, col1) VALUES (1, 2);
        """

    @Test func loadsCasesWithDirectives() {
        let cases = SqlTestLoader.parse(Self.file, file: "t.sql")
        #expect(cases.map(\.name) == ["filter keeps positive rows", "wrong value", "expected mismatch", "wrong schema", "no more records"])
        #expect(cases[2].expectedError?.type == "java.lang.AssertionError")
        #expect(cases[2].expectedError?.message == "Expected record does not match actual")
        #expect(cases.allSatisfy { $0.script != nil })
    }

    @Test func assertionsPassAndFail() {
        let outcomes = SqlTestLoader.parse(Self.file, file: "t.sql").map { CaseRunner().run($0) }
        #expect(outcomes.map(\.status) == [.pass, .fail, .pass, .fail, .fail])
        #expect(outcomes[1].message.contains("COL1"))
        #expect(outcomes[3].message.contains("Expected schema does not match actual"))
    }

    @Test func runsATriple() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("eddy-triple-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
            CREATE STREAM orders (id INT KEY, amount DOUBLE) WITH (kafka_topic='orders', value_format='JSON');
            CREATE STREAM big AS SELECT id, amount * 2 AS doubled FROM orders WHERE amount > 10;
            """.write(to: dir.appendingPathComponent("statements.sql"), atomically: true, encoding: .utf8)
        try #"{"inputs":[{"topic":"orders","key":1,"value":{"AMOUNT":5.0}},{"topic":"orders","key":2,"value":{"AMOUNT":50.0}}]}"#
            .write(to: dir.appendingPathComponent("input.json"), atomically: true, encoding: .utf8)
        let output = dir.appendingPathComponent("output.json")
        try #"{"outputs":[{"topic":"BIG","key":2,"value":{"DOUBLED":100.0}}]}"#.write(to: output, atomically: true, encoding: .utf8)
        #expect(TripleLoader.isTriple(directory: dir.path))
        #expect(ConformanceSuite.files(in: [dir.path]) == [dir.path])
        #expect(CaseRunner().run(try TripleLoader.load(directory: dir.path)).status == .pass)
        try #"{"outputs":[{"topic":"BIG","key":2,"value":{"DOUBLED":99.0}}]}"#.write(to: output, atomically: true, encoding: .utf8)
        #expect(CaseRunner().run(try TripleLoader.load(directory: dir.path)).status == .fail)
    }
}

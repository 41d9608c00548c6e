import EddyCore
import EddyFormats
@testable import EddyTesting
import Testing

/// The runner must fail when outputs differ: a harness that always passes would be worthless.
@Suite struct CaseRunnerTests {
    func makeCase(expected: String) throws -> ConformanceCase {
        ConformanceCase(
            file: "unit.json", name: "projection",
            statements: ["CREATE STREAM S (K STRING KEY, V INT) WITH (kafka_topic='in', value_format='JSON');",
                         "CREATE STREAM O AS SELECT K, V + 1 AS W FROM S;"],
            properties: [:], topics: [],
            inputs: [.init(topic: "in", key: .string("a"), value: try JSONValue.parse(#"{"V": 1}"#), timestamp: 5, partition: nil, headers: nil, window: nil)],
            outputs: [.init(topic: "O", key: .string("a"), value: try JSONValue.parse(expected), timestamp: 5, partition: nil, headers: nil, window: nil)],
            expectedError: nil, postSources: [], skipReason: nil)
    }

    @Test func passesWhenOutputsMatch() throws {
        #expect(CaseRunner().run(try makeCase(expected: #"{"W": 2}"#)).status == .pass)
    }

    @Test func failsWhenOutputsDiffer() throws {
        let outcome = CaseRunner().run(try makeCase(expected: #"{"W": 3}"#))
        #expect(outcome.status == .fail)
        #expect(outcome.message.contains("Expected"))
    }

    @Test func expectedErrorMustMatchMessage() throws {
        var c = try makeCase(expected: "{}")
        c.statements = ["CREATE STREAM S (K STRING KEY, V INT) WITH (kafka_topic='in', value_format='FOO');"]
        c.expectedError = .init(type: "KsqlStatementException", message: "Unknown format: FOO")
        #expect(CaseRunner().run(c).status == .pass)
        c.expectedError = .init(type: "KsqlStatementException", message: "something else")
        #expect(CaseRunner().run(c).status == .fail)
    }

    @Test func decimalsCompareByScale() throws {
        #expect(ExpectedComparator.matches(.decimal(SQLDecimal("1.50")!), try JSONValue.parse("1.50")))
        #expect(!ExpectedComparator.matches(.decimal(SQLDecimal("1.5")!), try JSONValue.parse("1.50")))
        #expect(!ExpectedComparator.matches(.decimal(SQLDecimal("1.5")!), try JSONValue.parse("1")))
    }
}

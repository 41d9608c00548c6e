import EddyKafka
import EddyKafkaRuntime
import Testing

/// Aggregations on the mock cluster: their output topics are changelogs (the last record per
/// key is the row), and their state survives a restart through its changelog topic.
@Suite struct KafkaTableTests {
    static let source = """
        SET 'auto.offset.reset' = 'earliest';
        CREATE STREAM clicks (page STRING KEY, ms INT)
            WITH (kafka_topic='clicks', key_format='KAFKA', value_format='JSON', partitions=2);
        """

    /// The last value per key of a table's topic.
    static func latest(_ messages: [KafkaMessage]) -> [[UInt8]: String] {
        var rows: [[UInt8]: String] = [:]
        for message in messages.sorted(by: { ($0.partition, $0.offset) < ($1.partition, $1.offset) }) {
            rows[message.key ?? []] = text(message.value)
        }
        return rows
    }

    @Test func windowedCountOverRealTopics() async throws {
        let kafka = try KafkaFixture()
        let session = try await kafka.startSession(Self.source + """
            CREATE TABLE page_views AS SELECT page, COUNT(*) AS views FROM clicks
                WINDOW TUMBLING (SIZE 10 SECONDS) GROUP BY page EMIT CHANGES;
            """)
        // Window [0, 10 s): a×3, b×1; window [10 s, 20 s): a×2.
        let pages = ["a", "a", "b", "a", "a", "a"]
        let times: [Int64] = [1_000, 2_000, 3_000, 9_999, 10_000, 15_000]
        try await kafka.produce("clicks", pages.map { ($0, #"{"MS": 1}"#) }, timestamps: times)
        let runner = try #require(session.runtime.runners["CTAS_PAGE_VIEWS_0"])
        #expect(try await kafka.eventually { runner.stats.consumed == 6 })
        try await kafka.stop(session)
        // Within a batch only a key's last update is written (the record cache's effect).
        let out = try await kafka.readAll("PAGE_VIEWS", expecting: 6, deadline: .seconds(2))

        #expect(out.count >= 3 && out.count <= 6)
        let finals = Self.latest(out).values.sorted()
        #expect(finals == [#"{"VIEWS":1}"#, #"{"VIEWS":2}"#, #"{"VIEWS":3}"#])
    }

    @Test func restartMidStreamKeepsTheCountsExact() async throws {
        let kafka = try KafkaFixture()
        let script = Self.source + """
            CREATE TABLE per_page AS SELECT page, COUNT(*) AS views FROM clicks GROUP BY page EMIT CHANGES;
            """
        let first = try await kafka.startSession(script)
        let pages = (0..<600).map { ["home", "cart", "help"][$0 % 3] }
        try await kafka.produce("clicks", pages[..<200].map { ($0, #"{"MS": 1}"#) })
        let runner = try #require(first.runtime.runners["CTAS_PER_PAGE_0"])
        #expect(try await kafka.eventually { runner.stats.consumed > 0 })
        let producing = Task { try await kafka.produce("clicks", pages[200..<400].map { ($0, #"{"MS": 1}"#) }) }
        try await kafka.stop(first)
        try await producing.value

        let second = try await kafka.startSession(script)
        try await kafka.produce("clicks", pages[400...].map { ($0, #"{"MS": 1}"#) })
        let restarted = try #require(second.runtime.runners["CTAS_PER_PAGE_0"])
        #expect(try await kafka.eventually { runner.stats.consumed + restarted.stats.consumed >= 600 })
        try await kafka.stop(second)
        let out = try await kafka.readAll("PER_PAGE", expecting: 600, deadline: .seconds(2))

        let finals = Self.latest(out)
        #expect(finals.count == 3)
        #expect(Set(finals.values) == [#"{"VIEWS":200}"#])
    }
}

import EddyKafka
import EddyKafkaRuntime
import Testing

/// Persistent queries on librdkafka's mock cluster, end to end: topics, consumer groups,
/// commits and the processing log are all real.
@Suite struct KafkaQueryTests {
    static let source = """
        SET 'auto.offset.reset' = 'earliest';
        CREATE STREAM orders (id INT KEY, qty INT, item STRING)
            WITH (kafka_topic='orders', key_format='KAFKA', value_format='JSON', partitions=2);
        CREATE STREAM big AS SELECT id, item, qty * 10 AS units FROM orders WHERE qty > 1;
        """

    static func order(_ id: Int, qty: Int) -> (key: String?, value: String) {
        (nil, #"{"QTY": \#(qty), "ITEM": "item-\#(id)"}"#)
    }

    @Test func csasOverRealTopicsProducesTheFilteredProjection() async throws {
        let kafka = try KafkaFixture()
        let session = try await kafka.startSession(Self.source)
        try await kafka.produce("orders", (0..<20).map { Self.order($0, qty: $0 % 4) })
        let out = try await kafka.readAll("BIG", expecting: 10)
        try await kafka.stop(session)

        let values = out.compactMap { text($0.value) }.sorted()
        let expected = (0..<20).filter { $0 % 4 > 1 }
            .map { #"{"ITEM":"item-\#($0)","UNITS":\#($0 % 4 * 10)}"# }.sorted()
        #expect(values == expected)
        #expect(kafka.output.all.contains("Created query with ID CSAS_BIG_0"))
    }

    @Test func restartMidStreamLosesAndDuplicatesNothing() async throws {
        let kafka = try KafkaFixture()
        let first = try await kafka.startSession(Self.source)
        try await kafka.produce("orders", (0..<300).map { Self.order($0, qty: 5) })
        let runner = try #require(first.runtime.runners["CSAS_BIG_0"])
        #expect(try await kafka.eventually { runner.stats.consumed > 0 })
        // Stop while records are still arriving: whatever was processed is committed.
        let producing = Task { try await kafka.produce("orders", (300..<600).map { Self.order($0, qty: 5) }) }
        try await kafka.stop(first)
        try await producing.value

        let second = try await kafka.startSession(Self.source)
        try await kafka.produce("orders", (600..<900).map { Self.order($0, qty: 5) })
        let out = try await kafka.readAll("BIG", expecting: 900)
        try await kafka.stop(second)

        let items = out.compactMap { text($0.value) }
        #expect(items.count == 900)
        #expect(Set(items).count == 900)
    }

    /// Keyed orders on 4 partitions, read from the start by queries on two stream threads.
    static let twoThreads = """
        SET 'auto.offset.reset' = 'earliest';
        SET 'ksql.streams.num.stream.threads' = '2';
        CREATE STREAM orders (id STRING KEY, qty INT, item STRING)
            WITH (kafka_topic='orders', key_format='KAFKA', value_format='JSON', partitions=4);

        """

    /// `ksql.streams.num.stream.threads`: a stateless query's threads share its one group member,
    /// which spreads its partitions over them; every record comes out exactly once.
    @Test func streamThreadsShareTheSourcePartitions() async throws {
        let kafka = try KafkaFixture()
        let session = try await kafka.startSession(Self.twoThreads + """
            CREATE STREAM big AS SELECT id, item, qty * 10 AS units FROM orders WHERE qty > 1;
            CREATE TABLE per_id AS SELECT id, COUNT(*) AS n FROM orders GROUP BY id;
            """)
        try await kafka.produce("orders", (0..<400).map { ("k\($0)", #"{"QTY": 5, "ITEM": "item-\#($0 % 3)"}"#) })
        let runner = try #require(session.runtime.runners["CSAS_BIG_0"])
        #expect(runner.threads == 2)
        #expect(try await kafka.eventually { runner.assignedPerThread == [2, 2] })
        let expected = Set((0..<400).map { "k\($0)" })
        let keys = try await Self.keys(kafka, "BIG", until: expected)
        #expect(Set(keys) == expected)
        #expect(keys.count == 400)
        #expect(runner.consumedPerThread.allSatisfy { $0 > 0 })
        // An aggregate without a repartition keeps one thread: its store belongs to the whole query.
        #expect(session.runtime.runners["CTAS_PER_ID_1"]?.threads == 1)
        try await kafka.stop(session)
    }

    /// The keys of every record in `topic`, read again until they are `expected` (or 40 s pass).
    static func keys(_ kafka: KafkaFixture, _ topic: String, until expected: Set<String>) async throws -> [String] {
        var keys: [String] = []
        let clock = ContinuousClock()
        let end = clock.now + .seconds(40)
        while clock.now < end {
            keys = try await kafka.readAll(topic, expecting: .max, deadline: .seconds(2)).compactMap { $0.key.flatMap(text) }
            if Set(keys) == expected { break }
        }
        return keys
    }

    /// Two servers running the same query share its group. When the second joins, the first
    /// one's threads commit and give up what the group moves (the lead waits for them before the
    /// assignment changes), each server spreads its share over its own threads, and every record
    /// comes out: at least once, since the mock refuses commits while the group rebalances.
    @Test func aSecondServerTakesPartitionsFromTheFirstOnesThreads() async throws {
        let kafka = try KafkaFixture()
        let script = Self.twoThreads + "CREATE STREAM big AS SELECT id, item, qty * 10 AS units FROM orders WHERE qty > 1;\n"
        let first = try await kafka.startSession(script)
        let runner = try #require(first.runtime.runners["CSAS_BIG_0"])
        #expect(try await kafka.eventually { runner.assignedPerThread == [2, 2] })
        try await kafka.produce("orders", (0..<200).map { ("k\($0)", #"{"QTY": 5, "ITEM": "a"}"#) })
        #expect(try await kafka.eventually { runner.stats.consumed >= 200 })

        let second = try await kafka.startSession(script)
        let other = try #require(second.runtime.runners["CSAS_BIG_0"])
        #expect(try await kafka.eventually {
            runner.assignedPerThread == [1, 1] && other.assignedPerThread == [1, 1]
        })
        try await kafka.produce("orders", (200..<400).map { ("k\($0)", #"{"QTY": 5, "ITEM": "b"}"#) })
        let expected = Set((0..<400).map { "k\($0)" })
        let keys = try await Self.keys(kafka, "BIG", until: expected)
        #expect(Set(keys) == expected)
        #expect(other.consumedPerThread.allSatisfy { $0 > 0 })
        try await kafka.stop(second)
        try await kafka.stop(first)
    }

    /// A GROUP BY that re-keys runs its upstream half (decode, filter, pre-aggregation) on every
    /// stream thread; the thread that also reads the repartition topic keeps the store. The
    /// counts come out exact once the group has settled.
    @Test func groupByUpstreamRunsOnEveryStreamThread() async throws {
        let kafka = try KafkaFixture()
        let session = try await kafka.startSession(Self.twoThreads + """
            CREATE TABLE per_item AS SELECT item, COUNT(*) AS n, SUM(qty) AS units FROM orders GROUP BY item;
            """)
        let runner = try #require(session.runtime.runners["CTAS_PER_ITEM_0"])
        #expect(runner.threads == 2)
        // The first thread reads 2 source partitions and the 4 repartition ones, the other 2.
        #expect(try await kafka.eventually { runner.assignedPerThread == [6, 2] })
        try await kafka.produce("orders", (0..<400).map { ("k\($0)", #"{"QTY": \#($0 % 5), "ITEM": "item-\#($0 % 3)"}"#) })
        var expected: [String: String] = [:]
        for item in 0..<3 {
            let ids = (0..<400).filter { $0 % 3 == item }
            expected["item-\(item)"] = #"{"N":\#(ids.count),"UNITS":\#(ids.reduce(0) { $0 + $1 % 5 })}"#
        }
        var latest: [String: String] = [:]
        let clock = ContinuousClock()
        let end = clock.now + .seconds(40)
        while clock.now < end, latest != expected {
            for message in try await kafka.readAll("PER_ITEM", expecting: .max, deadline: .seconds(2)) {
                if let key = text(message.key), let value = text(message.value) { latest[key] = value }
            }
        }
        #expect(latest == expected)
        #expect(runner.consumedPerThread.allSatisfy { $0 > 0 })
        try await kafka.stop(session)
    }

    @Test func malformedRecordGoesToTheProcessingLogAndTheQueryContinues() async throws {
        let kafka = try KafkaFixture()
        let session = try await kafka.startSession(Self.source)
        var records = (0..<10).map { Self.order($0, qty: 3) }
        records.insert((nil, "{not json"), at: 5)
        try await kafka.produce("orders", records)
        let out = try await kafka.readAll("BIG", expecting: 10)
        try await kafka.stop(session)

        #expect(out.count == 10)
        let entries = kafka.log.recent
        #expect(entries.count == 1)
        #expect(entries.first?.queryID == "CSAS_BIG_0")
        #expect(entries.first?.topic == "orders")
    }

    @Test func pushQueryStreamsFromEarliestUntilLimit() async throws {
        let kafka = try KafkaFixture()
        try kafka.cluster.createTopic("orders", partitions: 2)
        try await kafka.produce("orders", (0..<10).map { Self.order($0, qty: $0) })
        let session = try await kafka.startSession("""
            SET 'auto.offset.reset' = 'earliest';
            CREATE STREAM orders (id INT KEY, qty INT, item STRING)
                WITH (kafka_topic='orders', key_format='KAFKA', value_format='JSON');
            SELECT item, qty FROM orders WHERE qty >= 5 EMIT CHANGES LIMIT 3;
            """)
        #expect(try await kafka.eventually { kafka.output.all.contains { $0.hasSuffix("ended") } })
        try await kafka.stop(session)
        let rows = kafka.output.all.filter { $0.hasPrefix("ORDERS> | ") }
        #expect(rows.count == 3)
        #expect(rows.allSatisfy { line in ["5", "6", "7", "8", "9"].contains { line.hasSuffix("| \($0) |") } })
    }

    @Test func missingTopicsAreRefusedAndShowTopicsListsTheCluster() async throws {
        let kafka = try KafkaFixture()
        do {
            _ = try await kafka.startSession("CREATE STREAM s (v INT) WITH (kafka_topic='nope', value_format='JSON');")
            Issue.record("expected the statement to fail")
        } catch {
            #expect("\(error)".contains("Topic 'nope' does not exist."))
        }
        let session = try await kafka.startSession("""
            CREATE STREAM s (v INT) WITH (kafka_topic='shown', value_format='JSON', partitions=3);
            SHOW TOPICS;
            """)
        try await kafka.stop(session)
        let listing = kafka.output.all.joined(separator: "\n")
        #expect(listing.contains("| shown       | 3          |"))
        #expect(!listing.contains("nope"))
        #expect(!listing.contains("__consumer_offsets"))
    }
}

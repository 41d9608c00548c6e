import EddyKafka
import EddyKafkaRuntime
import EddyRuntime
import Testing

/// A GROUP BY on a value column over a multi-partition topic re-keys through a real
/// `-repartition` topic on the cluster, partitioned by murmur2 over the new key.
@Suite struct KafkaRepartitionTests {
    /// Without the combiner every row goes through the topic (`AggregateCombinerTests` below
    /// covers the default, combined path).
    @Test func groupByValueColumnUsesRepartitionTopic() async throws {
        let kafka = try KafkaFixture()
        let session = try await kafka.startSession("""
            SET 'auto.offset.reset' = 'earliest';
            SET 'eddy.aggregate.combiner.enabled' = 'false';
            CREATE STREAM orders (id STRING KEY, region STRING)
                WITH (kafka_topic='orders', key_format='KAFKA', value_format='JSON', partitions=3);
            CREATE TABLE per_region AS SELECT region, COUNT(*) AS n FROM orders GROUP BY region EMIT CHANGES;
            """)
        let regions = ["north", "south", "east", "west"]
        // 120 orders with distinct ids spread over the 3 source partitions; 30 per region.
        try await kafka.produce("orders", (0..<120).map { ("order-\($0)", #"{"REGION":"\#(regions[$0 % 4])"}"#) })
        let runner = try #require(session.runtime.runners["CTAS_PER_REGION_0"])
        let repartition = try #require(runner.sourceTopics.first { $0.hasSuffix("-Aggregate-GroupBy-repartition") })
        #expect(repartition.hasPrefix("_confluent-ksql-"))
        // Each order is consumed from the source, and what the query wrote to the repartition
        // topic is read back.
        #expect(try await kafka.eventually {
            runner.stats.sourceConsumed >= 120 && runner.stats.internalConsumed > 0 && runner.stats.internalDrained
        })
        try await kafka.stop(session)

        #expect(try kafka.cluster.partitionCount(repartition, settings: kafka.settings) == 3)
        let rekeyed = try await kafka.readAll(repartition, expecting: 120, deadline: .seconds(2))
        #expect(rekeyed.count == 120)
        for message in rekeyed {
            let key = try #require(message.key)
            #expect(regions.contains(text(key) ?? ""))
            #expect(message.partition == Murmur2Partitioner.partition(for: key, partitions: 3))
        }
        let out = try await kafka.readAll("PER_REGION", expecting: 120, deadline: .seconds(2))
        let finals = KafkaTableTests.latest(out)
        #expect(finals.count == 4)
        #expect(Set(finals.values) == [#"{"N":30}"#])
    }

    /// Stopping while orders still arrive and restarting must neither lose nor double-count an
    /// order: repartition records are flushed before the source offsets that produced them are
    /// committed, and the repartition topic's own offsets are committed with the sources'.
    /// With two stream threads the second one runs only the upstream half (see
    /// `groupByUpstreamRunsOnEveryStreamThread`); both share the query's one group member, so
    /// the counts are exact there too.
    @Test(arguments: [1, 2])
    func restartMidStreamKeepsRepartitionedCountsExact(threads: Int) async throws {
        let kafka = try KafkaFixture()
        let script = """
            SET 'auto.offset.reset' = 'earliest';
            SET 'ksql.streams.num.stream.threads' = '\(threads)';
            CREATE STREAM orders (id STRING KEY, region STRING)
                WITH (kafka_topic='orders', key_format='KAFKA', value_format='JSON', partitions=2);
            CREATE TABLE per_region AS SELECT region, COUNT(*) AS n FROM orders GROUP BY region EMIT CHANGES;
            """
        let orders = (0..<600).map { ("order-\($0)", #"{"REGION":"\#(["north", "south", "east"][$0 % 3])"}"#) }
        // Two source partitions and two repartition partitions: the first thread reads the
        // repartition ones and one source partition.
        let settled = threads == 1 ? [4] : [3, 1]
        let first = try await kafka.startSession(script)
        let runner = try #require(first.runtime.runners["CTAS_PER_REGION_0"])
        #expect(runner.threads == threads)
        #expect(try await kafka.eventually { runner.assignedPerThread == settled })
        try await kafka.produce("orders", Array(orders[..<200]))
        #expect(try await kafka.eventually { runner.stats.consumed > 0 })
        let producing = Task { try await kafka.produce("orders", Array(orders[200..<400])) }
        try await kafka.stop(first)
        try await producing.value

        let second = try await kafka.startSession(script)
        let restarted = try #require(second.runtime.runners["CTAS_PER_REGION_0"])
        #expect(try await kafka.eventually { restarted.assignedPerThread == settled })
        try await kafka.produce("orders", Array(orders[400...]))
        // Every order is read from the source, and every repartition record is read back (the
        // restarted query reads what the first one wrote but did not read).
        #expect(try await kafka.eventually {
            runner.stats.sourceConsumed + restarted.stats.sourceConsumed >= 600
                && runner.stats.internalConsumed + restarted.stats.internalConsumed
                    >= runner.stats.internalProduced + restarted.stats.internalProduced
        })
        let count = { (row: String) in Int(row.filter(\.isNumber)) ?? 0 }
        let finals = try await Self.latest(kafka, "PER_REGION") { rows in
            rows.count == 3 && rows.values.allSatisfy { count($0) >= 200 }
        }
        try await kafka.stop(second)
        #expect(finals.count == 3)
        #expect(Set(finals.values) == [#"{"N":200}"#])
    }

    /// Reads a table's topic until its latest rows satisfy `done` (or 30 s pass).
    static func latest(_ kafka: KafkaFixture, _ topic: String, until done: ([[UInt8]: String]) -> Bool) async throws -> [[UInt8]: String] {
        let clock = ContinuousClock()
        let end = clock.now + .seconds(40)
        var rows: [[UInt8]: String] = [:]
        while clock.now < end {
            // A short read can miss a partition's tail: read for a while each time.
            rows = KafkaTableTests.latest(try await kafka.readAll(topic, expecting: .max, deadline: .seconds(2)))
            if done(rows) { break }
        }
        return rows
    }

    /// The default path: a combiner folds rows into partial aggregates per group and window
    /// before the repartition topic, so the topic holds far fewer records than the source,
    /// and the final table is the exact per-window COUNT and SUM.
    @Test func combinerWritesPartialsAndKeepsWindowedResults() async throws {
        let kafka = try KafkaFixture()
        let session = try await kafka.startSession("""
            SET 'auto.offset.reset' = 'earliest';
            CREATE STREAM orders (id STRING KEY, region STRING, amount BIGINT)
                WITH (kafka_topic='orders', key_format='KAFKA', value_format='JSON', partitions=3);
            CREATE TABLE per_region AS SELECT region, COUNT(*) AS n, SUM(amount) AS total FROM orders
                WINDOW TUMBLING (SIZE 10 SECONDS) GROUP BY region EMIT CHANGES;
            """)
        let regions = ["north", "south", "east", "west"]
        // 600 orders over 30 s of event time: 3 windows, 50 orders per region and window.
        let count = 600
        try await kafka.produce("orders", (0..<count).map { ("order-\($0)", #"{"REGION":"\#(regions[$0 % 4])","AMOUNT":\#($0 % 7)}"#) },
                                timestamps: (0..<count).map { Int64(1_000_000 + $0 * 50) })
        var expected: [String: (n: Int, total: Int)] = [:]
        for i in 0..<count {
            let key = "\(regions[i % 4])@\((1_000_000 + i * 50) / 10_000 * 10_000)"
            expected[key, default: (0, 0)].n += 1
            expected[key, default: (0, 0)].total += i % 7
        }
        let wanted = Set(expected.values.map { #"{"N":\#($0.n),"TOTAL":\#($0.total)}"# })
        let finals = try await Self.latest(kafka, "PER_REGION") { $0.count == expected.count && Set($0.values) == wanted }
        let runner = try #require(session.runtime.runners["CTAS_PER_REGION_0"])
        let repartition = try #require(runner.sourceTopics.first { $0.hasSuffix("-Aggregate-GroupBy-repartition") })
        try await kafka.stop(session)

        #expect(finals.count == expected.count)
        #expect(Set(finals.values) == wanted)
        let written = try await kafka.readAll(repartition, expecting: count, deadline: .seconds(2))
        #expect(written.count < count / 4, "\(written.count) repartition records for \(count) orders")
        for message in written {
            guard let key = message.key else { continue }  // a time mark
            #expect(message.partition == Murmur2Partitioner.partition(for: key, partitions: 3))
        }
    }
}

import EddyFormats
import EddyKafka
import EddyKafkaRuntime
import Testing

/// The dev stack end to end: the embedded registry over HTTP, the AVRO orders feed, schema
/// inference, and a bad record among good ones.
@Suite struct DevStackTests {
    @Test func avroFeedIsInferredFromTheEmbeddedRegistryAndBadRecordsAreLogged() async throws {
        let kafka = try KafkaFixture()
        let (backend, registry) = try await kafka.startRegistry()
        defer { registry.stop() }
        var options = OrdersFeed.Options()
        options.rate = 200
        options.valueFormat = "AVRO"
        let feed = try OrdersFeed(settings: kafka.settings, formats: .withSchemaRegistry(registry.client),
                                  options: options, logger: quietLogger())
        try await onDedicatedThread { try feed.start(admin: backend.admin) }
        #expect(try await onDedicatedThread { feed.waitForFirstOrder() })
        #expect(try registry.registry.subjects().contains("tidb_tpcc_orders-value"))

        let session = try await kafka.startSession("""
            SET 'auto.offset.reset' = 'earliest';
            CREATE STREAM orders WITH (kafka_topic='tidb_tpcc_orders', value_format='AVRO');
            CREATE STREAM lines AS SELECT o_w_id, o_ol_cnt FROM orders;
            DESCRIBE orders;
            """, schemaRegistry: registry.client)
        try await kafka.produce("tidb_tpcc_orders", [(nil, "not avro at all")])
        let runner = try #require(session.runtime.runners["CSAS_LINES_0"])
        let before = feed.producedCount
        #expect(try await kafka.eventually { runner.stats.produced > before + 20 && !kafka.log.recent.isEmpty })
        feed.stop()
        try await kafka.stop(session)

        let description = kafka.output.all.joined(separator: "\n")
        #expect(description.contains("O_ENTRY_D"))
        #expect(description.contains("O_ALL_LOCAL"))
        #expect(kafka.log.recent.contains { $0.queryID == "CSAS_LINES_0" && $0.topic == "tidb_tpcc_orders" })
    }
}

import EddyCore
import EddyEngine
import EddyFormats
import EddyRegistryServer
import EddySchemaRegistry
import Testing

/// CREATE without columns against the embedded registry, through the HTTP client, as dev mode runs.
@Suite struct InferenceOverHTTPTests {
    @Test func createStreamInfersColumnsAndCSASRegistersItsSchema() async throws {
        let backing = InMemorySchemaRegistry.withFormatSupport()
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await SchemaRegistryServer(registry: backing, port: 0).run { continuation.yield($0) } }
        defer { task.cancel() }
        var it = ports.makeAsyncIterator()
        let port = try #require(await it.next())
        _ = try backing.register(subject: "orders-value", schema: RegisteredSchema(schema:
            #"{"type":"record","name":"Order","fields":[{"name":"o_id","type":"long"},{"name":"o_w_id","type":["null","int"]},"#
            + #"{"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":6,"scale":2}}]}"#))

        let client = HTTPSchemaRegistryClient(url: "http://127.0.0.1:\(port)")
        let described: (String, Int?) = try await client.onRegistryThread { client in
            let engine = Engine(formats: .withSchemaRegistry(client), schemaRegistry: client)
            engine.broker.createTopic("orders", partitions: 1)
            try engine.execute("CREATE STREAM ORDERS WITH (KAFKA_TOPIC='orders', VALUE_FORMAT='AVRO');")
            try engine.execute("CREATE STREAM BIG AS SELECT O_ID, AMOUNT FROM ORDERS WHERE O_W_ID = 1;")
            let schema = engine.catalog.source("ORDERS")?.schema.description ?? ""
            return (schema, try client.latestIfPresent(subject: "BIG-value")?.id)
        }
        #expect(described.0 == "`O_ID` BIGINT, `O_W_ID` INTEGER, `AMOUNT` DECIMAL(6, 2)")
        #expect(described.1 == 2)

        let missing: String = try await client.onRegistryThread { client in
            let engine = Engine(formats: .withSchemaRegistry(client), schemaRegistry: client)
            engine.broker.createTopic("nothing", partitions: 1)
            do {
                try engine.execute("CREATE STREAM N WITH (KAFKA_TOPIC='nothing', VALUE_FORMAT='AVRO');")
                return ""
            } catch let e as EddyError {
                return e.message
            }
        }
        #expect(missing.hasPrefix("Schema for message values on topic 'nothing' does not exist in the Schema Registry."))
    }
}

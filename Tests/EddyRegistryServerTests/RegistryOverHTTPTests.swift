import EddyFormats
import EddyRegistryServer
import EddySchemaRegistry
import Synchronization
import Testing

/// The embedded registry served over a real socket and driven by the libcurl client.
@Suite struct RegistryOverHTTPTests {
    /// Starts a server on a free port, runs `body` with a client for it, then shuts it down.
    func withServer(_ registry: InMemorySchemaRegistry = .withFormatSupport(),
                    options: RegistryConnectionOptions = .init(),
                    _ body: @escaping @Sendable (HTTPSchemaRegistryClient) throws -> Void) async throws {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = SchemaRegistryServer(registry: registry, port: 0)
        let task = Task { try await server.run { continuation.yield($0) } }
        defer { task.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        let client = HTTPSchemaRegistryClient(url: "http://127.0.0.1:\(port)", options: options)
        // curl blocks: keep it off the cooperative pool the server also runs on.
        try await client.onRegistryThread { try body($0) }
    }

    @Test func registersAndReadsBackWithConfluentShapes() async throws {
        try await withServer { client in
            let schema = RegisteredSchema(schema: #"{"type":"record","name":"r","fields":[{"name":"a","type":"int"}]}"#)
            let id = try client.register(subject: "orders-value", schema: schema)
            #expect(id == 1)
            #expect(try client.register(subject: "other-value", schema: schema) == 1)
            #expect(try client.subjects() == ["orders-value", "other-value"])
            #expect(try client.versions(subject: "orders-value") == [1])
            let latest = try client.latest(subject: "orders-value")
            #expect(latest.id == 1 && latest.version == 1 && latest.schema == schema)
            #expect(try client.version(subject: "orders-value", version: 1).id == 1)
            #expect(try client.schema(byID: 1) == schema)
            #expect(try client.lookup(subject: "orders-value", schema: schema).version == 1)
            let proto = RegisteredSchema(schemaType: RegisteredSchema.protobuf, schema: "syntax = \"proto3\";\nmessage M { int32 a = 1; }\n")
            let pid = try client.register(subject: "p-value", schema: proto)
            #expect(try client.schema(byID: pid) == proto)
        }
    }

    @Test func errorsCarryConfluentCodes() async throws {
        try await withServer { client in
            #expect(throws: SchemaRegistryError.subjectNotFound("nope")) { try client.latest(subject: "nope") }
            #expect(throws: SchemaRegistryError.schemaNotFound(id: 42)) { try client.schema(byID: 42) }
            _ = try client.register(subject: "s", schema: RegisteredSchema(schema: #""int""#))
            #expect(throws: SchemaRegistryError.versionNotFound(9)) { try client.version(subject: "s", version: 9) }
            do {
                _ = try client.register(subject: "s", schema: RegisteredSchema(schema: "{broken"))
                Issue.record("an invalid schema was accepted")
            } catch let e as SchemaRegistryError {
                #expect(e.errorCode == 42201 && e.httpStatus == 422)
            }
        }
    }

    @Test func compatibilityAndConfig() async throws {
        try await withServer { client in
            let v1 = RegisteredSchema(schema: #"{"type":"record","name":"r","fields":[{"name":"a","type":"int"}]}"#)
            let bad = RegisteredSchema(schema: #"{"type":"record","name":"r","fields":[{"name":"b","type":"string"}]}"#)
            _ = try client.register(subject: "c", schema: v1)
            #expect(try client.compatibilityLevel(subject: nil, fallBackToGlobal: true) == .backward)
            #expect(try !client.isCompatible(subject: "c", schema: bad))
            #expect(try !client.isCompatible(subject: "c", schema: bad, version: 1))
            do {
                _ = try client.register(subject: "c", schema: bad)
                Issue.record("an incompatible schema was registered")
            } catch let e as SchemaRegistryError {
                #expect(e.httpStatus == 409)
            }
            try client.setCompatibilityLevel(.none, subject: "c")
            #expect(try client.compatibilityLevel(subject: "c", fallBackToGlobal: false) == .none)
            #expect(try client.register(subject: "c", schema: bad) == 2)
            #expect(try client.deleteSubject("c", permanent: false) == [1, 2])
            #expect(try client.subjects().isEmpty)
        }
    }

    @Test func basicAuthHeaderIsSentWhenConfigured() async throws {
        // The embedded registry does not check credentials; this checks the option reaches curl
        // without breaking requests.
        try await withServer(options: .init(basicAuthUserInfo: "user:secret")) { client in
            let subjects = try client.subjects()
            #expect(subjects.isEmpty)
        }
    }

    @Test func schemaLogPersistsAcrossRestarts() async throws {
        final class Records: @unchecked Sendable {
            let lock = Mutex<[SchemaLogRecord]>([])
        }
        let records = Records()
        let log = ClosureSchemaLog { r in records.lock.withLock { $0.append(r) } }
        try await withServer(.withFormatSupport(log: log)) { client in
            _ = try client.register(subject: "t-value", schema: RegisteredSchema(schema: #""string""#))
            try client.setCompatibilityLevel(.full, subject: nil)
        }
        // Through the `_schemas` record format and back, then into a fresh registry.
        let encoded = records.lock.withLock { $0 }.map(SchemaLogCodec.encode)
        let decoded = try encoded.compactMap { try SchemaLogCodec.decode(key: $0.key, value: $0.value) }
        try await withServer(.withFormatSupport(replaying: decoded)) { client in
            let latest = try client.latest(subject: "t-value")
            let level = try client.compatibilityLevel(subject: nil, fallBackToGlobal: true)
            #expect(latest.id == 1)
            #expect(level == .full)
        }
    }
}

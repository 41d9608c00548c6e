import EddySchemaRegistry
import Hummingbird
import Logging

/// The embedded Confluent-compatible Schema Registry for dev mode (`eddy server --dev`).
///
/// It serves an `InMemorySchemaRegistry`; to keep schemas across restarts, build that registry with
/// a `SchemaLog` that appends to the `_schemas` topic and replay the topic's records into it
/// (`SchemaLogCodec` reads and writes Confluent's record format).
public struct SchemaRegistryServer: Sendable {
    public let registry: InMemorySchemaRegistry
    public var host: String
    /// 0 picks a free port; `onRunning` receives the one bound.
    public var port: Int
    public var logger: Logger

    public init(registry: InMemorySchemaRegistry, host: String = "127.0.0.1", port: Int = 8081,
                logger: Logger = Logger(label: "eddy.schema-registry")) {
        self.registry = registry
        self.host = host
        self.port = port
        self.logger = logger
    }

    /// The Hummingbird application; run it with `runService()` or inside a ServiceGroup.
    public func application(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router()
        RegistryRoutes(registry: registry).add(to: router)
        return Application(router: router,
                           configuration: .init(address: .hostname(host, port: port), serverName: "eddy-schema-registry"),
                           onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? 0) },
                           logger: logger)
    }

    /// Serves until the surrounding task is cancelled.
    public func run(onRunning: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await application(onRunning: onRunning).run()
    }
}

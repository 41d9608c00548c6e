import EddySchemaRegistry

extension FormatRegistry {
    /// The formats that keep their schemas in a Schema Registry, all sharing `registry`.
    public static func schemaRegistryFormats(_ registry: any SchemaRegistryClient) -> [any Format] {
        [AvroFormat(registry: registry)]
    }

    /// The built-in formats plus the schema-registry ones.
    public static func standard(registry: any SchemaRegistryClient) -> FormatRegistry {
        var r = FormatRegistry.builtIn
        for f in schemaRegistryFormats(registry) { r.register(f) }
        return r
    }
}

extension InMemorySchemaRegistry {
    /// An in-process registry that validates and compares the schema languages Eddy knows.
    public static func withFormatSupport(log: (any SchemaLog)? = nil, replaying: [SchemaLogRecord] = []) -> InMemorySchemaRegistry {
        InMemorySchemaRegistry(supports: [AvroSchemaSupport()], log: log, replaying: replaying)
    }
}

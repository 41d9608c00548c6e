import EddySchemaRegistry

extension FormatRegistry {
    /// The formats that keep their schemas in a Schema Registry, all sharing `registry`, plus
    /// PROTOBUF_NOSR.
    public static func schemaRegistryFormats(_ registry: any SchemaRegistryClient) -> [any Format] {
        [AvroFormat(registry: registry), ProtobufFormat(registry: registry), ProtobufNoSRFormat(), JSONSchemaFormat(registry: registry)]
    }

    /// `base` (the built-in formats by default) plus the schema-registry ones.
    public static func withSchemaRegistry(_ registry: any SchemaRegistryClient, base: FormatRegistry = .builtIn) -> FormatRegistry {
        var formats = base
        for f in schemaRegistryFormats(registry) { formats.register(f) }
        return formats
    }
}

extension InMemorySchemaRegistry {
    /// An in-process registry that validates and compares the schema languages Eddy knows.
    public static func withFormatSupport(log: (any SchemaLog)? = nil, replaying: [SchemaLogRecord] = []) -> InMemorySchemaRegistry {
        InMemorySchemaRegistry(supports: [AvroSchemaSupport()], log: log, replaying: replaying)
    }
}

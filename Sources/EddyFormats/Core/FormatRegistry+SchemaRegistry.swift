import EddySchemaRegistry

extension FormatRegistry {
    /// The formats that keep their schemas in a Schema Registry, all sharing `registry`, plus
    /// PROTOBUF_NOSR.
    public static func schemaRegistryFormats(_ registry: any SchemaRegistryClient,
                                             avroCodec: AvroCodec = .default) -> [any Format] {
        [AvroFormat(registry: registry, codec: avroCodec), ProtobufFormat(registry: registry), ProtobufNoSRFormat(), JSONSchemaFormat(registry: registry)]
    }

    /// `base` (the built-in formats by default) plus the schema-registry ones.
    public static func withSchemaRegistry(_ registry: any SchemaRegistryClient, base: FormatRegistry = .builtIn,
                                          avroCodec: AvroCodec = .default) -> FormatRegistry {
        var formats = base
        for f in schemaRegistryFormats(registry, avroCodec: avroCodec) { formats.register(f) }
        return formats
    }
}

extension InMemorySchemaRegistry {
    /// An in-process registry that validates and compares the schema languages Eddy knows.
    public static func withFormatSupport(log: (any SchemaLog)? = nil, replaying: [SchemaLogRecord] = []) -> InMemorySchemaRegistry {
        InMemorySchemaRegistry(supports: [AvroSchemaSupport()], log: log, replaying: replaying)
    }
}

import EddySchemaRegistry

extension FormatRegistry {
    /// The built-in formats plus the ones that need a schema registry (PROTOBUF, JSON_SR) and
    /// PROTOBUF_NOSR. AVRO is added by its own module.
    public static func withSchemaRegistry(_ registry: any SchemaRegistryClient, base: FormatRegistry = .builtIn) -> FormatRegistry {
        var formats = base
        formats.register(ProtobufFormat(registry: registry))
        formats.register(ProtobufNoSRFormat())
        formats.register(JSONSchemaFormat(registry: registry))
        return formats
    }
}

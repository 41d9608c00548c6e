import EddyCore
import EddyFormats
import EddyPlanner
import EddySchemaRegistry
import EddySQL

/// WITH-clause properties of the registry formats. Inference and registration themselves live in
/// SchemaInference.swift (ksqlDB's DefaultSchemaInjector and SchemaRegisterInjector).
extension SourceBuilder {
    /// Format properties that come from the WITH clause for registry formats.
    static func registryProperties(_ props: Properties, prefix: String) -> [String: String] {
        var out: [String: String] = [:]
        if let id = props[prefix + "SCHEMA_ID"] { out[FormatInfo.schemaIdProperty] = id.text ?? "\(id)" }
        if let name = props.string(prefix + "SCHEMA_FULL_NAME") { out[FormatInfo.fullSchemaNameProperty] = name }
        if let n = props.string(prefix + "PROTOBUF_NULLABLE_REPRESENTATION") {
            out[ProtobufProperties.nullableRepresentation] = n.lowercased()
        }
        return out
    }
}

import EddyCore
import EddyFormats

extension DataSource {
    /// The columns a record's value carries (header columns come from record headers).
    public var serializedValueColumns: [Column] { schema.serializedValueColumns }

    public func serdeContext(isKey: Bool) -> SerdeContext {
        isKey ? SerdeContext(info: keyFormat, features: keyFeatures, isKey: true, topic: topic)
              : SerdeContext(info: valueFormat, features: valueFeatures, isKey: false, topic: topic)
    }

    /// A serializer for this source's key or value columns.
    public func makeSerializer(isKey: Bool, formats: FormatRegistry) throws -> any RowSerializer {
        try formats.format(for: isKey ? keyFormat : valueFormat).makeSerializer(
            columns: isKey ? schema.keyColumns : serializedValueColumns, context: serdeContext(isKey: isKey))
    }

    /// A deserializer for this source's key or value columns.
    public func makeDeserializer(isKey: Bool, formats: FormatRegistry) throws -> any RowDeserializer {
        try formats.format(for: isKey ? keyFormat : valueFormat).makeDeserializer(
            columns: isKey ? schema.keyColumns : serializedValueColumns, context: serdeContext(isKey: isKey))
    }
}

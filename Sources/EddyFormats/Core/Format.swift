import EddyCore

/// A serialization format for a topic's key or value: JSON, DELIMITED, KAFKA, NONE, and the
/// schema-registry formats (AVRO, PROTOBUF, PROTOBUF_NOSR, JSON_SR) that register themselves later.
///
/// Formats are stateless and shared; the serdes they make hold the per-task scratch state.
/// Schema-registry formats receive their registry client when constructed, so this protocol
/// needs no knowledge of it.
public protocol Format: Sendable {
    /// Upper-case name, as written in `FORMAT`, `KEY_FORMAT` and `VALUE_FORMAT`.
    var name: String { get }
    /// The wrapping (and inference) features the format can honour.
    var supportedFeatures: Set<SerdeFeature> { get }
    /// Property keys accepted in `FormatInfo.properties` (e.g. `delimiter`).
    var supportedProperties: Set<String> { get }

    /// Throws ksqlDB's error for unknown or empty properties, or invalid values.
    func validateProperties(_ properties: [String: String]) throws

    /// Whether a single key column of this type can be serialized (ksqlDB's `supportsKeyType`).
    func supportsKeyType(_ type: SQLType) -> Bool

    /// Throws ksqlDB's message when `columns` (all key or all value columns) can't be handled,
    /// e.g. "The 'KAFKA' format does not support type 'ARRAY'".
    func validate(columns: [Column], isKey: Bool, features: SerdeFeatures) throws

    /// Builds a serializer for `columns`. Validates first, so it throws what `validate` throws.
    func makeSerializer(columns: [Column], context: SerdeContext) throws -> any RowSerializer

    /// Builds a deserializer for `columns`. Validates first, so it throws what `validate` throws.
    func makeDeserializer(columns: [Column], context: SerdeContext) throws -> any RowDeserializer
}

extension Format {
    public var supportedFeatures: Set<SerdeFeature> { [] }
    public var supportedProperties: Set<String> { [] }

    public func supportsFeature(_ feature: SerdeFeature) -> Bool { supportedFeatures.contains(feature) }

    public func validateProperties(_ properties: [String: String]) throws {
        try FormatProperties.validate(formatName: name, properties: properties, supported: supportedProperties)
    }

    public func validate(columns: [Column], isKey: Bool) throws {
        try validate(columns: columns, isKey: isKey, features: .none)
    }
}

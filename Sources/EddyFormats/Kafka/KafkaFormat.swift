import EddyCore

/// The KAFKA format: one column in Kafka's own primitive serializations (big-endian INT, BIGINT,
/// DOUBLE; UTF-8 STRING; raw BYTES).
public struct KafkaFormat: Format {
    public static let name = "KAFKA"
    public var name: String { Self.name }
    public var supportedFeatures: Set<SerdeFeature> { [.unwrapSingles] }

    public init() {}

    public func supportsKeyType(_ type: SQLType) -> Bool { Self.supports(type) }

    static func supports(_ type: SQLType) -> Bool {
        switch type {
        case .int, .bigint, .double, .string, .bytes: true
        default: false
        }
    }

    public func validate(columns: [Column], isKey: Bool, features: SerdeFeatures) throws {
        if columns.count > 1 {
            throw EddyErrorFactory.execution(
                "The 'KAFKA' format only supports a single field. Got: \(FormatMessages.columnList(columns))")
        }
        if let column = columns.first, !Self.supports(column.type) {
            throw EddyErrorFactory.execution(FormatMessages.unsupportedType(format: name, column.type))
        }
    }

    public func makeSerializer(columns: [Column], context: SerdeContext) throws -> any RowSerializer {
        try validate(columns: columns, isKey: context.isKey, features: context.features)
        guard let column = columns.first else { return VoidSerde() }
        return KafkaSerde(type: column.type, context: context)
    }

    public func makeDeserializer(columns: [Column], context: SerdeContext) throws -> any RowDeserializer {
        try validate(columns: columns, isKey: context.isKey, features: context.features)
        guard let column = columns.first else { return VoidSerde() }
        return KafkaSerde(type: column.type, context: context)
    }
}

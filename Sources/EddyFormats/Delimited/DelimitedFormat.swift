import EddyCore

/// The DELIMITED format: one CSV record per message, quoted the way Apache commons-csv does,
/// with a configurable single-character delimiter. Primitive types only.
public struct DelimitedFormat: Format {
    public static let name = "DELIMITED"
    public var name: String { Self.name }
    public var supportedFeatures: Set<SerdeFeature> { [.unwrapSingles] }
    public var supportedProperties: Set<String> { [FormatInfo.delimiterProperty] }

    public init() {}

    public func validateProperties(_ properties: [String: String]) throws {
        try FormatProperties.validate(formatName: name, properties: properties, supported: supportedProperties)
        if let d = properties[FormatInfo.delimiterProperty] { _ = try Delimiter(parsing: d) }
    }

    public func supportsKeyType(_ type: SQLType) -> Bool { type.isPrimitive }

    public func validate(columns: [Column], isKey: Bool, features: SerdeFeatures) throws {
        for column in columns where !column.type.isPrimitive {
            throw EddyErrorFactory.execution(
                FormatMessages.unsupportedType(format: name, column.type) + ", column: `\(column.name)`")
        }
    }

    func delimiter(_ info: FormatInfo) throws -> Delimiter {
        guard let text = info.delimiter else { return .comma }
        return try Delimiter(parsing: text)
    }

    public func makeSerializer(columns: [Column], context: SerdeContext) throws -> any RowSerializer {
        try validate(columns: columns, isKey: context.isKey, features: context.features)
        return DelimitedSerializer(types: columns.map(\.type), delimiter: try delimiter(context.info), context: context)
    }

    public func makeDeserializer(columns: [Column], context: SerdeContext) throws -> any RowDeserializer {
        try validate(columns: columns, isKey: context.isKey, features: context.features)
        return DelimitedDeserializer(types: columns.map(\.type), delimiter: try delimiter(context.info), context: context)
    }
}

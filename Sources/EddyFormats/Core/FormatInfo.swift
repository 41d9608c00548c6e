import EddySchemaRegistry

/// A format name plus its properties, as given in a WITH clause (`VALUE_FORMAT='DELIMITED',
/// VALUE_DELIMITER='|'`) or stored in a plan. The name is always upper-cased.
public struct FormatInfo: Hashable, Sendable, Codable, CustomStringConvertible {
    public var format: String
    public var properties: [String: String]

    /// Property keys shared by the built-in formats, spelled as ksqlDB stores them.
    public static let delimiterProperty = "delimiter"
    public static let schemaIdProperty = "schemaId"
    public static let fullSchemaNameProperty = "fullSchemaName"
    /// Set only when a source chose RecordName or TopicRecordName, so TopicName sources stay as before.
    public static let subjectNameStrategyProperty = "subjectNameStrategy"

    public init(_ format: String, properties: [String: String] = [:]) {
        self.format = format.uppercased()
        self.properties = properties
    }

    public subscript(property: String) -> String? { properties[property] }

    public var delimiter: String? { properties[Self.delimiterProperty] }
    public var schemaId: Int? { properties[Self.schemaIdProperty].flatMap { Int($0) } }
    public var fullSchemaName: String? { properties[Self.fullSchemaNameProperty] }
    /// The registry subject naming of this key or value (TopicName unless the property says otherwise).
    public var subjectNameStrategy: SubjectNameStrategy {
        properties[Self.subjectNameStrategyProperty].flatMap(SubjectNameStrategy.init(configValue:)) ?? .topicName
    }

    /// ksqlDB's `FormatInfo{format=JSON, properties={}}` rendering, used in DESCRIBE and errors.
    public var description: String {
        let props = properties.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        return "FormatInfo{format=\(format), properties={\(props)}}"
    }
}

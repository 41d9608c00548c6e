/// How a topic's key or value schema is filed under a subject. ksqlDB only uses TopicName (#8825);
/// Eddy offers Confluent's other two as well.
public enum SubjectNameStrategy: String, Sendable, Hashable, Codable, CaseIterable {
    /// `<topic>-key` / `<topic>-value`.
    case topicName = "TopicNameStrategy"
    /// The record's full name, so one record type can travel on many topics.
    case recordName = "RecordNameStrategy"
    /// `<topic>-<record full name>`.
    case topicRecordName = "TopicRecordNameStrategy"

    /// The package of Confluent's strategy classes, which serializer configs name.
    public static let javaPackage = "io.confluent.kafka.serializers.subject."

    /// Accepts the short names and the Java class names Confluent's serializers are configured with
    /// (`io.confluent.kafka.serializers.subject.TopicRecordNameStrategy`), in any case.
    public init?(configValue: String) {
        var name = String(configValue.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()).lowercased()
        if name.hasPrefix(Self.javaPackage.lowercased()) { name.removeFirst(Self.javaPackage.count) }
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == name }) else { return nil }
        self = match
    }

    /// The Java class name, as Confluent's `key.subject.name.strategy` config spells it.
    public var className: String { Self.javaPackage + rawValue }

    /// Whether the subject depends on the schema's full name.
    public var needsRecordName: Bool { self != .topicName }

    /// The subject for a schema; `recordName` is the schema's full name (needed by the record strategies).
    public func subject(topic: String, isKey: Bool, recordName: String?) -> String {
        let suffix = isKey ? "-key" : "-value"
        switch self {
        case .topicName: return topic + suffix
        case .recordName: return recordName ?? (topic + suffix)
        case .topicRecordName: return recordName.map { "\(topic)-\($0)" } ?? (topic + suffix)
        }
    }
}

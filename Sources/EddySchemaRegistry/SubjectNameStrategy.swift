/// How a topic's key or value schema is filed under a subject. ksqlDB only uses TopicName (#8825);
/// Eddy offers Confluent's other two as well.
public enum SubjectNameStrategy: String, Sendable, Hashable, Codable, CaseIterable {
    /// `<topic>-key` / `<topic>-value`.
    case topicName = "TopicNameStrategy"
    /// The record's full name, so one record type can travel on many topics.
    case recordName = "RecordNameStrategy"
    /// `<topic>-<record full name>`.
    case topicRecordName = "TopicRecordNameStrategy"

    /// Accepts the short names and the Java class names Confluent's serializers are configured with
    /// (`io.confluent.kafka.serializers.subject.TopicRecordNameStrategy`).
    public init?(configValue: String) {
        let last = configValue.split(separator: ".").last.map(String.init) ?? configValue
        self.init(rawValue: last)
    }

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

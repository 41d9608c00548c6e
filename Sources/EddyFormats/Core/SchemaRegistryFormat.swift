import EddyCore
import EddySchemaRegistry

/// A format whose schemas live in the Schema Registry (AVRO, PROTOBUF, JSON_SR). The engine uses it
/// for two things ksqlDB does at statement time:
/// - schema inference for `CREATE STREAM/TABLE` without columns (`inferColumns`), and
/// - registering the schema of a source declared with columns or created by CSAS/CTAS
///   (`schemaToRegister`), under `<topic>-key` / `<topic>-value`.
public protocol SchemaRegistryFormat: Format {
    var registry: any SchemaRegistryClient { get }

    /// The columns a registered schema declares, as ksqlDB infers them: a record/message/object gives
    /// one column per field (names upper-cased unless `keepFieldNames`, which ksqlDB uses when the
    /// schema was chosen by `KEY_SCHEMA_ID`/`VALUE_SCHEMA_ID`); any other schema gives one column,
    /// `ROWKEY` or `ROWVAL`, and `unwrapped` is true. `info.fullSchemaName` picks one of several
    /// definitions. Throws ksqlDB's message when a type can't be mapped.
    func inferColumns(from schema: RegisteredSchema, info: FormatInfo, isKey: Bool, keepFieldNames: Bool) throws -> InferredColumns

    /// The schema ksqlDB would register for these key or value columns.
    func schemaToRegister(columns: [Column], info: FormatInfo, features: SerdeFeatures, isKey: Bool) throws -> RegisteredSchema
}

/// Columns found in a registered schema: names and types only (the caller makes them key or value).
public struct InferredColumns: Sendable, Hashable {
    public var columns: [(name: String, type: SQLType)] { zip(names, types).map { ($0, $1) } }
    public var names: [String]
    public var types: [SQLType]
    /// True when the schema was a bare value (one column, to be read with `UNWRAP_SINGLES`).
    public var unwrapped: Bool

    public init(names: [String], types: [SQLType], unwrapped: Bool) {
        self.names = names
        self.types = types
        self.unwrapped = unwrapped
    }
}

/// Subject names for registry formats. TopicName (ksqlDB's only strategy) is the default; a
/// source's format properties may choose RecordName or TopicRecordName (`subjectNameStrategy`).
public enum SchemaSubjects {
    /// `<topic>-key` / `<topic>-value`.
    public static func subject(topic: String, isKey: Bool) -> String {
        SubjectNameStrategy.topicName.subject(topic: topic, isKey: isKey, recordName: nil)
    }

    /// The subject under the strategy `info` names; `recordName` is the schema's full name.
    public static func subject(topic: String, isKey: Bool, info: FormatInfo, recordName: @autoclosure () -> String?) -> String {
        let strategy = info.subjectNameStrategy
        if strategy == .topicName { return subject(topic: topic, isKey: isKey) }
        return strategy.subject(topic: topic, isKey: isKey, recordName: recordName())
    }
}

import EddyCore
import EddySQL
import EddyFormats

/// Windowing of a source's key, for windowed tables and streams read from windowed topics.
public enum WindowInfo: Hashable, Sendable, Codable {
    case tumbling(sizeMs: Int64)
    case hopping(sizeMs: Int64)
    case session

    public var typeName: String {
        switch self {
        case .tumbling: "TUMBLING"
        case .hopping: "HOPPING"
        case .session: "SESSION"
        }
    }
}

/// A stream or table in the catalog (ksqlDB's DataSource).
public struct DataSource: Sendable {
    public var name: String
    public var kind: SourceKind
    public var schema: LogicalSchema
    public var topic: String
    public var keyFormat: FormatInfo
    public var valueFormat: FormatInfo
    public var keyFeatures: SerdeFeatures
    public var valueFeatures: SerdeFeatures
    public var timestampColumn: String?
    public var timestampFormat: String?
    public var window: WindowInfo?
    /// CREATE SOURCE STREAM/TABLE: read-only, no INSERT.
    public var isReadOnly: Bool
    /// The statement that created it, in canonical form.
    public var sql: String
    /// Query that writes into this source (CSAS/CTAS), if any.
    public var writerQueryIDs: [String] = []

    public init(name: String, kind: SourceKind, schema: LogicalSchema, topic: String, keyFormat: FormatInfo,
                valueFormat: FormatInfo, keyFeatures: SerdeFeatures = .none, valueFeatures: SerdeFeatures = .none, timestampColumn: String? = nil, timestampFormat: String? = nil,
                window: WindowInfo? = nil, isReadOnly: Bool = false, sql: String = "") {
        self.name = name
        self.kind = kind
        self.schema = schema
        self.topic = topic
        self.keyFormat = keyFormat
        self.valueFormat = valueFormat
        self.keyFeatures = keyFeatures
        self.valueFeatures = valueFeatures
        self.timestampColumn = timestampColumn
        self.timestampFormat = timestampFormat
        self.window = window
        self.isReadOnly = isReadOnly
        self.sql = sql
    }
}

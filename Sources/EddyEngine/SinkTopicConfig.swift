import EddyCore
import EddySQL

/// Topic-level configs of topics the engine creates, as ksqlDB's TopicCreateInjector sets them:
/// a table's topic is a changelog, so only each key's last record needs keeping (compact); a
/// windowed CTAS also deletes by time, after the window's retention when one is given; streams
/// keep every record for the retention time (delete).
public enum SinkTopicConfig {
    public static let cleanupPolicy = "cleanup.policy"
    public static let retentionMs = "retention.ms"

    /// For CREATE STREAM/TABLE with PARTITIONS (a new topic).
    public static func forCreate(kind: SourceKind) -> [String: String] {
        [cleanupPolicy: kind == .table ? "compact" : "delete"]
    }

    /// For CSAS/CTAS sinks. `windowRetentionMs` is the WINDOW clause's RETENTION, if any.
    public static func forCreateAsSelect(kind: SourceKind, windowed: Bool, windowRetentionMs: Int64?) -> [String: String] {
        guard kind == .table else { return [cleanupPolicy: "delete"] }
        guard windowed else { return [cleanupPolicy: "compact"] }
        var config = [cleanupPolicy: "compact,delete"]
        if let windowRetentionMs { config[retentionMs] = String(windowRetentionMs) }
        return config
    }
}

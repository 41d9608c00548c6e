import EddyCore
import EddyPlanner
import EddyRuntime

/// A running CSAS or INSERT INTO query over the in-memory broker.
public final class PersistentQuery {
    public let id: String
    public let sql: String
    public let sourceTopic: String
    public let sinkName: String
    public let task: StreamQueryTask
    public var state: State = .running
    /// Next offset to read from the source topic.
    var position = 0

    public enum State: String, Sendable {
        case running = "RUNNING"
        case paused = "PAUSED"
    }

    init(id: String, sql: String, sourceTopic: String, sinkName: String, task: StreamQueryTask) {
        self.id = id
        self.sql = sql
        self.sourceTopic = sourceTopic
        self.sinkName = sinkName
        self.task = task
    }
}

import EddyCore

/// A change flowing through a stateful query: a stream record (`old == nil`), or a table update
/// with the row before and after (`new == nil` deletes). Rows use the plan's full-width layout.
public struct Change: Sendable {
    public var key: [Value]
    public var old: [Value]?
    public var new: [Value]?
    public var timestamp: Int64
    public var window: WindowBounds?

    public init(key: [Value], old: [Value]? = nil, new: [Value]?, timestamp: Int64, window: WindowBounds? = nil) {
        self.key = key
        self.old = old
        self.new = new
        self.timestamp = timestamp
        self.window = window
    }
}

/// Per-task state shared by the operators: stream time (the highest record time seen by the task,
/// which closes windows) and the processing log.
public final class TaskContext {
    public let queryID: String
    public let log: ProcessingLog
    public private(set) var streamTime: Int64 = .min

    public init(queryID: String, log: ProcessingLog) {
        self.queryID = queryID
        self.log = log
    }

    public func observe(_ time: Int64) {
        if time > streamTime { streamTime = time }
    }

    /// Restarted tasks resume with the stream time they had, so late records stay late.
    public func restoreStreamTime(_ time: Int64) { streamTime = max(streamTime, time) }
}

public typealias ChangeHandler = (Change) -> Void

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

/// Per-task state shared by the operators: stream time and the processing log. As in Kafka
/// Streams, stream time belongs to a task, i.e. to one partition of the sources: it is the highest
/// record time seen on the partition of the record being processed, so a busy partition does
/// not close windows for a lagging one.
public final class TaskContext {
    public let queryID: String
    public let log: ProcessingLog
    private var partitionTimes: [Int32: Int64] = [:]
    private var current: Int32 = 0
    /// Stream time restored from a checkpoint written without per-partition times.
    private var restoredFloor = Int64.min

    public init(queryID: String, log: ProcessingLog) {
        self.queryID = queryID
        self.log = log
    }

    /// Stream time of the partition being processed.
    public var streamTime: Int64 { partitionTimes[current] ?? restoredFloor }

    /// Stream time per source partition, for checkpoints.
    public var streamTimes: [Int32: Int64] { partitionTimes }

    public func observe(_ time: Int64, partition: Int32 = 0) {
        current = partition
        let now = partitionTimes[partition] ?? restoredFloor
        partitionTimes[partition] = max(now, time)
    }

    /// Restarted tasks resume with the stream time they had, so late records stay late.
    public func restoreStreamTime(_ time: Int64, partition: Int32? = nil) {
        guard let partition else {
            restoredFloor = max(restoredFloor, time)
            return
        }
        partitionTimes[partition] = max(partitionTimes[partition] ?? restoredFloor, time)
    }
}

public typealias ChangeHandler = (Change) -> Void

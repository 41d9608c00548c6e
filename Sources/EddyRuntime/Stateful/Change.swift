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
    /// Stream time per partition, in two parallel lists searched linearly: a task sees a few
    /// partitions (sources plus repartition topics), and records alternate between them, so this
    /// beats hashing the partition twice per record.
    private var partitions: [Int32] = []
    private var times: [Int64] = []
    private var current = -1
    /// Stream time restored from a checkpoint written without per-partition times.
    private var restoredFloor = Int64.min

    public init(queryID: String, log: ProcessingLog) {
        self.queryID = queryID
        self.log = log
    }

    /// Stream time of the partition being processed.
    public var streamTime: Int64 {
        if current >= 0 { return times[current] }
        return partitions.firstIndex(of: 0).map { times[$0] } ?? restoredFloor
    }

    /// Stream time of a partition, without making it the current one.
    public func streamTime(partition: Int32) -> Int64 {
        partitions.firstIndex(of: partition).map { times[$0] } ?? restoredFloor
    }

    /// Stream time per source partition, for checkpoints.
    public var streamTimes: [Int32: Int64] { Dictionary(uniqueKeysWithValues: zip(partitions, times)) }

    public func observe(_ time: Int64, partition: Int32 = 0) {
        let i = slot(partition)
        current = i
        if time > times[i] { times[i] = time }
    }

    /// Restarted tasks resume with the stream time they had, so late records stay late.
    public func restoreStreamTime(_ time: Int64, partition: Int32? = nil) {
        guard let partition else {
            restoredFloor = max(restoredFloor, time)
            return
        }
        let i = slot(partition)
        times[i] = max(times[i], time)
    }

    /// The partition's index in the lists, added (at the restored floor) on first sight.
    private func slot(_ partition: Int32) -> Int {
        if current >= 0, partitions[current] == partition { return current }
        if let i = partitions.firstIndex(of: partition) { return i }
        partitions.append(partition)
        times.append(restoredFloor)
        return partitions.count - 1
    }
}

public typealias ChangeHandler = (Change) -> Void

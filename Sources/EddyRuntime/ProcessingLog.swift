import Synchronization

/// Where records that fail to deserialize, evaluate or serialize are reported, as ksqlDB's processing
/// log. The query keeps running; the entry names the query and what failed.
public final class ProcessingLog: Sendable {
    public struct Entry: Sendable, Hashable {
        public var queryID: String
        public var message: String
        public var topic: String?
        public var offset: Int64?
    }

    private let entries = Mutex<[Entry]>([])
    private let sink: (@Sendable (Entry) -> Void)?
    private let limit: Int

    /// - Parameters:
    ///   - limit: how many recent entries to keep in memory for DESCRIBE and tests.
    ///   - sink: also called for every entry (e.g. to log or write to a processing-log topic).
    public init(limit: Int = 1000, sink: (@Sendable (Entry) -> Void)? = nil) {
        self.limit = limit
        self.sink = sink
    }

    public func record(queryID: String, message: String, topic: String? = nil, offset: Int64? = nil) {
        let entry = Entry(queryID: queryID, message: message, topic: topic, offset: offset)
        entries.withLock { e in
            e.append(entry)
            if e.count > limit { e.removeFirst(e.count - limit) }
        }
        sink?(entry)
    }

    public var recent: [Entry] { entries.withLock { $0 } }
}

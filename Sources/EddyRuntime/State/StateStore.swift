import EddyCore

/// The key of a state-store entry: the row key plus, for window and session stores, the window.
public struct StoreKey: Hashable, Sendable {
    public var key: [Value]
    public var window: WindowBounds?

    public init(_ key: [Value], window: WindowBounds? = nil) {
        self.key = key
        self.window = window
    }
}

/// A stored row or aggregate state, with the time of the record that last changed it.
public struct StoredRow: Sendable, Hashable {
    public var values: [Value]
    public var timestamp: Int64

    public init(_ values: [Value], timestamp: Int64) {
        self.values = values
        self.timestamp = timestamp
    }
}

/// Receives every store update, so it can be replayed on restart: the in-memory broker in tests,
/// a compacted `-changelog` topic on Kafka. `nil` row is a delete (a tombstone in the changelog).
public protocol ChangelogSink: AnyObject {
    func log(store: String, key: StoreKey, row: StoredRow?)
}

/// One interface for key-value, window and session stores. Key-value stores use keys without a
/// window; window and session stores always give one. Range scans serve windowed aggregations,
/// stream-stream joins and pull queries.
public protocol StateStore: AnyObject {
    var name: String { get }
    func get(_ key: StoreKey) -> StoredRow?
    /// Inserts, replaces or (with nil) deletes, and writes the change to the changelog.
    func put(_ key: StoreKey, _ row: StoredRow?)
    /// Entries of one key whose window overlaps [from, to] (every entry of the key when unwindowed).
    func fetch(key: [Value], from: Int64, to: Int64) -> [(StoreKey, StoredRow)]
    /// Every entry, in key then window-start order.
    func all() -> [(StoreKey, StoredRow)]
    /// Drops windows that ended before `time` (retention). Not logged: restores apply retention too.
    func expire(endingBefore time: Int64)
    /// Applies a changelog entry without logging it again.
    func restore(_ key: StoreKey, _ row: StoredRow?)
    var count: Int { get }
    /// Writes pending changelog records (stores may defer them until a commit).
    func flushChangelog()
    /// Reads and rewrites one entry (nil: absent, or delete) and logs it as `put` does; a store
    /// may do it in place, without copying the entry's values.
    func update<R>(_ key: StoreKey, _ body: (inout StoredRow?) -> R) -> R
}

extension StateStore {
    public func flushChangelog() {}

    public func update<R>(_ key: StoreKey, _ body: (inout StoredRow?) -> R) -> R {
        var row = get(key)
        let result = body(&row)
        put(key, row)
        return result
    }
}

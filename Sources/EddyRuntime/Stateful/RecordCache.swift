import EddyCore

/// The record cache behind `cache.max.bytes.buffering`: table updates are coalesced per key (and
/// window) so only the latest row of each key goes out when the cache is flushed, on commit or
/// when it outgrows its budget. Like Kafka Streams' dirty-entry list, a key that changes again
/// moves to the end, so a flush emits keys in the order of their last update.
struct RecordCache {
    var maxBytes: Int
    private var slots: [StatefulQueryTask.OutputRow?] = []
    private var slotSizes: [Int] = []
    private var index: [StoreKey: Int] = [:]
    private(set) var bytes = 0

    init(maxBytes: Int) { self.maxBytes = maxBytes }

    var enabled: Bool { maxBytes > 0 }
    var count: Int { index.count }

    /// Adds or replaces the key's pending row; true when the cache is now over budget.
    mutating func put(_ row: StatefulQueryTask.OutputRow) -> Bool {
        let size = Self.estimate(row)
        // One hash of the key per update: the slot moves to the end, the old one is cleared.
        if let old = index.updateValue(slots.count, forKey: StoreKey(row.key, window: row.window)) {
            slots[old] = nil
            bytes -= slotSizes[old]
        }
        slots.append(row)
        slotSizes.append(size)
        bytes += size
        return bytes > maxBytes
    }

    /// The pending rows, oldest update first; empties the cache.
    mutating func drain() -> [StatefulQueryTask.OutputRow] {
        defer {
            slots.removeAll(keepingCapacity: true)
            slotSizes.removeAll(keepingCapacity: true)
            index.removeAll(keepingCapacity: true)
            bytes = 0
        }
        return slots.compactMap { $0 }
    }

    /// A rough in-memory size: a fixed cost per entry and value, plus string and byte payloads.
    static func estimate(_ row: StatefulQueryTask.OutputRow) -> Int {
        func size(_ v: Value) -> Int {
            switch v {
            case .string(let s): 16 + s.utf8.count
            case .bytes(let b): 16 + b.count
            case .array(let a): 16 + a.reduce(0) { $0 + size($1) }
            case .map(let m): 16 + m.keys.reduce(0) { $0 + size($1) } + m.values.reduce(0) { $0 + size($1) }
            case .struct(let s): 16 + s.values.reduce(0) { $0 + size($1) }
            default: 16
            }
        }
        return 64 + row.key.reduce(0) { $0 + size($1) } + (row.value?.reduce(0) { $0 + size($1) } ?? 0)
    }
}

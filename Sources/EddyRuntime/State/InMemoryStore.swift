import EddyCore

/// The in-memory state store: a hash map from key to its entries, each entry keyed by window.
/// Unwindowed keys hold one entry under a nil window. Window scans walk only one key's entries.
///
/// Changelog writes are deferred: `put` only marks the entry dirty and `flushChangelog` (called at
/// commit or batch end, before offsets are committed) logs each dirty entry's latest row once. A
/// changelog is compacted, so a key updated a thousand times between commits is encoded once.
public final class InMemoryStore: StateStore {
    public let name: String
    private var entries: [[Value]: [WindowBounds?: StoredRow]] = [:]
    private var keyOrder: [[Value]] = []
    private let changelog: ChangelogSink?
    private var dirty: [StoreKey] = []
    private var dirtySet: Set<StoreKey> = []
    public private(set) var count = 0

    public init(name: String, changelog: ChangelogSink? = nil) {
        self.name = name
        self.changelog = changelog
    }

    public func get(_ key: StoreKey) -> StoredRow? {
        entries[key.key]?[key.window]
    }

    public func put(_ key: StoreKey, _ row: StoredRow?) {
        restore(key, row)
        if changelog != nil, dirtySet.insert(key).inserted { dirty.append(key) }
    }

    /// In place: the entry's values are mutated where they are stored (no copy-on-write copy),
    /// and the key is hashed once for the lookup plus once to mark it dirty.
    public func update<R>(_ key: StoreKey, _ body: (inout StoredRow?) -> R) -> R {
        var existed = false, exists = false, windows = 0
        let result = Self.mutate(&entries[key.key, default: [:]]) { map in
            let r = Self.mutate(&map[key.window]) { row in
                existed = row != nil
                let r = body(&row)
                exists = row != nil
                return r
            }
            windows = map.count
            return r
        }
        if !existed, exists {
            count += 1
            if windows == 1 { keyOrder.append(key.key) }
        } else if existed, !exists {
            count -= 1
            if windows == 0 { removeKey(key.key) }
        } else if !exists, windows == 0 {
            entries[key.key] = nil
        }
        if existed || exists, changelog != nil, dirtySet.insert(key).inserted { dirty.append(key) }
        return result
    }

    private static func mutate<T, R>(_ value: inout T, _ body: (inout T) -> R) -> R { body(&value) }

    public func flushChangelog() {
        guard let changelog, !dirty.isEmpty else { return }
        for key in dirty { changelog.log(store: name, key: key, row: get(key)) }
        dirty.removeAll(keepingCapacity: true)
        dirtySet.removeAll(keepingCapacity: true)
    }

    public func restore(_ key: StoreKey, _ row: StoredRow?) {
        if let row {
            // Updating an existing entry, the common case, hashes the key once.
            if entries[key.key, default: [:]].updateValue(row, forKey: key.window) == nil {
                count += 1
                // A key's window map is never left empty, so one entry means the key is new.
                if entries[key.key]!.count == 1 { keyOrder.append(key.key) }
            }
        } else if entries[key.key]?.removeValue(forKey: key.window) != nil {
            count -= 1
            if entries[key.key]!.isEmpty { removeKey(key.key) }
        }
    }

    private func removeKey(_ key: [Value]) {
        entries[key] = nil
        if let i = keyOrder.firstIndex(of: key) { keyOrder.remove(at: i) }
    }

    public func fetch(key: [Value], from: Int64, to: Int64) -> [(StoreKey, StoredRow)] {
        guard let windows = entries[key] else { return [] }
        return windows.compactMap { w, row -> (StoreKey, StoredRow)? in
            guard let w else { return (StoreKey(key), row) }
            return w.end >= from && w.start <= to ? (StoreKey(key, window: w), row) : nil
        }.sorted { ($0.0.window?.start ?? 0, $0.0.window?.end ?? 0) < ($1.0.window?.start ?? 0, $1.0.window?.end ?? 0) }
    }

    public func all() -> [(StoreKey, StoredRow)] {
        keyOrder.flatMap { k in
            fetch(key: k, from: .min, to: .max)
        }
    }

    public func expire(endingBefore time: Int64) {
        for k in keyOrder {
            guard var windows = entries[k] else { continue }
            let before = windows.count
            windows = windows.filter { w, _ in w.map { $0.end >= time } ?? true }
            count -= before - windows.count
            if windows.isEmpty { entries[k] = nil } else { entries[k] = windows }
        }
        keyOrder.removeAll { entries[$0] == nil }
    }
}

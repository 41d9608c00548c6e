import EddyCore

/// The in-memory state store: a hash map from key to its entries, each entry keyed by window.
/// Unwindowed keys hold one entry under a nil window. Window scans walk only one key's entries.
public final class InMemoryStore: StateStore {
    public let name: String
    private var entries: [[Value]: [WindowBounds?: StoredRow]] = [:]
    private var keyOrder: [[Value]] = []
    private let changelog: ChangelogSink?
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
        changelog?.log(store: name, key: key, row: row)
    }

    public func restore(_ key: StoreKey, _ row: StoredRow?) {
        if let row {
            if entries[key.key] == nil {
                entries[key.key] = [:]
                keyOrder.append(key.key)
            }
            if entries[key.key]![key.window] == nil { count += 1 }
            entries[key.key]![key.window] = row
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

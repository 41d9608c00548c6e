import EddyCore

/// Finds the combiner's group for a GROUP BY key, per record.
///
/// The usual GROUP BY has one column of an integer-like type (a warehouse id, a date); such a
/// key is looked up in a small open-addressing table keyed by its case and 64-bit payload,
/// with a multiplicative hash: no `[Value]` is built and no `Hasher` runs. Any other key goes
/// through a dictionary, one-column keys without wrapping them in an array. Equality is
/// `Value`'s own (structural: `.int(1)` and `.bigint(1)` differ), so the groups are the same
/// whichever way a key is found. A class: a struct stored in the combiner was copied out
/// (five retains) on every lookup.
final class GroupIndex {
    private var single: [Value: Int] = [:]
    private var multi: [[Value]: Int] = [:]
    /// The table: `tags[i] == 0` is an empty slot; otherwise slot i holds the key
    /// (`tags[i]`, `payloads[i]`) of group `groups[i]`. Capacity is a power of two, kept at
    /// most half full.
    private var tags: [UInt8] = Array(repeating: 0, count: 16)
    private var payloads: [UInt64] = Array(repeating: 0, count: 16)
    private var groups: [Int32] = Array(repeating: 0, count: 16)
    private var used = 0

    /// The case and payload of a key the table holds, or nil for one it does not (strings,
    /// doubles, whose equality is not bitwise, and composite values).
    @inline(__always)
    static func scalar(_ v: Value) -> (tag: UInt8, payload: UInt64)? {
        switch v {
        case .null: (1, 0)
        case .bool(let b): (2, b ? 1 : 0)
        case .int(let i): (3, UInt64(UInt32(bitPattern: i)))
        case .bigint(let i): (4, UInt64(bitPattern: i))
        case .date(let d): (5, UInt64(UInt32(bitPattern: d)))
        case .time(let t): (6, UInt64(UInt32(bitPattern: t)))
        case .timestamp(let t): (7, UInt64(bitPattern: t))
        default: nil
        }
    }

    /// The group of a one-column key, or nil when it has none yet.
    func find(_ key: Value) -> Int? {
        guard let (tag, payload) = Self.scalar(key) else { return single[key] }
        let mask = tags.count - 1
        var i = Self.home(tag, payload, mask)
        while tags[i] != 0 {
            if tags[i] == tag, payloads[i] == payload { return Int(groups[i]) }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Records the group of a one-column key that `find` did not know.
    func insert(_ key: Value, group: Int) {
        guard let (tag, payload) = Self.scalar(key) else {
            single[key] = group
            return
        }
        if (used + 1) * 2 > tags.count { grow() }
        place(tag, payload, Int32(group))
        used += 1
    }

    /// The group of a key of several columns, or nil when it has none yet.
    func find(_ key: [Value]) -> Int? { multi[key] }

    func insert(_ key: [Value], group: Int) { multi[key] = group }

    /// Forgets every key (at a flush), keeping the storage.
    func removeAll() {
        if used > 0 {
            for i in tags.indices { tags[i] = 0 }
            used = 0
        }
        if !single.isEmpty { single.removeAll(keepingCapacity: true) }
        if !multi.isEmpty { multi.removeAll(keepingCapacity: true) }
    }

    @inline(__always)
    private static func home(_ tag: UInt8, _ payload: UInt64, _ mask: Int) -> Int {
        // Fibonacci hashing: the high bits of the product mix every payload bit.
        let h = (payload ^ (UInt64(tag) << 56)) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: h >> 32) & mask
    }

    private func place(_ tag: UInt8, _ payload: UInt64, _ group: Int32) {
        let mask = tags.count - 1
        var i = Self.home(tag, payload, mask)
        while tags[i] != 0 { i = (i + 1) & mask }
        tags[i] = tag
        payloads[i] = payload
        groups[i] = group
    }

    private func grow() {
        let oldTags = tags, oldPayloads = payloads, oldGroups = groups
        let capacity = tags.count * 2
        tags = Array(repeating: 0, count: capacity)
        payloads = Array(repeating: 0, count: capacity)
        groups = Array(repeating: 0, count: capacity)
        for i in oldTags.indices where oldTags[i] != 0 { place(oldTags[i], oldPayloads[i], oldGroups[i]) }
    }
}

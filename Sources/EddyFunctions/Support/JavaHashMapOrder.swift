import EddyCore

/// The order in which ksqlDB visits a map's entries where that order shows in a result.
///
/// ksqlDB's maps are `java.util.HashMap`s: its JSON deserializer builds each as
/// `new HashMap<>(size)` from the object's fields in document order. Iteration goes bucket by
/// bucket (the spread hash masked by the table size), and within a bucket in insertion order,
/// which resizing preserves. So for a fold that is not commutative (REDUCE) the result depends
/// on the keys' Java hash codes, deterministically. Eddy keeps maps in insertion order; this
/// recomputes Java's order from it.
public enum JavaHashMapOrder {
    /// The indices of `keys` (insertion order) in the order a `HashMap` presized for
    /// `keys.count` iterates them, or nil when a key's Java hash code is not modelled here
    /// (decimals, bytes, nested values): insertion order is then the best guess.
    /// - Parameter tableSize: the table's size when it is not presized for the keys (a
    ///   `new HashMap<>()` starts at 16).
    public static func order(of keys: [Value], tableSize: Int? = nil) -> [Int]? {
        guard keys.count > 1 else { return Array(keys.indices) }
        var hashes: [UInt32] = []
        hashes.reserveCapacity(keys.count)
        for k in keys {
            guard let h = hashCode(k) else { return nil }
            hashes.append(h ^ (h >> 16))
        }
        let mask = UInt32((tableSize ?? Self.tableSize(forEntries: keys.count)) - 1)
        // A stable sort by bucket keeps insertion order within a bucket.
        return keys.indices.sorted { a, b in
            let ba = hashes[a] & mask, bb = hashes[b] & mask
            return ba != bb ? ba < bb : a < b
        }
    }

    /// The table size after `n` puts into `new HashMap<>(n)`: the capacity rounded up to a power
    /// of two, doubled whenever the entry count passes three quarters of it.
    static func tableSize(forEntries n: Int) -> Int {
        var size = 1
        while size < n { size <<= 1 }
        while n > size * 3 / 4 { size <<= 1 }
        return size
    }

    /// `Object.hashCode()` of the Java value ksqlDB holds for `v`.
    static func hashCode(_ v: Value) -> UInt32? {
        switch v {
        case .null: return 0
        case .string(let s):
            // String.hashCode over UTF-16 code units.
            var h: UInt32 = 0
            for unit in s.utf16 { h = h &* 31 &+ UInt32(unit) }
            return h
        case .int(let i): return UInt32(bitPattern: i)
        case .bigint(let l): return fold(UInt64(bitPattern: l))
        // java.sql.Date, Time and Timestamp hash their epoch milliseconds as a Long.
        case .date(let days): return fold(UInt64(bitPattern: Int64(days) &* 86_400_000))
        case .time(let ms): return fold(UInt64(bitPattern: Int64(ms)))
        case .timestamp(let ms): return fold(UInt64(bitPattern: ms))
        case .bool(let b): return b ? 1231 : 1237
        case .double(let d): return fold(d.isNaN ? 0x7ff8_0000_0000_0000 : d.bitPattern)
        default: return nil
        }
    }

    /// Long.hashCode: the high and low words XORed.
    private static func fold(_ bits: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: bits ^ (bits >> 32)) }
}

import EddyCore

/// A total order over same-typed values, as Java's `compareTo` on the boxed types; used by
/// GREATEST/LEAST, ARRAY_SORT, ARRAY_MIN/MAX, MIN/MAX and TOPK. NULLs sort first.
public enum ValueOrdering {
    public static func compare(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.int(let x), .int(let y)): return cmp(x, y)
        case (.bigint(let x), .bigint(let y)): return cmp(x, y)
        case (.double(let x), .double(let y)): return javaDoubleCompare(x, y)
        case (.decimal(let x), .decimal(let y)): return x.compare(y)
        case (.string(let x), .string(let y)): return javaStringCompare(x, y)
        case (.bytes(let x), .bytes(let y)): return lexicographic(x, y)
        case (.date(let x), .date(let y)), (.time(let x), .time(let y)): return cmp(x, y)
        case (.timestamp(let x), .timestamp(let y)): return cmp(x, y)
        case (.array(let x), .array(let y)):
            for (u, v) in zip(x, y) { let c = compare(u, v); if c != 0 { return c } }
            return cmp(x.count, y.count)
        default:
            if let x = a.doubleValue, let y = b.doubleValue { return javaDoubleCompare(x, y) }
            return 0
        }
    }

    @inline(__always) static func cmp<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }

    /// Double.compare: NaN is greater than everything, -0.0 below 0.0.
    static func javaDoubleCompare(_ a: Double, _ b: Double) -> Int {
        if a < b { return -1 }
        if a > b { return 1 }
        if a.isNaN || b.isNaN { return a.isNaN ? (b.isNaN ? 0 : 1) : -1 }
        if a == 0 && b == 0 { return cmp(a.sign == .minus ? 0 : 1, b.sign == .minus ? 0 : 1) }
        return 0
    }

    /// String.compareTo compares UTF-16 code units.
    public static func javaStringCompare(_ a: String, _ b: String) -> Int {
        var i = a.utf16.makeIterator(), j = b.utf16.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?): if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    static func lexicographic(_ a: [UInt8], _ b: [UInt8]) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return cmp(a.count, b.count)
    }
}

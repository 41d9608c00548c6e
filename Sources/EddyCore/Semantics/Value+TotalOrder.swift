extension Value {
    /// A total order over same-typed values, as Java's `compareTo` on the boxed types (GREATEST,
    /// LEAST, ARRAY_SORT, MIN/MAX, TOPK…). NULL sorts first; strings compare UTF-16 code units and
    /// bytes compare as signed values, as `String` and `ByteBuffer` do.
    public static func javaCompare(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        case (.int(let x), .int(let y)): return order(x, y)
        case (.bigint(let x), .bigint(let y)): return order(x, y)
        case (.double(let x), .double(let y)): return javaDoubleCompare(x, y)
        case (.decimal(let x), .decimal(let y)): return x.compare(y)
        case (.string(let x), .string(let y)): return ValueOrder.compareUTF16(x, y)
        case (.bytes(let x), .bytes(let y)): return ValueOrder.compareSignedBytes(x, y)
        case (.date(let x), .date(let y)), (.time(let x), .time(let y)): return order(x, y)
        case (.timestamp(let x), .timestamp(let y)): return order(x, y)
        case (.array(let x), .array(let y)):
            for (u, v) in zip(x, y) { let c = javaCompare(u, v); if c != 0 { return c } }
            return order(x.count, y.count)
        default:
            if let x = a.asDouble, let y = b.asDouble { return javaDoubleCompare(x, y) }
            return 0
        }
    }

    @inline(__always) private static func order<T: Comparable>(_ a: T, _ b: T) -> Int { a < b ? -1 : (a == b ? 0 : 1) }

    /// `Double.compare`: NaN is greater than everything, -0.0 below 0.0.
    private static func javaDoubleCompare(_ a: Double, _ b: Double) -> Int {
        if a < b { return -1 }
        if a > b { return 1 }
        if a.isNaN || b.isNaN { return a.isNaN ? (b.isNaN ? 0 : 1) : -1 }
        if a == 0 && b == 0 { return order(a.sign == .minus ? 0 : 1, b.sign == .minus ? 0 : 1) }
        return 0
    }
}

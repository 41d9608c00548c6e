/// Kafka Streams' windowed key layout, which ksqlDB uses for windowed tables and streams:
/// time windows append the window start as an 8-byte big-endian integer to the inner key bytes;
/// session windows append the end, then the start. Time windows store no end: readers add the
/// window size they know from the source's definition.
public enum WindowedKeyCodec {
    /// Appends the window suffix to serialized inner key bytes.
    public static func append(start: Int64, end: Int64, session: Bool, to bytes: inout [UInt8]) {
        if session { appendLong(end, to: &bytes) }
        appendLong(start, to: &bytes)
    }

    /// Splits windowed key bytes into inner key bytes, start and (for sessions) end.
    /// Returns nil when the bytes are too short to hold the suffix.
    public static func split(_ bytes: [UInt8], session: Bool) -> (key: ArraySlice<UInt8>, start: Int64, end: Int64?)? {
        let suffix = session ? 16 : 8
        guard bytes.count >= suffix else { return nil }
        let base = bytes.count - suffix
        let start = readLong(bytes, at: bytes.count - 8)
        let end = session ? readLong(bytes, at: base) : nil
        return (bytes[..<base], start, end)
    }

    static func appendLong(_ v: Int64, to bytes: inout [UInt8]) {
        let u = UInt64(bitPattern: v)
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: u >> UInt64(shift))) }
    }

    static func readLong(_ bytes: [UInt8], at offset: Int) -> Int64 {
        var u: UInt64 = 0
        for i in 0..<8 { u = (u << 8) | UInt64(bytes[offset + i]) }
        return Int64(bitPattern: u)
    }
}

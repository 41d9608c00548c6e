/// The scanner's shortcuts for the common shapes: a significant byte right at the cursor, and
/// strings without escapes, scanned a word at a time.
extension JSONScanner {
    /// `peek() ?? 0`, with the usual case (a significant byte right at the cursor) tested first.
    @inline(__always) mutating func peekByte() -> UInt8 {
        if pos < bytes.count {
            let c = bytes[pos]
            if c > 0x20 { return c }
        }
        return peek() ?? 0
    }

    /// Consumes `null` when it is there whole (not the start of a longer token) and returns true;
    /// otherwise consumes nothing and returns false, and `readLiteral` must consume or report it.
    @inline(__always) mutating func skipNull() -> Bool {
        let p = pos, n = bytes.count
        guard p + 4 <= n, let base = bytes.baseAddress,
              base.loadUnaligned(fromByteOffset: p, as: UInt32.self).littleEndian == 0x6C6C_756E else { return false }
        if p + 4 < n, isIdentifierByte(base.load(fromByteOffset: p + 4, as: UInt8.self)) { return false }
        pos = p + 4
        return true
    }

    /// `readLiteral("null")` with the whole word compared at once.
    @inline(__always) mutating func readNull() throws {
        if !skipNull() { try readLiteral("null") }
    }

    /// Consumes a string without escapes or control bytes (the cursor is on its opening quote) and
    /// returns true; otherwise consumes nothing and returns false, and `readString` must decide.
    @inline(__always) mutating func skipPlainString() -> Bool {
        var p = pos + 1
        let n = bytes.count
        guard let base = bytes.baseAddress else { return false }
        while p + 8 <= n, !Self.hasStringSpecial(base.loadUnaligned(fromByteOffset: p, as: UInt64.self)) { p += 8 }
        while p < n {
            let c = base.load(fromByteOffset: p, as: UInt8.self)
            if c == UInt8(ascii: "\"") { pos = p + 1; return true }
            if c == UInt8(ascii: "\\") || c < 0x20 { return false }
            p += 1
        }
        return false
    }

    /// Whether any of the eight bytes in `w` ends a plain string run: `"`, `\` or below 0x20. Each
    /// test is the exact "has a zero byte" / "has a byte below n" word trick (a borrow only starts
    /// at a byte that itself qualifies), so there are no false negatives and no false positives.
    @inline(__always) static func hasStringSpecial(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ (ones &* 0x22), slash = w ^ (ones &* 0x5C)
        let found = ((quote &- ones) & ~quote) | ((slash &- ones) & ~slash) | ((w &- ones &* 0x20) & ~w)
        return found & highs != 0
    }
}

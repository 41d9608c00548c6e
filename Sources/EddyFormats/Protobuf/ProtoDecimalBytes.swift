import BigInt

/// confluent.type.Decimal stores the unscaled value as big-endian two's-complement bytes, as Java's
/// `BigInteger.toByteArray()` writes them.
enum ProtoDecimalBytes {
    static func decode(_ bytes: [UInt8]) -> BigInt {
        guard let first = bytes.first else { return 0 }
        var v = BigInt(0)
        for b in bytes { v = v << 8 | BigInt(b) }
        if first & 0x80 != 0 { v -= BigInt(1) << (8 * bytes.count) }
        return v
    }

    static func encode(_ value: BigInt) -> [UInt8] {
        // The shortest length whose signed range holds the value, as toByteArray() chooses.
        var length = 1
        while true {
            let limit = BigInt(1) << (8 * length - 1)
            if value >= -limit && value < limit { break }
            length += 1
        }
        var u = value < 0 ? (BigInt(1) << (8 * length)) + value : value
        var out = [UInt8](repeating: 0, count: length)
        for i in stride(from: length - 1, through: 0, by: -1) {
            out[i] = UInt8(truncatingIfNeeded: Int(u & 0xFF))
            u >>= 8
        }
        return out
    }
}

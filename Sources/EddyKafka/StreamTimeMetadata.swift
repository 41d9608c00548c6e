/// A partition's stream time as Kafka Streams stores it in committed-offset metadata: the
/// base64 text of a version byte (1) and the time as a big-endian 64-bit integer. Using the same
/// layout keeps the commits readable by Java tooling; version 2 (which appends more) reads too.
public enum StreamTimeMetadata {
    public static func encode(_ time: Int64) -> [UInt8] {
        var raw: [UInt8] = [1]
        let bits = UInt64(bitPattern: time)
        for shift in stride(from: 56, through: 0, by: -8) { raw.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        return Base64.encode(raw)
    }

    /// Nil for empty, foreign or unknown-version metadata: the partition then starts without one.
    public static func decode(_ metadata: [UInt8]?) -> Int64? {
        guard let metadata, let raw = Base64.decode(metadata), raw.count >= 9, raw[0] == 1 || raw[0] == 2 else { return nil }
        var bits: UInt64 = 0
        for byte in raw[1..<9] { bits = bits << 8 | UInt64(byte) }
        return Int64(bitPattern: bits)
    }
}

/// Standard base64 with padding, enough for commit metadata (no Foundation on the Kafka path).
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let n = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(n >> 18 & 63)])
            out.append(alphabet[Int(n >> 12 & 63)])
            out.append(i + 1 < bytes.count ? alphabet[Int(n >> 6 & 63)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(n & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return out
    }

    static func decode(_ text: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for c in text {
            if c == UInt8(ascii: "=") { break }
            guard let v = alphabet.firstIndex(of: c) else { return nil }
            buffer = buffer << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return out
    }
}

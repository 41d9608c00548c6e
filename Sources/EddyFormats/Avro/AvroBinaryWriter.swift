/// Appends Avro's binary encoding to a reusable byte buffer.
enum AvroBinaryWriter {
    @inline(__always)
    static func long(_ v: Int64, to out: inout [UInt8]) {
        var n = UInt64(bitPattern: (v << 1) ^ (v >> 63))
        while n >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: n) | 0x80)
            n >>= 7
        }
        out.append(UInt8(truncatingIfNeeded: n))
    }

    @inline(__always)
    static func int(_ v: Int32, to out: inout [UInt8]) { long(Int64(v), to: &out) }

    static func boolean(_ v: Bool, to out: inout [UInt8]) { out.append(v ? 1 : 0) }

    static func float(_ v: Float, to out: inout [UInt8]) {
        let bits = v.bitPattern
        for i in 0..<4 { out.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt32(i)))) }
    }

    static func double(_ v: Double, to out: inout [UInt8]) {
        let bits = v.bitPattern
        for i in 0..<8 { out.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i)))) }
    }

    static func string(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { buf in
            long(Int64(buf.count), to: &out)
            out.append(contentsOf: buf)
        }
    }

    static func bytes(_ b: [UInt8], to out: inout [UInt8]) {
        long(Int64(b.count), to: &out)
        out.append(contentsOf: b)
    }
}

/// The Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the payload.
public enum ConfluentWireFormat {
    public static let headerSize = 5

    public static func writeHeader(schemaID: Int, to out: inout [UInt8]) {
        out.append(0)
        let id = UInt32(truncatingIfNeeded: schemaID)
        out.append(UInt8(id >> 24)); out.append(UInt8(id >> 16 & 0xFF))
        out.append(UInt8(id >> 8 & 0xFF)); out.append(UInt8(id & 0xFF))
    }

    /// The schema id of a framed message; throws Confluent's "Unknown magic byte!" otherwise.
    public static func schemaID(of bytes: UnsafeRawBufferPointer) throws -> Int {
        guard bytes.count >= headerSize, bytes[0] == 0 else {
            throw EddyErrorFactory.execution("Unknown magic byte!")
        }
        return Int(UInt32(bytes[1]) << 24 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 8 | UInt32(bytes[4]))
    }
}

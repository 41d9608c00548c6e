/// Reads Avro's binary encoding straight from a message buffer. Every read checks bounds and
/// throws `AvroDecodeError` instead of trapping on truncated or corrupt input.
struct AvroBinaryReader {
    let base: UnsafeRawBufferPointer
    var offset: Int

    init(_ base: UnsafeRawBufferPointer, offset: Int = 0) {
        self.base = base
        self.offset = offset
    }

    var isAtEnd: Bool { offset >= base.count }

    @inline(__always)
    mutating func byte() throws -> UInt8 {
        guard offset < base.count else { throw AvroDecodeError.truncated }
        defer { offset += 1 }
        return base[offset]
    }

    /// A zig-zag varint, as `long` and `int` are written.
    @inline(__always)
    mutating func long() throws -> Int64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { break }
            shift += 7
            if shift > 63 { throw AvroDecodeError.invalid("Invalid long encoding") }
        }
        return Int64(bitPattern: (result >> 1) ^ (0 &- (result & 1)))
    }

    @inline(__always)
    mutating func int() throws -> Int32 {
        let v = try long()
        guard let i = Int32(exactly: v) else { throw AvroDecodeError.invalid("Invalid int encoding") }
        return i
    }

    mutating func boolean() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw AvroDecodeError.invalid("Invalid boolean value")
        }
    }

    mutating func float() throws -> Float {
        var bits: UInt32 = 0
        for i in 0..<4 { bits |= UInt32(try byte()) << (8 * UInt32(i)) }
        return Float(bitPattern: bits)
    }

    mutating func double() throws -> Double {
        guard offset + 8 <= base.count else { throw AvroDecodeError.truncated }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(base[offset + i]) << (8 * UInt64(i)) }
        offset += 8
        return Double(bitPattern: bits)
    }

    /// The next `count` bytes, without copying.
    mutating func raw(_ count: Int) throws -> UnsafeRawBufferPointer {
        guard count >= 0, offset + count <= base.count else { throw AvroDecodeError.truncated }
        defer { offset += count }
        return UnsafeRawBufferPointer(rebasing: base[offset ..< offset + count])
    }

    /// A length-prefixed byte run (`bytes` and `string`).
    mutating func lengthPrefixed() throws -> UnsafeRawBufferPointer {
        let n = try long()
        guard n >= 0, n <= Int64(base.count - offset) else { throw AvroDecodeError.truncated }
        return try raw(Int(n))
    }

    mutating func string() throws -> String {
        let bytes = try lengthPrefixed()
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func bytes() throws -> [UInt8] { Array(try lengthPrefixed()) }

    /// The item count of the next array or map block (0 ends the value). A negative count is
    /// followed by the block's byte size, which is skipped here as we read items one by one.
    mutating func blockCount() throws -> Int {
        var n = try long()
        if n < 0 {
            guard n != .min else { throw AvroDecodeError.invalid("Invalid block count") }
            n = -n
            _ = try long()
        }
        // Items of one byte or more cannot outnumber the bytes left. The slack admits blocks of
        // zero-byte items (nulls, empty records) while a corrupt count still cannot loop for ever.
        guard n <= Int64(base.count - offset) + Self.zeroSizeItemSlack else { throw AvroDecodeError.truncated }
        return Int(n)
    }

    static let zeroSizeItemSlack: Int64 = 4096
}

/// Why an Avro payload could not be decoded.
enum AvroDecodeError: Error, CustomStringConvertible {
    case truncated
    case invalid(String)

    var description: String {
        switch self {
        case .truncated: "Malformed data. Length is negative or exceeds the remaining bytes"
        case .invalid(let m): m
        }
    }
}

/// Protobuf wire types (the low three bits of a field key).
enum ProtoWireType: Int, Sendable {
    case varint = 0, fixed64 = 1, lengthDelimited = 2, startGroup = 3, endGroup = 4, fixed32 = 5
}

/// Reads protobuf primitives straight from a byte buffer. Every read is bounds-checked and throws
/// on truncated or malformed input, so bad records never trap.
struct ProtoReader {
    let bytes: UnsafeRawBufferPointer
    var position: Int
    let end: Int

    init(_ bytes: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil) {
        self.bytes = bytes
        position = start
        self.end = end ?? bytes.count
    }

    var isAtEnd: Bool { position >= end }

    mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while position < end {
            let b = bytes[position]
            position += 1
            if shift < 64 { result |= UInt64(b & 0x7F) << shift }
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift >= 70 { break }
        }
        throw ProtoSchemaError("malformed varint")
    }

    mutating func fixed32() throws -> UInt32 {
        guard end - position >= 4 else { throw ProtoSchemaError("truncated fixed32") }
        var v: UInt32 = 0
        for k in 0 ..< 4 { v |= UInt32(bytes[position + k]) << (8 * UInt32(k)) }
        position += 4
        return v
    }

    mutating func fixed64() throws -> UInt64 {
        guard end - position >= 8 else { throw ProtoSchemaError("truncated fixed64") }
        var v: UInt64 = 0
        for k in 0 ..< 8 { v |= UInt64(bytes[position + k]) << (8 * UInt64(k)) }
        position += 8
        return v
    }

    /// The bounds of a length-delimited payload; the reader moves past it.
    mutating func lengthDelimited() throws -> Range<Int> {
        let length = try varint()
        guard length <= UInt64(end - position) else { throw ProtoSchemaError("truncated length-delimited field") }
        let start = position
        position += Int(length)
        return start ..< position
    }

    /// Skips one value of an unknown field.
    mutating func skip(_ wireType: Int) throws {
        switch ProtoWireType(rawValue: wireType) {
        case .varint: _ = try varint()
        case .fixed64: _ = try fixed64()
        case .fixed32: _ = try fixed32()
        case .lengthDelimited: _ = try lengthDelimited()
        default: throw ProtoSchemaError("unsupported wire type \(wireType)")
        }
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeRawBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    func byteArray(_ range: Range<Int>) -> [UInt8] { Array(bytes[range]) }
}

/// Appends protobuf primitives to a byte array.
enum ProtoWriter {
    @inline(__always) static func varint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    @inline(__always) static func key(_ number: Int, _ wireType: ProtoWireType, to out: inout [UInt8]) {
        varint(UInt64(number) << 3 | UInt64(wireType.rawValue), to: &out)
    }

    static func fixed32(_ value: UInt32, to out: inout [UInt8]) {
        for k in 0 ..< 4 { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt32(k)))) }
    }

    static func fixed64(_ value: UInt64, to out: inout [UInt8]) {
        for k in 0 ..< 8 { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(k)))) }
    }

    static func lengthDelimited(_ payload: some Collection<UInt8>, to out: inout [UInt8]) {
        varint(UInt64(payload.count), to: &out)
        out.append(contentsOf: payload)
    }

    @inline(__always) static func zigzag32(_ v: Int32) -> UInt64 { UInt64(UInt32(bitPattern: (v << 1) ^ (v >> 31))) }
    @inline(__always) static func zigzag64(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
}

enum ProtoZigZag {
    @inline(__always) static func decode32(_ v: UInt64) -> Int32 {
        let u = UInt32(truncatingIfNeeded: v)
        return Int32(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    @inline(__always) static func decode64(_ v: UInt64) -> Int64 {
        Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }
}

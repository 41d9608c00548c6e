import EddyCore

/// A compact binary encoding of values for changelog records: a tag byte, then the payload
/// (big-endian integers, length-prefixed strings and lists). Internal to Eddy's state, so it
/// needs no schema: the store restores exactly the values it wrote. Records start with an
/// `InternalEncoding` version marker.
enum ValueCodec {
    static func encode(_ values: [Value], into out: inout [UInt8]) {
        appendInt(Int64(values.count), &out)
        for v in values { encode(v, into: &out) }
    }

    static func encode(_ v: Value, into out: inout [UInt8]) {
        switch v {
        case .null: out.append(0)
        case .bool(let b): out.append(1); out.append(b ? 1 : 0)
        case .int(let i): out.append(2); appendInt(Int64(i), &out)
        case .bigint(let i): out.append(3); appendInt(i, &out)
        case .double(let d): out.append(4); appendInt(Int64(bitPattern: d.bitPattern), &out)
        case .decimal(let d): out.append(5); appendString(d.description, &out)
        case .string(let s): out.append(6); appendString(s, &out)
        case .bytes(let b): out.append(7); appendInt(Int64(b.count), &out); out += b
        case .date(let d): out.append(8); appendInt(Int64(d), &out)
        case .time(let t): out.append(9); appendInt(Int64(t), &out)
        case .timestamp(let t): out.append(10); appendInt(t, &out)
        case .array(let a): out.append(11); encode(a, into: &out)
        case .map(let m): out.append(12); encode(m.keys, into: &out); encode(m.values, into: &out)
        case .struct(let s):
            out.append(13)
            appendInt(Int64(s.names.count), &out)
            for n in s.names { appendString(n, &out) }
            encode(s.values, into: &out)
        }
    }

    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func byte() throws -> UInt8 {
            guard offset < bytes.count else { throw EddyError(.execution, "Truncated changelog record") }
            defer { offset += 1 }
            return bytes[offset]
        }

        /// One unaligned 8-byte load instead of eight checked byte reads.
        mutating func int() throws -> Int64 {
            guard bytes.count - offset >= 8 else { throw EddyError(.execution, "Truncated changelog record") }
            let u = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self) }
            offset += 8
            return Int64(bitPattern: UInt64(bigEndian: u))
        }

        mutating func raw(_ n: Int) throws -> [UInt8] {
            guard n >= 0, n <= bytes.count - offset else { throw EddyError(.execution, "Truncated changelog record") }
            defer { offset += n }
            return Array(bytes[offset..<(offset + n)])
        }

        /// Decodes straight from the record's bytes, without an intermediate array.
        mutating func string() throws -> String {
            let n = Int(try int())
            guard n >= 0, n <= bytes.count - offset else { throw EddyError(.execution, "Truncated changelog record") }
            defer { offset += n }
            return String(decoding: bytes[offset..<(offset + n)], as: UTF8.self)
        }

        mutating func values() throws -> [Value] {
            let n = Int(try int())
            var out: [Value] = []
            out.reserveCapacity(max(0, n))
            for _ in 0..<n { out.append(try value()) }
            return out
        }

        mutating func value() throws -> Value {
            switch try byte() {
            case 0: return .null
            case 1: return .bool(try byte() != 0)
            case 2: return .int(Int32(truncatingIfNeeded: try int()))
            case 3: return .bigint(try int())
            case 4: return .double(Double(bitPattern: UInt64(bitPattern: try int())))
            case 5: return SQLDecimal(try string()).map { .decimal($0) } ?? .null
            case 6: return .string(try string())
            case 7: return .bytes(try raw(Int(try int())))
            case 8: return .date(Int32(truncatingIfNeeded: try int()))
            case 9: return .time(Int32(truncatingIfNeeded: try int()))
            case 10: return .timestamp(try int())
            case 11: return .array(try values())
            case 12: return .map(MapValue(keys: try values(), values: try values()))
            case 13:
                let n = Int(try int())
                var names: [String] = []
                for _ in 0..<max(0, n) { names.append(try string()) }
                return .struct(StructValue(names: names, values: try values()))
            default: throw EddyError(.execution, "Unknown value tag in changelog record")
            }
        }
    }

    /// Big-endian, appended as one 8-byte copy rather than eight growing appends.
    static func appendInt(_ v: Int64, _ out: inout [UInt8]) {
        withUnsafeBytes(of: UInt64(bitPattern: v).bigEndian) { out.append(contentsOf: $0) }
    }

    static func appendString(_ s: String, _ out: inout [UInt8]) {
        var s = s
        // Native strings are contiguous UTF-8: copied without an intermediate array.
        s.withUTF8 { utf8 in
            appendInt(Int64(utf8.count), &out)
            out.append(contentsOf: utf8)
        }
    }
}

/// Changelog records for a store: the key holds the row key and window, the value the row and
/// its time; a delete is a tombstone (nil value), as on a compacted Kafka topic.
public enum ChangelogRecord {
    public static func encodeKey(_ key: StoreKey) -> [UInt8] {
        var out: [UInt8] = []
        InternalEncoding.writeMarker(&out)
        ValueCodec.encode(key.key, into: &out)
        if let w = key.window {
            out.append(1)
            ValueCodec.appendInt(w.start, &out)
            ValueCodec.appendInt(w.end, &out)
        } else {
            out.append(0)
        }
        return out
    }

    public static func encodeValue(_ row: StoredRow) -> [UInt8] {
        var out: [UInt8] = []
        InternalEncoding.writeMarker(&out)
        ValueCodec.appendInt(row.timestamp, &out)
        ValueCodec.encode(row.values, into: &out)
        return out
    }

    public static func decode(key: [UInt8], value: [UInt8]?) throws -> (StoreKey, StoredRow?) {
        var r = ValueCodec.Reader(bytes: key)
        _ = try InternalEncoding.readVersion(&r, what: "changelog")
        let k = try r.values()
        var window: WindowBounds?
        if try r.byte() == 1 { window = WindowBounds(start: try r.int(), end: try r.int()) }
        guard let value else { return (StoreKey(k, window: window), nil) }
        var v = ValueCodec.Reader(bytes: value)
        _ = try InternalEncoding.readVersion(&v, what: "changelog")
        let time = try v.int()
        return (StoreKey(k, window: window), StoredRow(try v.values(), timestamp: time))
    }
}

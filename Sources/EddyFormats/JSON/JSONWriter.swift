/// Low-level JSON output shared by the tree writer and the row serializer. Escapes as Jackson does:
/// `"` and `\` and control characters; everything else, including non-ASCII, is written as UTF-8.
enum JSONWriter {
    private static let hex = Array("0123456789ABCDEF".utf8)

    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { appendEscaped($0, to: &out) }
        out.append(UInt8(ascii: "\""))
    }

    static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        for i in 0 ..< bytes.count {
            let c = bytes[i]
            guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else { continue }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart ..< i])) }
            runStart = i + 1
            out.append(UInt8(ascii: "\\"))
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(c)
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            default:
                out.append(contentsOf: "u00".utf8)
                out.append(hex[Int(c >> 4)])
                out.append(hex[Int(c & 0xF)])
            }
        }
        if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    static func appendInteger<T: BinaryInteger>(_ v: T, to out: inout [UInt8]) {
        // Small non-negative numbers (counts, ids, codes) are the common case: one or two bytes.
        if v >= 0 && v < 100 {
            let n = UInt8(truncatingIfNeeded: v)
            if n >= 10 { out.append(48 + n / 10) }
            out.append(48 + n % 10)
            return
        }
        var magnitude = UInt64(v.magnitude)
        if v < 0 { out.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of stack scratch, enough for 20 digits
        let n = withUnsafeMutableBytes(of: &digits) { buf -> Int in
            var i = buf.count
            while magnitude > 0 {
                i -= 1
                buf[i] = UInt8(48 + magnitude % 10)
                magnitude /= 10
            }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buf[i...]))
            return buf.count - i
        }
        _ = n
    }
}

extension JSONValue {
    /// Compact JSON text (no spaces), numbers written as their literal text.
    public func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: n.text.utf8)
        case .string(let s): JSONWriter.appendString(s, to: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for i in 0 ..< object.count {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(object.keys[i], to: &out)
                out.append(UInt8(ascii: ":"))
                object.values[i].write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    public var jsonBytes: [UInt8] {
        var out: [UInt8] = []
        write(to: &out)
        return out
    }

    public var jsonText: String { String(decoding: jsonBytes, as: UTF8.self) }
}

extension JSONValue: CustomStringConvertible {
    public var description: String { jsonText }
}

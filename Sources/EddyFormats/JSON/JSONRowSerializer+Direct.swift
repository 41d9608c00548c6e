import EddyCore

/// The common wrapped row (integers, strings, booleans, NULLs) written through a pointer into a
/// scratch buffer sized for the worst case, then copied out once: no capacity and uniqueness
/// check per byte as `Array.append` does. Same bytes as `JSONValueWriter`.
extension JSONRowSerializer {
    /// The longest JSON the row can take when every value is of a kind `writeDirect` handles, else nil.
    func directBound(_ values: ArraySlice<Value>) -> Int? {
        var n = prefixBytes.count + 2
        for j in values.indices {
            switch values[j] {
            case .int, .date, .time: n += 11
            case .bigint, .timestamp: n += 20
            case .null, .bool: n += 5
            case .string(let s): n += s.utf8.count * 6 + 2  // worst case: every byte as \u00XX
            default: return nil
            }
        }
        return n
    }

    mutating func writeDirect(_ values: ArraySlice<Value>, bound: Int, into output: inout [UInt8]) {
        if scratch.count < bound { scratch = [UInt8](repeating: 0, count: max(bound, 2 * scratch.count)) }
        let n = scratch.withUnsafeMutableBufferPointer { buffer -> Int in
            prefixBytes.withUnsafeBufferPointer { prefixes -> Int in
                let out = buffer.baseAddress!
                var p = 0
                out[p] = UInt8(ascii: "{"); p += 1
                var start = 0
                for (i, j) in values.indices.enumerated() {
                    let end = prefixEnds[i]
                    // Prefixes are a few bytes: a loop beats a call to memcpy.
                    while start < end { out[p] = prefixes[start]; p += 1; start += 1 }
                    switch values[j] {
                    case .int(let v), .date(let v), .time(let v): p = Self.write(Int64(v), out, p, room: 11)
                    case .bigint(let v), .timestamp(let v): p = Self.write(v, out, p, room: 20)
                    case .null: p = Self.writeWord("null", out, p)
                    case .bool(let b): p = b ? Self.writeWord("true", out, p) : Self.writeWord("false", out, p)
                    case .string(let s): p = Self.writeString(s, out, p)
                    default: preconditionFailure("directBound admits only the kinds written here")
                    }
                }
                out[p] = UInt8(ascii: "}"); p += 1
                return p
            }
        }
        output.removeAll(keepingCapacity: true)
        scratch.withUnsafeBufferPointer { output.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<n])) }
    }

    /// Digits are written backwards at the end of the value's reserved `room`, then moved down.
    @inline(__always) private static func write(_ v: Int64, _ out: UnsafeMutablePointer<UInt8>, _ at: Int, room: Int) -> Int {
        var p = at
        var m = v.magnitude
        if m < 10 && v >= 0 {
            out[p] = UInt8(truncatingIfNeeded: 48 &+ m)
            return p + 1
        }
        if v < 0 { out[p] = UInt8(ascii: "-"); p += 1 }
        let end = at + room
        var q = end
        repeat {
            q -= 1
            out[q] = UInt8(truncatingIfNeeded: 48 &+ m % 10)
            m /= 10
        } while m > 0
        while q < end { out[p] = out[q]; p += 1; q += 1 }
        return p
    }

    private static func writeWord(_ word: StaticString, _ out: UnsafeMutablePointer<UInt8>, _ at: Int) -> Int {
        (out + at).update(from: word.utf8Start, count: word.utf8CodeUnitCount)
        return at + word.utf8CodeUnitCount
    }

    /// A string escaped as Jackson does (see `JSONWriter.appendEscaped`).
    private static func writeString(_ s: String, _ out: UnsafeMutablePointer<UInt8>, _ at: Int) -> Int {
        var s = s
        return s.withUTF8 { bytes -> Int in
            var p = at
            out[p] = UInt8(ascii: "\""); p += 1
            for c in bytes {
                guard c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") else {
                    out[p] = c; p += 1
                    continue
                }
                out[p] = UInt8(ascii: "\\"); p += 1
                switch c {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): out[p] = c
                case 0x08: out[p] = UInt8(ascii: "b")
                case 0x0C: out[p] = UInt8(ascii: "f")
                case 0x0A: out[p] = UInt8(ascii: "n")
                case 0x0D: out[p] = UInt8(ascii: "r")
                case 0x09: out[p] = UInt8(ascii: "t")
                default:
                    out[p] = UInt8(ascii: "u"); out[p + 1] = 0x30; out[p + 2] = 0x30
                    out[p + 3] = hexDigit(c >> 4); out[p + 4] = hexDigit(c & 0xF)
                    p += 4
                }
                p += 1
            }
            out[p] = UInt8(ascii: "\""); p += 1
            return p
        }
    }

    private static func hexDigit(_ d: UInt8) -> UInt8 { d < 10 ? 48 + d : 55 + d }
}

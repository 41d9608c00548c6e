import EddyCore

/// Writes a JSON key or value: `{"COL":…}` with column names as field names, or the bare value of a
/// single unwrapped column (a NULL one becomes a Kafka null, as Kafka's JSON converter does).
struct JSONRowSerializer: RowSerializer {
    /// `"NAME":` for each column, pre-escaped.
    let fieldPrefixes: [[UInt8]]
    /// The same, concatenated (`prefixEnds[i]` ends column i's), then a word of padding: prefixes
    /// are copied in whole 8-byte words.
    let prefixBytes: [UInt8]
    let prefixEnds: [Int]
    let unwrapped: Bool
    let context: SerdeContext
    /// Where braces, prefixes and integers are written through a pointer and then appended to the
    /// output in one piece (any other value is appended where it falls). Room for a row of
    /// integers, plus a word of slack for the word-wise prefix copies.
    private var scratch: [UInt8]

    init(columns: [Column], unwrapped: Bool, context: SerdeContext) {
        fieldPrefixes = columns.enumerated().map { i, c in
            var out: [UInt8] = i == 0 ? [] : [UInt8(ascii: ",")]
            JSONWriter.appendString(c.name, to: &out)
            out.append(UInt8(ascii: ":"))
            return out
        }
        prefixBytes = fieldPrefixes.flatMap { $0 } + [UInt8](repeating: 0, count: 8)
        var end = 0
        prefixEnds = fieldPrefixes.map { end += $0.count; return end }
        self.unwrapped = unwrapped && columns.count == 1
        self.context = context
        scratch = [UInt8](repeating: 0, count: end + 2 + JSONIntegerText.maxBytes * columns.count + 8)
    }

    mutating func serialize(_ values: ArraySlice<Value>, into output: inout [UInt8]) throws -> Bool {
        guard values.count == fieldPrefixes.count else {
            output.removeAll(keepingCapacity: true)
            throw EddyErrorFactory.serialization(context,
                "Column count mismatch on serialization. topic: \(context.topic), expected: \(fieldPrefixes.count), got: \(values.count)")
        }
        if unwrapped {
            output.removeAll(keepingCapacity: true)
            let v = values[values.startIndex]
            if v.isNull { return false }
            JSONValueWriter.write(v, to: &output)
            return true
        }
        prefixBytes.withUnsafeBufferPointer { prefixes in
            prefixEnds.withUnsafeBufferPointer { ends in
                scratch.withUnsafeMutableBufferPointer { buffer in
                    let from = prefixes.baseAddress.unsafelyUnwrapped, to = buffer.baseAddress.unsafelyUnwrapped
                    to[0] = UInt8(ascii: "{")
                    var n = 1, start = 0, i = 0
                    // The first piece replaces the previous row's bytes in one call (emptying the
                    // array, then appending, cost two generic calls per row); later ones append.
                    var replaced = false
                    func flush(_ count: Int) {
                        let piece = UnsafeBufferPointer(start: to, count: count)
                        if replaced {
                            output.append(contentsOf: piece)
                        } else {
                            output.replaceSubrange(0 ..< output.count, with: piece)
                            replaced = true
                        }
                    }
                    for j in values.indices {
                        let end = ends[i]
                        i += 1
                        Self.copyWords(from + start, end - start, to: to + n)
                        n += end - start
                        start = end
                        // Integers, the common column, straight into the scratch; anything else goes
                        // through the general writer after what is pending.
                        switch values[j] {
                        case .int(let v): n += JSONIntegerText.write(Int64(v), to: to + n)
                        case .bigint(let v): n += JSONIntegerText.write(v, to: to + n)
                        case let v:
                            flush(n)
                            n = 0
                            JSONValueWriter.write(v, to: &output)
                        }
                    }
                    to[n] = UInt8(ascii: "}")
                    flush(n + 1)
                }
            }
        }
        return true
    }

    /// Copies `count` bytes in 8-byte words: reads and writes up to 7 bytes past the end, which the
    /// padding of `prefixBytes` and the slack of `scratch` allow.
    @inline(__always) private static func copyWords(_ from: UnsafePointer<UInt8>, _ count: Int, to: UnsafeMutablePointer<UInt8>) {
        let source = UnsafeRawPointer(from), target = UnsafeMutableRawPointer(to)
        var k = 0
        while k < count {
            target.storeBytes(of: source.loadUnaligned(fromByteOffset: k, as: UInt64.self), toByteOffset: k, as: UInt64.self)
            k += 8
        }
    }
}

/// Renders runtime values as Kafka's JSON converter does for ksqlDB: decimals as plain numbers with
/// their scale, doubles as Java prints them, BYTES as base64, DATE/TIME/TIMESTAMP as numbers.
public enum JSONValueWriter {
    public static func write(_ value: Value, to out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let v), .date(let v), .time(let v): JSONWriter.appendInteger(v, to: &out)
        case .bigint(let v), .timestamp(let v): JSONWriter.appendInteger(v, to: &out)
        case .double(let d):
            if d.isFinite {
                JavaText.appendDouble(d, to: &out)
            } else {
                out.append(UInt8(ascii: "\""))
                JavaText.appendDouble(d, to: &out)
                out.append(UInt8(ascii: "\""))
            }
        case .decimal(let d): out.append(contentsOf: d.description.utf8)
        case .string(let s): JSONWriter.appendString(s, to: &out)
        case .bytes(let b):
            out.append(UInt8(ascii: "\""))
            ByteBase64.encode(b, into: &out)
            out.append(UInt8(ascii: "\""))
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(item, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .map(let m):
            out.append(UInt8(ascii: "{"))
            for i in 0 ..< m.count {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                if case .string(let k) = m.keys[i] {
                    JSONWriter.appendString(k, to: &out)
                } else {
                    var keyText: [UInt8] = []
                    write(m.keys[i], to: &keyText)
                    JSONWriter.appendString(String(decoding: keyText, as: UTF8.self), to: &out)
                }
                out.append(UInt8(ascii: ":"))
                write(m.values[i], to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .struct(let s):
            out.append(UInt8(ascii: "{"))
            for i in 0 ..< s.names.count {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(s.names[i], to: &out)
                out.append(UInt8(ascii: ":"))
                write(s.values[i], to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// The JSON text of one value, for cold paths.
    public static func text(_ value: Value) -> String {
        var out: [UInt8] = []
        write(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

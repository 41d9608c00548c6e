import EddyCore

/// Writes one CSV record the way commons-csv's printer does in its minimal quote mode: a field
/// is quoted when it holds the delimiter, a quote or a line break, starts with a character at or
/// below `#` (or, first in the record, `,` or `-`), ends with a space, or is an empty first field. NULL is an empty, unquoted field.
struct DelimitedSerializer: RowSerializer {
    let types: [SQLType]
    let delimiter: Delimiter
    let context: SerdeContext
    private var text: [UInt8] = []

    init(types: [SQLType], delimiter: Delimiter, context: SerdeContext) {
        self.types = types
        self.delimiter = delimiter
        self.context = context
    }

    mutating func serialize(_ values: ArraySlice<Value>, into output: inout [UInt8]) throws -> Bool {
        output.removeAll(keepingCapacity: true)
        guard values.count == types.count else {
            throw EddyErrorFactory.serialization(
                context, "Column count mismatch on serialization. topic: \(context.topic), expected: \(types.count), got: \(values.count)")
        }
        let delim = delimiter.utf8
        for (n, value) in values.enumerated() {
            if n > 0 { output.append(contentsOf: delim) }
            text.removeAll(keepingCapacity: true)
            switch value {
            case .null: continue
            case .bool(let b): text.append(contentsOf: (b ? "true" : "false").utf8)
            case .int(let v), .date(let v), .time(let v): text.append(contentsOf: String(v).utf8)
            case .bigint(let v), .timestamp(let v): text.append(contentsOf: String(v).utf8)
            case .double(let d): JavaText.appendDouble(d, to: &text)
            case .decimal(let d): text.append(contentsOf: d.description.utf8)
            case .string(let s): text.append(contentsOf: s.utf8)
            case .bytes(let b): text.append(contentsOf: ByteBase64.encode(b).utf8)
            case .array, .map, .struct:
                throw EddyErrorFactory.serialization(context, "Error serializing CSV message: \(FormatMessages.unsupportedType(format: "DELIMITED", types[n]))")
            }
            append(text, first: n == 0, delim: delim, to: &output)
        }
        return true
    }

    private func append(_ field: [UInt8], first: Bool, delim: [UInt8], to output: inout [UInt8]) {
        let quote = UInt8(ascii: "\"")
        guard needsQuotes(field, first: first, delim: delim) else {
            output.append(contentsOf: field)
            return
        }
        output.append(quote)
        for b in field {
            if b == quote { output.append(quote) }
            output.append(b)
        }
        output.append(quote)
    }

    private func needsQuotes(_ field: [UInt8], first: Bool, delim: [UInt8]) -> Bool {
        guard let c = field.first else { return first }
        if first, c < 0x20 || (c > 0x21 && c < 0x23) || (c > 0x2B && c < 0x2E) || c > 0x7E { return true }
        if c <= UInt8(ascii: "#") { return true }
        for (i, b) in field.enumerated() {
            if b == 0x0A || b == 0x0D || b == UInt8(ascii: "\"") { return true }
            if b == delim[0], delim.count == 1 || field[i...].starts(with: delim) { return true }
        }
        return field.last! <= 0x20
    }
}

import EddyCore

/// Reads one CSV record (commons-csv's default dialect with the configured delimiter: `"` quotes,
/// `""` escapes a quote, empty lines skipped) and converts each field to its column's type.
/// An empty field is NULL; a field count that differs from the column count is an error.
struct DelimitedDeserializer: RowDeserializer {
    let types: [SQLType]
    let delimiter: Delimiter
    let context: SerdeContext
    /// Field boundaries and unescaped text of the current record, reused between records.
    private var fields: [String] = []
    private var field: [UInt8] = []

    init(types: [SQLType], delimiter: Delimiter, context: SerdeContext) {
        self.types = types
        self.delimiter = delimiter
        self.context = context
    }

    mutating func deserialize(_ bytes: UnsafeRawBufferPointer?, into row: inout [Value]) throws -> Bool {
        guard let bytes else { return false }
        try split(bytes)
        if fields.isEmpty { throw failure("No fields in record") }
        if fields.count != types.count {
            throw failure("Unexpected field count, csvFields:\(fields.count) schemaFields:\(types.count)")
        }
        for (text, type) in zip(fields, types) {
            row.append(try convert(text, type))
        }
        return true
    }

    private func failure(_ reason: String) -> EddyError {
        EddyErrorFactory.deserialization(context, "Error deserializing delimited row: \(reason)")
    }

    private func convert(_ text: String, _ type: SQLType) throws -> Value {
        if text.isEmpty { return .null }
        switch type {
        case .boolean:
            return .bool(text.lowercased() == "true")
        case .int, .date, .time:
            guard let v = JavaInteger.parseInt32(text[...]) else { throw failure("For input string: \"\(text)\"") }
            if case .date = type { return .date(v) }
            if case .time = type { return .time(v) }
            return .int(v)
        case .bigint, .timestamp:
            guard let v = JavaInteger.parseInt64(text[...]) else { throw failure("For input string: \"\(text)\"") }
            if case .timestamp = type { return .timestamp(v) }
            return .bigint(v)
        case .double:
            guard let v = JavaDouble.parse(text) else { throw failure("For input string: \"\(text)\"") }
            return .double(v)
        case .decimal(let p, let s):
            guard let d = SQLDecimal(text) else { throw failure("Character array is missing \"exponent\" mark 'e' or 'E'.") }
            do { return .decimal(try d.ensuringFit(precision: p, scale: s)) } catch { throw failure(error.message) }
        case .string:
            return .string(text)
        case .bytes:
            guard let b = ByteBase64.decode(text.utf8) else { throw failure("Illegal base64 character") }
            return .bytes(b)
        default:
            throw failure("Type is not supported: \(type)")
        }
    }

    /// Splits the first non-empty line of `bytes` into `fields`.
    private mutating func split(_ bytes: UnsafeRawBufferPointer) throws {
        fields.removeAll(keepingCapacity: true)
        let delim = delimiter.utf8
        let quote = UInt8(ascii: "\"")
        var i = 0
        let n = bytes.count
        // Empty lines before the record are ignored, as commons-csv's default format does.
        while i < n, bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        if i == n { return }
        while true {
            field.removeAll(keepingCapacity: true)
            if i < n, bytes[i] == quote {
                i += 1
                var closed = false
                while i < n {
                    if bytes[i] == quote {
                        if i + 1 < n, bytes[i + 1] == quote { field.append(quote); i += 2; continue }
                        i += 1
                        closed = true
                        break
                    }
                    field.append(bytes[i])
                    i += 1
                }
                if !closed { throw failure("EOF reached before encapsulated token finished") }
                // Only a delimiter or the end of the line may follow a closing quote.
                if i < n, !matches(delim, bytes, at: i), bytes[i] != 0x0A, bytes[i] != 0x0D {
                    throw failure("Invalid char between encapsulated token and delimiter")
                }
            } else {
                while i < n, !matches(delim, bytes, at: i), bytes[i] != 0x0A, bytes[i] != 0x0D {
                    field.append(bytes[i])
                    i += 1
                }
            }
            fields.append(String(decoding: field, as: UTF8.self))
            if i < n, matches(delim, bytes, at: i) {
                i += delim.count
                continue
            }
            return
        }
    }

    private func matches(_ delim: [UInt8], _ bytes: UnsafeRawBufferPointer, at i: Int) -> Bool {
        if delim.count == 1 { return bytes[i] == delim[0] }
        guard i + delim.count <= bytes.count else { return false }
        for (k, b) in delim.enumerated() where bytes[i + k] != b { return false }
        return true
    }
}

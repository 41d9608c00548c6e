import EddyCore

/// Reads a JSON key or value: an object with one field per column, or the bare value of a single
/// unwrapped column.
struct JSONRowDeserializer: RowDeserializer {
    var row: JSONFieldsPlan
    let single: JSONTypePlan?
    let singleText: String?
    let context: SerdeContext
    /// Bytes to skip before the JSON text (5 for JSON_SR's magic byte and schema id).
    let prefixLength: Int
    private var levels: [UInt8]

    init(columns: [Column], unwrapped: Bool, context: SerdeContext, prefixLength: Int = 0) {
        row = JSONFieldsPlan(
            names: columns.map(\.name), types: columns.map(\.type),
            text: "STRUCT<" + columns.map { "\($0.name) \(JSONTypePlan.text($0.type))" }.joined(separator: ", ") + ">")
        single = unwrapped && columns.count == 1 ? JSONTypePlan(columns[0].type) : nil
        singleText = single == nil ? nil : JSONTypePlan.text(columns[0].type)
        self.context = context
        self.prefixLength = prefixLength
        levels = [UInt8](repeating: 0, count: columns.count)
    }

    mutating func deserialize(_ bytes: UnsafeRawBufferPointer?, into out: inout [Value]) throws -> Bool {
        guard let bytes else { return false }
        guard bytes.count >= prefixLength else {
            throw EddyErrorFactory.deserialization(context, "Data too short for the schema registry prefix")
        }
        var decoder = JSONValueDecoder(bytes, at: prefixLength)
        let base = out.count
        do {
            guard let c = decoder.scanner.peek() else {
                throw decoder.invalid("MissingNode", singleText ?? row.text)
            }
            if let single {
                out.append(try decoder.decode(single))
                return true
            }
            guard c == UInt8(ascii: "{") else {
                if c == UInt8(ascii: "n") {
                    // ksqlDB reads a JSON null document as a null row, i.e. like a Kafka null.
                    try decoder.scanner.readLiteral("null")
                    return false
                }
                throw try decoder.mismatch(row.text)
            }
            // The row is decoded in place at the end of `out`; a failure takes it back out.
            // (`append(contentsOf: repeatElement(…))` would copy each NULL through the generic path.)
            levels.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
            for _ in 0 ..< levels.count { out.append(.null) }
            try decoder.object(row, into: &out, at: base, levels: &levels)
            return true
        } catch let failure as JSONCoercionFailure {
            if out.count > base { out.removeSubrange(base...) }
            throw EddyErrorFactory.deserialization(context, "\(failure.message), path: $\(failure.path)")
        } catch let syntax as JSONSyntaxError {
            if out.count > base { out.removeSubrange(base...) }
            throw EddyErrorFactory.deserialization(context, syntax.message)
        }
    }

    mutating func prune(reading: [Bool]) {
        guard single == nil, reading.count == row.skip.count else { return }
        row.skip = reading.map { !$0 }
    }
}

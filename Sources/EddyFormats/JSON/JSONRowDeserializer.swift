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
        let base = out.count
        do {
            // The row is decoded in place at the end of `out`; a failure takes it back out.
            // (`append(contentsOf: repeatElement(…))` would copy each NULL through the generic path.)
            for _ in 0 ..< width { out.append(.null) }
            if try decode(bytes, into: &out, at: base, reset: false) { return true }
            out.removeSubrange(base...)
            return false
        } catch {
            if out.count > base { out.removeSubrange(base...) }
            throw error
        }
    }

    /// Writes the slots of a reused row directly: nothing is removed and re-appended per record,
    /// and a slot that held a plain value (a number, a boolean, NULL) needs no release.
    mutating func deserialize(_ bytes: UnsafeRawBufferPointer?, overwriting out: inout [Value], at base: Int, count: Int) throws -> Bool {
        // Not this row's width: the caller's contract is the generic one.
        guard count == width else { return try overwriteByAppending(bytes, row: &out, at: base, count: count) }
        while out.count < base + width { out.append(.null) }
        if let bytes, try decode(bytes, into: &out, at: base, reset: true) { return true }
        // A Kafka null or a JSON null document: a null row.
        out.withUnsafeMutableBufferPointer { row in
            for i in base ..< base + width { row[i] = .null }
        }
        return false
    }

    private var width: Int { single == nil ? levels.count : 1 }

    /// Decodes into `out[base ..< base + width]`, which holds NULLs unless `reset` (then it holds
    /// anything and every slot is written). False for a JSON null document.
    private mutating func decode(_ bytes: UnsafeRawBufferPointer, into out: inout [Value], at base: Int, reset: Bool) throws -> Bool {
        guard bytes.count >= prefixLength else {
            throw EddyErrorFactory.deserialization(context, "Data too short for the schema registry prefix")
        }
        var decoder = JSONValueDecoder(bytes, at: prefixLength)
        do {
            guard let c = decoder.scanner.peek() else {
                throw decoder.invalid("MissingNode", singleText ?? row.text)
            }
            if let single {
                out[base] = try decoder.decode(single)
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
            try decoder.object(row, into: &out, at: base, levels: &levels, reset: reset)
            return true
        } catch let failure as JSONCoercionFailure {
            throw EddyErrorFactory.deserialization(context, "\(failure.message), path: $\(failure.path)")
        } catch let syntax as JSONSyntaxError {
            throw EddyErrorFactory.deserialization(context, syntax.message)
        }
    }

    mutating func prune(reading: [Bool]) {
        guard single == nil, reading.count == row.skip.count else { return }
        row.skip = reading.map { !$0 }
    }
}

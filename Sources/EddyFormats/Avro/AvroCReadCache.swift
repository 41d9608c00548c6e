import CAvro
import EddyCore

/// The Avro C side of an `AvroRowDeserializer`: one generic value per writer schema id, and one
/// memory reader pointed at each message after the Confluent header.
///
/// A serde is a value type; if one is copied, the copy gets a fresh cache on first use
/// (`isKnownUniquelyReferenced`), so two tasks never share a generic value.
final class AvroCReadCache: @unchecked Sendable {
    struct Entry {
        var value: AvroCGenericValue
        /// Set when an array in the schema can hold items that take no bytes (nulls, empty
        /// records): Avro C would loop on a corrupt huge block count, so those payloads are
        /// first walked by the bounds-checked Swift reader.
        var guardSchema: AvroSchema?
    }

    private var entries: [Int: Entry] = [:]
    /// A topic's records nearly always share one writer schema: skip the dictionary for it.
    private var last: (id: Int, entry: Entry)?
    let reader = AvroCMemoryReader()

    func entry(id: Int, writer: () throws -> (json: String, schema: AvroSchema)) throws -> Entry {
        if let last, last.id == id { return last.entry }
        if let e = entries[id] {
            last = (id, e)
            return e
        }
        let w = try writer()
        let e = Entry(value: try AvroCGenericValue(json: w.json),
                      guardSchema: Self.hasZeroSizeArrayItems(w.schema) ? w.schema : nil)
        entries[id] = e
        last = (id, e)
        return e
    }

    /// Reads the payload with Avro C and converts it with `plan`.
    func decode(_ payload: UnsafeRawBufferPointer, entry: Entry, plan: AvroReadPlan) throws -> Value {
        if let schema = entry.guardSchema {
            var r = AvroBinaryReader(payload)
            try AvroDecoder.skip(schema, &r)
        }
        let generic = entry.value
        do { try reader.read(payload, into: &generic.value) } catch let e as AvroCError {
            throw AvroDecodeError.invalid(e.message)
        }
        return try withUnsafePointer(to: &generic.value) { try AvroCDecoder.read(plan, $0) }
    }

    /// Whether some array's items may encode to zero bytes.
    static func hasZeroSizeArrayItems(_ s: AvroSchema) -> Bool {
        switch s {
        case .array(let items): return minimumSize(items) == 0 || hasZeroSizeArrayItems(items)
        case .map(let values): return hasZeroSizeArrayItems(values)
        case .record(let r): return r.fields.contains { hasZeroSizeArrayItems($0.schema) }
        case .union(let b): return b.contains(where: hasZeroSizeArrayItems)
        default: return false
        }
    }

    static func minimumSize(_ s: AvroSchema) -> Int {
        switch s {
        case .null: 0
        case .record(let r): r.fields.reduce(0) { $0 + minimumSize($1.schema) }
        case .fixed(let f): f.size
        case .float: 4
        case .double: 8
        // A recursive reference is a record; assume the worst.
        case .reference: 0
        default: 1
        }
    }
}

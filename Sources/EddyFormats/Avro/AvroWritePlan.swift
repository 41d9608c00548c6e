import EddyCore

/// How to encode a SQL value of a known type with a writer schema (the one ksqlDB generates, or a
/// registered one named by VALUE_SCHEMA_ID), resolved once per serializer.
indirect enum AvroWritePlan: Sendable {
    case null
    case boolean
    case int
    case long
    case float
    case double
    case string
    case enumeration([String])
    case bytes
    case fixed(Int)
    case decimalBytes(scale: Int)
    case decimalFixed(size: Int, scale: Int)
    case array(AvroWritePlan)
    case map(AvroWritePlan)
    case mapEntries(key: AvroWritePlan, value: AvroWritePlan)
    /// Writes the fields in writer order from the struct's (or row's) slots.
    case record([AvroFieldWrite])
    /// A union: the branch written for NULL (if any) and the one for other values.
    case union(nullIndex: Int?, valueIndex: Int, plan: AvroWritePlan)
}

enum AvroFieldWrite: Sendable {
    /// The value at this slot of the source struct or row.
    case slot(Int, AvroWritePlan)
    /// A writer field the SQL schema does not have: its encoded default.
    case constant([UInt8])
    /// A required writer field with a default: a NULL value writes the default, as Connect's
    /// AvroData does for a missing struct field.
    case slotOrDefault(Int, AvroWritePlan, defaultBytes: [UInt8])
}

extension AvroWritePlan {
    static func make(schema: AvroSchema, type: SQLType, path: String) throws -> AvroWritePlan {
        func mismatch() -> EddyError {
            EddyErrorFactory.execution("Cannot serialize type \(type) as Avro \(schema.typeName) for path: \(path)")
        }
        switch (schema, type) {
        case (.union(let branches), _):
            let nullIndex = branches.firstIndex(of: .null)
            for (i, b) in branches.enumerated() where b != .null {
                if let plan = try? make(schema: b, type: type, path: path) {
                    return .union(nullIndex: nullIndex, valueIndex: i, plan: plan)
                }
            }
            throw mismatch()
        case (.null, _): return .null
        case (.boolean, .boolean): return .boolean
        case (.int, .int), (.int, .date), (.int, .time): return .int
        case (.long, .int), (.long, .bigint), (.long, .timestamp): return .long
        case (.float, .double): return .float
        case (.double, .double), (.double, .int), (.double, .bigint): return .double
        case (.string, .string): return .string
        case (.enumeration(let e), .string): return .enumeration(e.symbols)
        case (.bytes(let l), .decimal(_, let s)):
            guard case .decimal = l else { throw mismatch() }
            return .decimalBytes(scale: s)
        case (.fixed(let f), .decimal(_, let s)):
            guard case .decimal = f.logicalType else { throw mismatch() }
            return .decimalFixed(size: f.size, scale: s)
        case (.bytes, .bytes): return .bytes
        case (.fixed(let f), .bytes): return .fixed(f.size)
        case (.array(let items), .array(let e)):
            return .array(try make(schema: items, type: e, path: path + "->ARRAY"))
        case (.array(let items), .map(let k, let v)):
            guard let entry = AvroTypeInference.mapEntry(items) else { throw mismatch() }
            return .mapEntries(key: try make(schema: entry.key, type: k, path: path + "->MAP_KEY"),
                               value: try make(schema: entry.value, type: v, path: path + "->MAP_VAL"))
        case (.map(let values), .map(.string, let v)):
            return .map(try make(schema: values, type: v, path: path + "->MAP_VAL"))
        case (.record(let r), .struct(let fields)):
            return try record(r, sources: fields.map { ($0.name, $0.type) }, path: path)
        default:
            throw mismatch()
        }
    }

    /// A record written from named sources (struct fields or columns): exact name first, then
    /// case-insensitive; writer fields without a source get their default, or NULL when optional.
    static func record(_ r: AvroRecord, sources: [(String, SQLType)], path: String) throws -> AvroWritePlan {
        var writes: [AvroFieldWrite] = []
        for f in r.fields {
            let slot = sources.firstIndex { $0.0 == f.name }
                ?? sources.firstIndex { $0.0.replacingOccurrences(of: ".", with: "_") == f.name }
                ?? sources.firstIndex { $0.0.uppercased() == f.name.uppercased() }
            if let slot {
                let plan = try make(schema: f.schema, type: sources[slot].1, path: path + "->" + f.name)
                if f.schema.nullableBranch == nil, f.schema != .null, let d = f.defaultValue {
                    var bytes: [UInt8] = []
                    try AvroJSONCodec.encode(d, schema: f.schema, isDefault: true, to: &bytes)
                    writes.append(.slotOrDefault(slot, plan, defaultBytes: bytes))
                } else {
                    writes.append(.slot(slot, plan))
                }
                continue
            }
            var out: [UInt8] = []
            if let d = f.defaultValue {
                try AvroJSONCodec.encode(d, schema: f.schema, isDefault: true, to: &out)
            } else if let nullable = f.schema.nullableBranch {
                AvroBinaryWriter.long(Int64(nullable.nullIndex), to: &out)
            } else if f.schema == .null {
            } else {
                throw EddyErrorFactory.execution("Missing default value for required Avro field: [\(f.name)]. "
                    + "This field appears in Avro schema in Schema Registry")
            }
            writes.append(.constant(out))
        }
        return .record(writes)
    }
}

/// Runs an `AvroWritePlan`.
enum AvroEncoder {
    struct NullInRequiredField: Error {}

    static func write(_ plan: AvroWritePlan, _ value: Value, to out: inout [UInt8]) throws {
        if case .union(let nullIndex, let valueIndex, let inner) = plan {
            if case .null = value {
                guard let nullIndex else { throw NullInRequiredField() }
                AvroBinaryWriter.long(Int64(nullIndex), to: &out)
            } else {
                AvroBinaryWriter.long(Int64(valueIndex), to: &out)
                try write(inner, value, to: &out)
            }
            return
        }
        switch (plan, value) {
        case (.null, _): return
        case (_, .null): throw NullInRequiredField()
        case (.boolean, .bool(let b)): AvroBinaryWriter.boolean(b, to: &out)
        case (.int, .int(let i)), (.int, .date(let i)), (.int, .time(let i)): AvroBinaryWriter.int(i, to: &out)
        case (.long, .bigint(let l)), (.long, .timestamp(let l)): AvroBinaryWriter.long(l, to: &out)
        case (.long, .int(let i)): AvroBinaryWriter.long(Int64(i), to: &out)
        case (.float, .double(let d)): AvroBinaryWriter.float(Float(d), to: &out)
        case (.double, .double(let d)): AvroBinaryWriter.double(d, to: &out)
        case (.double, .int(let i)): AvroBinaryWriter.double(Double(i), to: &out)
        case (.double, .bigint(let i)): AvroBinaryWriter.double(Double(i), to: &out)
        case (.string, .string(let s)): AvroBinaryWriter.string(s, to: &out)
        case (.enumeration(let symbols), .string(let s)):
            guard let i = symbols.firstIndex(of: s) else {
                throw EddyErrorFactory.execution("Not an enum symbol: \(s)")
            }
            AvroBinaryWriter.long(Int64(i), to: &out)
        case (.bytes, .bytes(let b)): AvroBinaryWriter.bytes(b, to: &out)
        case (.fixed(let n), .bytes(let b)):
            guard b.count == n else { throw EddyErrorFactory.execution("Fixed size mismatch: expected \(n) bytes, got \(b.count)") }
            out.append(contentsOf: b)
        case (.decimalBytes(let scale), .decimal(let d)):
            AvroBinaryWriter.bytes(AvroDecimalBytes.encode(d.rescaled(to: scale)), to: &out)
        case (.decimalFixed(let size, let scale), .decimal(let d)):
            out.append(contentsOf: AvroDecimalBytes.encode(d.rescaled(to: scale), size: size))
        case (.array(let item), .array(let items)):
            if !items.isEmpty {
                AvroBinaryWriter.long(Int64(items.count), to: &out)
                for v in items { try write(item, v, to: &out) }
            }
            out.append(0)
        case (.map(let valuePlan), .map(let m)):
            if m.count > 0 {
                AvroBinaryWriter.long(Int64(m.count), to: &out)
                for (k, v) in m.pairs {
                    guard case .string(let key) = k else { throw EddyErrorFactory.execution("Avro map keys must be strings") }
                    AvroBinaryWriter.string(key, to: &out)
                    try write(valuePlan, v, to: &out)
                }
            }
            out.append(0)
        case (.mapEntries(let keyPlan, let valuePlan), .map(let m)):
            if m.count > 0 {
                AvroBinaryWriter.long(Int64(m.count), to: &out)
                for (k, v) in m.pairs {
                    try write(keyPlan, k, to: &out)
                    try write(valuePlan, v, to: &out)
                }
            }
            out.append(0)
        case (.record(let fields), .struct(let s)):
            try writeFields(fields, s.values[...], to: &out)
        default:
            throw EddyErrorFactory.execution("Unexpected value for Avro type: \(value)")
        }
    }

    static func writeFields(_ fields: [AvroFieldWrite], _ values: ArraySlice<Value>, to out: inout [UInt8]) throws {
        for f in fields { try writeField(f, values, to: &out) }
    }

    static func writeField(_ f: AvroFieldWrite, _ values: ArraySlice<Value>, to out: inout [UInt8]) throws {
        switch f {
        case .slot(let i, let plan): try write(plan, values[values.startIndex + i], to: &out)
        case .constant(let bytes): out.append(contentsOf: bytes)
        case .slotOrDefault(let i, let plan, let bytes):
            let v = values[values.startIndex + i]
            if v.isNull { out.append(contentsOf: bytes) } else { try write(plan, v, to: &out) }
        }
    }
}

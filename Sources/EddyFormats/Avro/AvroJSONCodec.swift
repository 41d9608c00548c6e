import EddyCore

/// A decoded Avro value in the shape ksqlDB's test framework compares (its `connectToSpec`):
/// records and maps become objects, enums strings, decimals exact numbers, bytes raw bytes.
public indirect enum AvroDatum: Sendable, Hashable {
    case null
    case boolean(Bool)
    case integer(Int64)
    case double(Double)
    case decimal(SQLDecimal)
    case string(String)
    case bytes([UInt8])
    case array([AvroDatum])
    case object([String], [AvroDatum])
}

/// Converts between JSON test data and Avro binary through a schema. Used by the conformance
/// runner and for field defaults; the query path uses the compiled plans instead.
public enum AvroJSONCodec {
    /// Encodes `json` as `schema`. Struct keys match case-insensitively, missing fields take their
    /// default or NULL; numbers may be given as strings. `isDefault` reads bytes as ISO-8859-1 text
    /// (Avro's default-value convention) instead of base64 (the test data's).
    public static func encode(_ json: JSONValue, schema: AvroSchema, isDefault: Bool = false, to out: inout [UInt8]) throws {
        switch schema {
        case .union(let branches):
            if json.isNull {
                guard let i = branches.firstIndex(of: .null) else { throw AvroSchemaError("null is not allowed by \(schema.typeName)") }
                AvroBinaryWriter.long(Int64(i), to: &out)
                return
            }
            // Exact JSON kinds first; then numbers written as strings ("1" for a TIME), which the
            // non-union path accepts too.
            let branch = branches.indices.first { branches[$0] != .null && accepts(branches[$0], json) }
                ?? branches.indices.first { branches[$0] != .null && acceptsNumericText(branches[$0], json) }
            if let i = branch {
                AvroBinaryWriter.long(Int64(i), to: &out)
                try encode(json, schema: branches[i], isDefault: isDefault, to: &out)
                return
            }
            throw AvroSchemaError("Value \(json.jsonText) matches no branch of the union")
        case .null:
            return
        default:
            break
        }
        if json.isNull { throw AvroSchemaError("null value for non-optional \(schema.typeName)") }
        switch schema {
        case .boolean:
            AvroBinaryWriter.boolean(json.boolValue ?? (json.stringValue?.lowercased() == "true"), to: &out)
        case .int:
            guard let i = integer(json), let v = Int32(exactly: i) else { throw AvroSchemaError("Not an int: \(json.jsonText)") }
            AvroBinaryWriter.int(v, to: &out)
        case .long:
            guard let i = integer(json) else { throw AvroSchemaError("Not a long: \(json.jsonText)") }
            AvroBinaryWriter.long(i, to: &out)
        case .float: AvroBinaryWriter.float(Float(try double(json)), to: &out)
        case .double: AvroBinaryWriter.double(try double(json), to: &out)
        case .string: AvroBinaryWriter.string(json.stringValue ?? json.jsonText, to: &out)
        case .enumeration(let e):
            guard let s = json.stringValue, let i = e.symbols.firstIndex(of: s) else { throw AvroSchemaError("Not a symbol of \(e.fullName): \(json.jsonText)") }
            AvroBinaryWriter.long(Int64(i), to: &out)
        case .bytes(let l):
            if case .decimal(_, let scale) = l {
                AvroBinaryWriter.bytes(AvroDecimalBytes.encode(try decimal(json).rescaled(to: scale)), to: &out)
            } else {
                AvroBinaryWriter.bytes(try bytes(json, isDefault: isDefault), to: &out)
            }
        case .fixed(let f):
            if case .decimal(_, let scale) = f.logicalType {
                out.append(contentsOf: AvroDecimalBytes.encode(try decimal(json).rescaled(to: scale), size: f.size))
            } else {
                let b = try bytes(json, isDefault: isDefault)
                guard b.count == f.size else { throw AvroSchemaError("Fixed \(f.fullName) needs \(f.size) bytes") }
                out.append(contentsOf: b)
            }
        case .array(let items):
            if let entry = AvroTypeInference.mapEntry(items), let o = json.objectValue {
                if o.count > 0 {
                    AvroBinaryWriter.long(Int64(o.count), to: &out)
                    for (k, v) in o {
                        try encode(.string(k), schema: entry.key, isDefault: isDefault, to: &out)
                        try encode(v, schema: entry.value, isDefault: isDefault, to: &out)
                    }
                }
                out.append(0)
                return
            }
            guard let a = json.arrayValue else { throw AvroSchemaError("Not an array: \(json.jsonText)") }
            if !a.isEmpty {
                AvroBinaryWriter.long(Int64(a.count), to: &out)
                for v in a { try encode(v, schema: items, isDefault: isDefault, to: &out) }
            }
            out.append(0)
        case .map(let values):
            guard let o = json.objectValue else { throw AvroSchemaError("Not a map: \(json.jsonText)") }
            if o.count > 0 {
                AvroBinaryWriter.long(Int64(o.count), to: &out)
                for (k, v) in o {
                    AvroBinaryWriter.string(k, to: &out)
                    try encode(v, schema: values, isDefault: isDefault, to: &out)
                }
            }
            out.append(0)
        case .record(let r):
            guard let o = json.objectValue else { throw AvroSchemaError("Not a record: \(json.jsonText)") }
            for f in r.fields {
                let upper = f.name.uppercased()
                let i = o.keys.lastIndex(of: f.name) ?? o.keys.lastIndex { $0.uppercased() == upper }
                var v = i.map { o.values[$0] } ?? .null
                if i == nil, v.isNull, let d = f.defaultValue, f.schema.nullableBranch == nil { v = d }
                try encode(v, schema: f.schema, isDefault: isDefault || (i == nil && f.defaultValue != nil), to: &out)
            }
        default:
            throw AvroSchemaError("Cannot encode \(schema.typeName)")
        }
    }

    static func accepts(_ schema: AvroSchema, _ json: JSONValue) -> Bool {
        switch (schema, json) {
        case (.boolean, .bool): true
        case (.int, .number(let n)), (.long, .number(let n)): n.isIntegral
        case (.float, .number), (.double, .number): true
        case (.bytes(.some(.decimal)), .number), (.fixed, .number): true
        case (.string, .string), (.enumeration, .string), (.bytes, .string), (.fixed, .string): true
        case (.array, .array), (.map, .object), (.record, .object): true
        case (.array(let items), .object): AvroTypeInference.mapEntry(items) != nil
        case (.string, _): true
        default: false
        }
    }

    static func acceptsNumericText(_ schema: AvroSchema, _ json: JSONValue) -> Bool {
        guard case .string(let text) = json else { return false }
        switch schema {
        case .int, .long: return Int64(text) != nil
        case .float, .double: return Double(text) != nil
        default: return false
        }
    }

    static func integer(_ json: JSONValue) -> Int64? {
        switch json {
        case .number(let n): n.int64 ?? Int64(exactly: n.double.rounded(.towardZero))
        case .string(let s): Int64(s)
        default: nil
        }
    }

    static func double(_ json: JSONValue) throws -> Double {
        switch json {
        case .number(let n): return n.double
        case .string(let s): if let d = Double(s) { return d }
        default: break
        }
        throw AvroSchemaError("Not a number: \(json.jsonText)")
    }

    static func decimal(_ json: JSONValue) throws -> SQLDecimal {
        switch json {
        case .number(let n): if let d = n.decimal { return d }
        case .string(let s): if let d = SQLDecimal(s) { return d }
        default: break
        }
        throw AvroSchemaError("DECIMAL type requires JSON number in test data")
    }

    static func bytes(_ json: JSONValue, isDefault: Bool) throws -> [UInt8] {
        guard let s = json.stringValue else { throw AvroSchemaError("Not bytes: \(json.jsonText)") }
        if isDefault { return s.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) } }
        guard let b = ByteBase64.decode(Array(s.utf8)) else { throw AvroSchemaError("Not base64: \(s)") }
        return b
    }

    /// Decodes `bytes` (without the wire-format header) written with `schema`.
    public static func decode(_ bytes: UnsafeRawBufferPointer, schema: AvroSchema) throws -> AvroDatum {
        var r = AvroBinaryReader(bytes)
        do { return try decode(schema, &r) } catch let e as AvroDecodeError { throw AvroSchemaError(e.description) }
    }

    static func decode(_ schema: AvroSchema, _ r: inout AvroBinaryReader) throws -> AvroDatum {
        switch schema {
        case .null: return .null
        case .boolean: return .boolean(try r.boolean())
        case .int: return .integer(Int64(try r.int()))
        case .long: return .integer(try r.long())
        case .float: return .double(Double(try r.float()))
        case .double: return .double(try r.double())
        case .string: return .string(try r.string())
        case .enumeration(let e):
            let i = Int(try r.int())
            guard e.symbols.indices.contains(i) else { throw AvroDecodeError.invalid("Illegal enum index \(i)") }
            return .string(e.symbols[i])
        case .bytes(let l):
            let b = try r.lengthPrefixed()
            if case .decimal(_, let s) = l { return .decimal(AvroDecoder.decimal(b, writerScale: s, targetScale: s)) }
            return .bytes(Array(b))
        case .fixed(let f):
            let b = try r.raw(f.size)
            if case .decimal(_, let s) = f.logicalType { return .decimal(AvroDecoder.decimal(b, writerScale: s, targetScale: s)) }
            return .bytes(Array(b))
        case .array(let items):
            var out: [AvroDatum] = []
            while true {
                let n = try r.blockCount()
                if n == 0 { break }
                for _ in 0..<n { out.append(try decode(items, &r)) }
            }
            if AvroTypeInference.mapEntry(items) != nil {
                var keys: [String] = [], values: [AvroDatum] = []
                for case .object(_, let kv) in out {
                    keys.append(kv[0].specText)
                    values.append(kv[1])
                }
                return .object(keys, values)
            }
            return .array(out)
        case .map(let valueSchema):
            var keys: [String] = [], values: [AvroDatum] = []
            while true {
                let n = try r.blockCount()
                if n == 0 { break }
                for _ in 0..<n {
                    keys.append(try r.string())
                    values.append(try decode(valueSchema, &r))
                }
            }
            return .object(keys, values)
        case .record(let rec):
            return .object(rec.fields.map(\.name), try rec.fields.map { try decode($0.schema, &r) })
        case .union(let branches):
            let i = try r.long()
            guard i >= 0, i < Int64(branches.count) else { throw AvroDecodeError.invalid("Illegal union index \(i)") }
            let branch = branches[Int(i)]
            let v = try decode(branch, &r)
            let members = branches.filter { $0 != .null }
            if members.count > 1, branch != .null {
                // AvroData's Union struct: one field per member, only the written one set.
                let names = members.map { AvroTypeInference.unionFieldName($0) }
                let slot = members.firstIndex(of: branch)!
                return .object(names, names.indices.map { $0 == slot ? v : .null })
            }
            return v
        case .reference(let n): throw AvroDecodeError.invalid("Cannot decode recursive type \(n)")
        }
    }
}

extension AvroDatum {
    /// The text of a map key, as Java's `toString` renders it.
    var specText: String {
        switch self {
        case .null: "null"
        case .boolean(let b): b ? "true" : "false"
        case .integer(let i): String(i)
        case .double(let d): JavaText.double(d)
        case .decimal(let d): d.description
        case .string(let s): s
        case .bytes(let b): ByteBase64.encode(b)
        case .array, .object: "?"
        }
    }
}

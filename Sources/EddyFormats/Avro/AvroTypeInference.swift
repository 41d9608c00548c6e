import EddyCore

/// Derives SQL columns from a registered Avro schema, for CREATE STREAM/TABLE without columns.
/// Follows Confluent's AvroData (Avro → Connect) and ksqlDB's Connect → SQL translation: struct
/// field names are upper-cased, fields of unsupported types are left out, map keys become STRING.
public enum AvroTypeInference {
    struct Unsupported: Error { var message: String }

    /// The columns for a key or value schema. `unwrapped` (single key columns, or
    /// WRAP_SINGLE_VALUE=false) names the one column ROWKEY or ROWVAL.
    public static func columns(of schema: AvroSchema, isKey: Bool, unwrapped: Bool,
                               originalNames: Bool = false) throws -> [(name: String, type: SQLType)] {
        if unwrapped {
            do {
                return [(isKey ? "ROWKEY" : "ROWVAL", try sqlType(schema, originalNames))]
            } catch let e as Unsupported {
                throw EddyErrorFactory.execution("Unsupported type at root of schema: \(e.message)")
            }
        }
        guard case .record(let record) = schema.nonNull else {
            throw EddyErrorFactory.execution("Schema returned from schema registry is anonymous type. To use this schema "
                + "with ksqlDB, set 'WRAP_SINGLE_VALUE=false' in the WITH clause properties.")
        }
        var columns: [(String, SQLType)] = []
        for field in record.fields {
            if let t = try? sqlType(field.schema, originalNames) {
                columns.append((originalNames ? field.name : field.name.uppercased(), t))
            }
        }
        if columns.isEmpty {
            throw EddyErrorFactory.execution("Schema does not include any columns with types that ksqlDB supports.")
        }
        return columns
    }

    static func sqlType(_ schema: AvroSchema, _ original: Bool = false) throws -> SQLType {
        func name(_ n: String) -> String { original ? n : n.uppercased() }
        switch schema {
        case .null: throw Unsupported(message: "Unsupported type: null")
        case .boolean: return .boolean
        case .int(let l):
            switch l {
            case .date: return .date
            case .timeMillis: return .time
            default: return .int
            }
        case .long(let l): return l == .timestampMillis ? .timestamp : .bigint
        case .float, .double: return .double
        case .bytes(let l):
            if case .decimal(let p, let s) = l { return .decimal(precision: p, scale: s) }
            return .bytes
        case .fixed(let f):
            if case .decimal(let p, let s) = f.logicalType { return .decimal(precision: p, scale: s) }
            return .bytes
        case .string, .enumeration: return .string
        case .array(let items):
            if let entry = mapEntry(items) {
                _ = try sqlType(entry.key, original)
                return .map(key: .string, value: try sqlType(entry.value, original))
            }
            return .array(try sqlType(items, original))
        case .map(let values): return .map(key: .string, value: try sqlType(values, original))
        case .record(let r):
            var fields: [SQLType.StructField] = []
            for f in r.fields {
                if let t = try? sqlType(f.schema, original) { fields.append(.init(name(f.name), t)) }
            }
            return .struct(fields)
        case .union(let branches):
            if let nullable = schema.nullableBranch { return try sqlType(nullable.schema, original) }
            let members = branches.filter { $0 != .null }
            if members.count == 1 { return try sqlType(members[0], original) }
            // A general union is a struct with one optional field per member, as AvroData makes it.
            var fields: [SQLType.StructField] = []
            for m in members {
                if let t = try? sqlType(m, original) { fields.append(.init(name(unionFieldName(m)), t)) }
            }
            return .struct(fields)
        case .reference(let n): throw Unsupported(message: "Unsupported recursive type: \(n)")
        }
    }

    /// The field name AvroData gives a union member: a named type's simple name, else the type name.
    static func unionFieldName(_ member: AvroSchema) -> String {
        if let full = member.fullName { return full.split(separator: ".").last.map(String.init) ?? full }
        return member.typeName
    }

    /// The key and value schemas when `items` is a map entry record (how maps with non-string
    /// keys, and all of ksqlDB's maps, are written).
    static func mapEntry(_ items: AvroSchema) -> (key: AvroSchema, value: AvroSchema)? {
        guard case .record(let r) = items, r.fields.count == 2,
              r.fields[0].name == "key", r.fields[1].name == "value",
              r.properties["connect.internal.type"] == "MapEntry" || r.fullName == "io.confluent.connect.avro.MapEntry"
        else { return nil }
        return (r.fields[0].schema, r.fields[1].schema)
    }
}

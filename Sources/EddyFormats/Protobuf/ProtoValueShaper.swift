import EddyCore

/// Moves values between SQL columns and protobuf messages whose field order or types differ from the
/// columns' (a registered schema, or test data): STRUCT fields are matched by name, exactly first and
/// then by upper-casing the proto name, as ksqlDB's ConnectDataTranslator matches them.
enum ProtoValueShaper {
    /// For each field of `message`, the index in `names` that feeds it, or nil.
    static func fieldSources(_ schema: ProtoSchema, message: Int, names: [String]) -> [Int?] {
        schema.messages[message].fields.map { f in
            names.firstIndex(of: f.name) ?? names.firstIndex(of: f.name.uppercased())
                ?? names.firstIndex { $0.uppercased() == f.name.uppercased() }
        }
    }

    /// `value` (a SQL value or test data in SQL shape) arranged to encode as `type`.
    static func shape(_ value: Value, as type: ProtoFieldType, in schema: ProtoSchema, repeated: Bool = false) -> Value {
        if value.isNull { return value }
        if repeated {
            if case .map(_, let v) = type, case .map(let m) = value {
                return .map(MapValue(keys: m.keys, values: m.values.map { shape($0, as: v, in: schema) }))
            }
            if case .array(let items) = value { return .array(items.map { shape($0, as: type, in: schema) }) }
            return value
        }
        guard case .message(let m) = type, schema.messages[m].wellKnown == nil, case .struct(let s) = value else { return value }
        return .struct(shapeStruct(s.names, s.values, message: m, in: schema))
    }

    static func shapeStruct(_ names: [String], _ values: [Value], message m: Int, in schema: ProtoSchema) -> StructValue {
        let fields = schema.messages[m].fields
        let sources = fieldSources(schema, message: m, names: names)
        var out: [Value] = []
        out.reserveCapacity(fields.count)
        for (i, f) in fields.enumerated() {
            out.append(sources[i].map { shape(values[$0], as: f.type, in: schema, repeated: f.isRepeated) } ?? .null)
        }
        return StructValue(names: fields.map(\.name), values: out)
    }

    /// A decoded (natural) protobuf value converted to a column's SQL type, with ksqlDB's
    /// ConnectDataTranslator rules: integers widen, numbers and booleans read as STRING text,
    /// anything else must already match. `path` names the column for error messages.
    static func toSQL(_ value: Value, _ type: SQLType, path: String) throws -> Value {
        if value.isNull { return value }
        switch (type, value) {
        case (.boolean, .bool), (.double, .double), (.bytes, .bytes), (.string, .string),
             (.date, .date), (.time, .time), (.timestamp, .timestamp), (.int, .int), (.bigint, .bigint):
            return value
        case (.bigint, .int(let v)): return .bigint(Int64(v))
        case (.string, .int(let v)): return .string(String(v))
        case (.string, .bigint(let v)): return .string(String(v))
        case (.string, .bool(let b)): return .string(b ? "true" : "false")
        case (.string, .double(let d)): return .string(JavaText.double(d))
        case (.decimal(_, let s), .decimal(let d)): return .decimal(d.scale == s ? d : d.rescaled(to: s))
        case (.array(let e), .array(let items)):
            return .array(try items.map { try toSQL($0, e, path: path + "->ARRAY") })
        case (.map(let k, let v), .map(let m)):
            var out = MapValue()
            for (key, item) in m.pairs {
                out.set(try toSQL(key, k, path: path + "->MAP_KEY"), try toSQL(item, v, path: path + "->MAP_VAL"))
            }
            return .map(out)
        case (.struct(let fields), .struct(let s)):
            var values = [Value](repeating: .null, count: fields.count)
            for (name, v) in zip(s.names, s.values) {
                guard let i = fields.firstIndex(where: { $0.name == name }) ?? fields.firstIndex(where: { $0.name == name.uppercased() })
                else { continue }
                values[i] = try toSQL(v, fields[i].type, path: path + "->" + fields[i].name)
            }
            return .struct(StructValue(names: fields.map(\.name), values: values))
        default:
            throw ProtoSchemaError("Cannot deserialize type \(connectName(value)) as type \(connectName(type)) for path: \(path)")
        }
    }

    private static func connectName(_ value: Value) -> String {
        switch value {
        case .bool: "BOOLEAN"
        case .int, .date, .time: "INT32"
        case .bigint, .timestamp: "INT64"
        case .double: "FLOAT64"
        case .string: "STRING"
        case .bytes, .decimal: "BYTES"
        case .array: "ARRAY"
        case .map: "MAP"
        case .struct: "STRUCT"
        case .null: "NULL"
        }
    }

    private static func connectName(_ type: SQLType) -> String {
        switch type {
        case .boolean: "BOOLEAN"
        case .int, .date, .time: "INT32"
        case .bigint, .timestamp: "INT64"
        case .double: "FLOAT64"
        case .string: "STRING"
        case .bytes, .decimal: "BYTES"
        case .array: "ARRAY"
        case .map: "MAP"
        case .struct: "STRUCT"
        }
    }
}

import EddyCore

/// Infers SQL columns from a JSON Schema, reading Connect's annotations (`connect.type`, logical
/// `title`s, decimal parameters) where present: integers are BIGINT unless marked int8/16/32,
/// numbers DOUBLE, `oneOf [null, T]` is T, objects with `properties` are STRUCTs and objects with
/// only `additionalProperties` are MAP<STRING, V>.
enum JSONSchemaTranslator {
    static func columns(_ schema: JSONValue, isKey: Bool, keepNames: Bool) throws -> InferredColumns {
        let root = unwrapOptional(schema)
        if let properties = root["properties"]?.objectValue, root["connect.type"]?.stringValue != "map" {
            var names: [String] = [], types: [SQLType] = []
            for (name, s) in ordered(properties) {
                guard let t = try? type(s, keepNames: keepNames) else { continue }
                names.append(keepNames ? name : name.uppercased())
                types.append(t)
            }
            if names.isEmpty {
                throw EddyError(.execution, "Schema does not include any columns with types that ksqlDB supports.")
            }
            return InferredColumns(names: names, types: types, unwrapped: false)
        }
        return InferredColumns(names: [isKey ? "ROWKEY" : "ROWVAL"], types: [try type(root, keepNames: keepNames)], unwrapped: true)
    }

    /// Properties in `connect.index` order when every one has it, else document order.
    private static func ordered(_ properties: JSONObject) -> [(String, JSONValue)] {
        let pairs = Array(zip(properties.keys, properties.values))
        let indexes = pairs.map { $0.1["connect.index"]?.numberValue?.int64 }
        guard indexes.allSatisfy({ $0 != nil }) else { return pairs }
        return zip(pairs, indexes).sorted { $0.1! < $1.1! }.map(\.0)
    }

    private static func unwrapOptional(_ s: JSONValue) -> JSONValue {
        for key in ["oneOf", "anyOf"] {
            if let options = s[key]?.arrayValue {
                let nonNull = options.filter { $0["type"]?.stringValue != "null" }
                if nonNull.count == 1 { return unwrapOptional(nonNull[0]) }
            }
        }
        if let types = s["type"]?.arrayValue {
            let nonNull = types.filter { $0.stringValue != "null" }
            if nonNull.count == 1, case .object(var o) = s {
                if let i = o.keys.lastIndex(of: "type") { o.values[i] = nonNull[0] }
                return .object(o)
            }
        }
        return s
    }

    static func type(_ schema: JSONValue, keepNames: Bool) throws -> SQLType {
        let s = unwrapOptional(schema)
        let title = s["title"]?.stringValue
        let connect = s["connect.type"]?.stringValue
        switch s["type"]?.stringValue {
        case "boolean": return .boolean
        case "integer":
            switch title {
            case "org.apache.kafka.connect.data.Date": return .date
            case "org.apache.kafka.connect.data.Time": return .time
            case "org.apache.kafka.connect.data.Timestamp": return .timestamp
            default: return connect == "int32" || connect == "int16" || connect == "int8" ? .int : .bigint
            }
        case "number":
            if title == "org.apache.kafka.connect.data.Decimal" {
                let params = s["connect.parameters"]
                let scale = params?["scale"]?.stringValue.flatMap { Int($0) } ?? 0
                let precision = params?["connect.decimal.precision"]?.stringValue.flatMap { Int($0) } ?? 64
                return .decimal(precision: precision, scale: scale)
            }
            return .double
        case "string": return connect == "bytes" ? .bytes : .string
        case "array":
            guard let items = s["items"] else { throw EddyError(.execution, "JSON schema array without items") }
            return .array(try type(items, keepNames: keepNames))
        case "object":
            if let properties = s["properties"]?.objectValue, connect != "map" {
                var fields: [SQLType.StructField] = []
                for (name, f) in ordered(properties) {
                    guard let t = try? type(f, keepNames: keepNames) else { continue }
                    fields.append(.init(keepNames ? name : name.uppercased(), t))
                }
                return .struct(fields)
            }
            let value = s["additionalProperties"].flatMap { $0.boolValue == nil ? $0 : nil }
            return .map(key: .string, value: try value.map { try type($0, keepNames: keepNames) } ?? .string)
        default:
            throw EddyError(.execution, "Unsupported JSON schema type: \(s["type"]?.jsonText ?? "none")")
        }
    }
}

import EddyCore

/// The JSON Schema ksqlDB registers for JSON_SR columns (Confluent's JsonSchemaData from a Connect
/// schema): every SQL column is optional, so each field is `oneOf [null, T]`; Connect types are kept
/// in `connect.type` and logical types in `title` so Connect readers map them back exactly.
enum JSONSchemaGenerator {
    static func schema(columns: [Column], unwrapped: Bool) -> JSONValue {
        if unwrapped, let c = columns.first { return optional(type(c.type)) }
        return object(columns.map { ($0.name, $0.type) })
    }

    static func object(_ fields: [(String, SQLType)]) -> JSONValue {
        var properties = JSONObject()
        for (i, (name, t)) in fields.enumerated() {
            var p = JSONObject()
            p.append("connect.index", .number(JSONNumber(Int64(i))))
            p.append("oneOf", .array([nullType, type(t)]))
            properties.append(name, .object(p))
        }
        return .object(JSONObject([("type", .string("object")), ("properties", .object(properties))]))
    }

    private static let nullType = JSONValue.object(JSONObject([("type", .string("null"))]))

    private static func optional(_ t: JSONValue) -> JSONValue {
        .object(JSONObject([("oneOf", .array([nullType, t]))]))
    }

    private static func simple(_ type: String, _ connect: String?) -> JSONValue {
        var o = JSONObject([("type", .string(type))])
        if let connect { o.append("connect.type", .string(connect)) }
        return .object(o)
    }

    private static func logical(_ type: String, _ name: String, _ connect: String, parameters: JSONObject? = nil) -> JSONValue {
        var o = JSONObject([("type", .string(type)), ("title", .string("org.apache.kafka.connect.data." + name)),
                            ("connect.version", .number(JSONNumber(Int64(1)))), ("connect.type", .string(connect))])
        if let parameters { o.append("connect.parameters", .object(parameters)) }
        return .object(o)
    }

    static func type(_ t: SQLType) -> JSONValue {
        switch t {
        case .boolean: simple("boolean", nil)
        case .int: simple("integer", "int32")
        case .bigint: simple("integer", "int64")
        case .double: simple("number", "float64")
        case .string: simple("string", nil)
        case .bytes: simple("string", "bytes")
        case .decimal(let p, let s):
            logical("number", "Decimal", "bytes", parameters: JSONObject([
                ("scale", .string(String(s))), ("connect.decimal.precision", .string(String(p)))]))
        case .date: logical("integer", "Date", "int32")
        case .time: logical("integer", "Time", "int32")
        case .timestamp: logical("integer", "Timestamp", "int64")
        case .array(let e):
            .object(JSONObject([("type", .string("array")), ("items", optional(type(e)))]))
        case .map(_, let v):
            .object(JSONObject([("type", .string("object")), ("additionalProperties", optional(type(v))),
                                ("connect.type", .string("map"))]))
        case .struct(let fields):
            object(fields.map { ($0.name, $0.type) })
        }
    }
}

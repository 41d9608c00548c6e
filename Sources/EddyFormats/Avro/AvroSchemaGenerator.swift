import EddyCore

/// Builds the Avro schema ksqlDB registers for a set of key or value columns: what Confluent's
/// AvroData writes for ksqlDB's Connect schema, with connect metadata on.
///
/// - every SQL value is optional, so fields are `["null", T]` with `"default": null`;
/// - the root record is named by `fullSchemaName` (`io.confluent.ksql.avro_schemas.KsqlDataSourceSchema`
///   for values, `….<SourceName>Key` for keys), nested records and maps after their path
///   (`KsqlDataSourceSchema_ADDRESS`, `…_M_MapValue`);
/// - ksqlDB's map keys are optional strings, which an Avro map cannot hold, so maps are arrays of
///   `MapEntry` key/value records;
/// - DECIMAL, DATE, TIME and TIMESTAMP carry Connect's logical names and Avro logical types.
public enum AvroSchemaGenerator {
    public static let namespace = "io.confluent.ksql.avro_schemas"
    public static let defaultValueSchemaFullName = namespace + ".KsqlDataSourceSchema"

    /// ksqlDB's key schema name for a source: `LEFT_T` → `io.confluent.ksql.avro_schemas.LeftTKey`.
    public static func keySchemaFullName(sourceName: String) -> String {
        let camel = sourceName.split(separator: "_").map { part in
            part.prefix(1).uppercased() + part.dropFirst().lowercased()
        }.joined()
        return "\(namespace).\(camel)Key"
    }

    /// The schema for `columns`; a single column is written bare when `unwrapped`.
    public static func schema(columns: [Column], unwrapped: Bool, fullName: String) throws -> JSONValue {
        try validate(columns)
        if unwrapped, columns.count == 1 {
            return try node(columns[0].type, path: [fullName], optional: false)
        }
        return try record(fields: columns.map { ($0.name, $0.type) }, path: [fullName])
    }

    /// ksqlDB's checks before it builds an Avro schema.
    public static func validate(_ columns: [Column]) throws {
        for c in columns where c.type.hasNonStringMapKey {
            throw EddyErrorFactory.execution("Avro only supports MAPs with STRING keys")
        }
    }


    static func split(_ full: String) -> (String?, String) {
        guard let dot = full.lastIndex(of: ".") else { return (nil, full) }
        return (String(full[..<dot]), String(full[full.index(after: dot)...]))
    }

    static func namedHeader(_ type: String, full: String) -> JSONObject {
        var out = JSONObject()
        out.append("type", .string(type))
        let (ns, name) = split(full)
        out.append("name", .string(name))
        if let ns { out.append("namespace", .string(ns)) }
        return out
    }

    static func field(_ name: String, _ type: JSONValue) -> JSONValue {
        .object(JSONObject([("name", .string(name)), ("type", type), ("default", .null)]))
    }

    static func record(fields: [(String, SQLType)], path: [String]) throws -> JSONValue {
        let full = path.joined(separator: "_")
        var out = namedHeader("record", full: full)
        var nodes: [JSONValue] = []
        for (fieldName, type) in fields {
            let avroName = fieldName.replacingOccurrences(of: ".", with: "_")
            do { try AvroSchemaParser.validateName(avroName) } catch let e as AvroSchemaError {
                throw EddyErrorFactory.execution("Schema is not compatible with Avro: \(e.message)")
            }
            nodes.append(field(avroName, try node(type, path: path + [fieldName], optional: true)))
        }
        out.append("fields", .array(nodes))
        out.append("connect.name", .string(full))
        return .object(out)
    }

    static func node(_ type: SQLType, path: [String], optional: Bool) throws -> JSONValue {
        let base: JSONValue
        switch type {
        case .boolean: base = .string("boolean")
        case .int: base = .string("int")
        case .bigint: base = .string("long")
        case .double: base = .string("double")
        case .string: base = .string("string")
        case .bytes: base = .string("bytes")
        case .decimal(let p, let s):
            base = .object(JSONObject([
                ("type", .string("bytes")), ("scale", .number(JSONNumber(Int64(s)))),
                ("precision", .number(JSONNumber(Int64(p)))), ("connect.version", .number(JSONNumber(Int64(1)))),
                ("connect.parameters", .object(JSONObject([("scale", .string(String(s))),
                                                           ("connect.decimal.precision", .string(String(p)))]))),
                ("connect.name", .string("org.apache.kafka.connect.data.Decimal")), ("logicalType", .string("decimal")),
            ]))
        case .date: base = logical("int", "org.apache.kafka.connect.data.Date", "date")
        case .time: base = logical("int", "org.apache.kafka.connect.data.Time", "time-millis")
        case .timestamp: base = logical("long", "org.apache.kafka.connect.data.Timestamp", "timestamp-millis")
        case .array(let e):
            base = .object(JSONObject([("type", .string("array")), ("items", try node(e, path: path, optional: true))]))
        case .map(let k, let v):
            let full = path.joined(separator: "_")
            var entry = namedHeader("record", full: full)
            entry.append("fields", .array([
                field("key", try node(k, path: path + ["MapKey"], optional: true)),
                field("value", try node(v, path: path + ["MapValue"], optional: true)),
            ]))
            entry.append("connect.internal.type", .string("MapEntry"))
            base = .object(JSONObject([("type", .string("array")), ("items", .object(entry)), ("connect.name", .string(full))]))
        case .struct(let fields):
            base = try record(fields: fields.map { ($0.name, $0.type) }, path: path)
        }
        return optional ? .array([.string("null"), base]) : base
    }

    static func logical(_ type: String, _ connectName: String, _ logicalType: String) -> JSONValue {
        .object(JSONObject([("type", .string(type)), ("connect.version", .number(JSONNumber(Int64(1)))),
                            ("connect.name", .string(connectName)), ("logicalType", .string(logicalType))]))
    }
}

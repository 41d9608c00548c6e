import EddyCore
import EddyFormats
import EddySchemaRegistry

/// PROTOBUF, PROTOBUF_NOSR and JSON_SR test records, converted as ksqlDB's test serdes convert them:
/// inputs are written with the subject's latest registered schema (or, for PROTOBUF_NOSR, the schema
/// derived from the source's columns); outputs are read with the writer's schema and compared in
/// their natural shape, with the schema's own field names.
extension TopicCodec {
    func registry() -> (any SchemaRegistryClient)? { schemaRegistry }

    func encodeProtobuf(_ spec: JSONValue, info: FormatInfo, columns: [Column], features: SerdeFeatures, isKey: Bool) throws -> [UInt8]? {
        let schema: ProtoSchema
        let message: Int
        var prefix: [UInt8] = []
        if info.format == "PROTOBUF_NOSR" {
            let unwrapped = features.unwrapSingles && columns.count == 1
            (schema, message) = try ProtobufNoSRFormat.schema(columns: columns, info: info, unwrapped: unwrapped)
        } else {
            guard let registry = registry(), let topic else { throw EddyError(.execution, "no schema registry") }
            let latest = try registry.latest(subject: SchemaSubjects.subject(topic: topic, isKey: isKey))
            schema = try ProtobufRegistrySchemas.parse(latest.schema, registry: registry)
            message = try ProtobufRegistrySchemas.message(in: schema, fullName: info.fullSchemaName)
            prefix = ConfluentProtobufFraming.prefix(schemaID: latest.id, path: schema.indexPath(of: message))
        }
        let value = try ProtoSpec.value(spec, type: .message(message), schema: schema)
        var out = prefix
        try ProtoEncoder(schema: schema).encode(value, message: message, into: &out)
        return out
    }

    func decodeProtobuf(_ bytes: [UInt8], info: FormatInfo, columns: [Column], features: SerdeFeatures) throws -> ActualValue {
        if info.format == "PROTOBUF_NOSR" {
            let unwrapped = features.unwrapSingles && columns.count == 1
            let (schema, message) = try ProtobufNoSRFormat.schema(columns: columns, info: info, unwrapped: unwrapped)
            return ActualValue(value: try ProtoDecoder(schema: schema).decode(bytes, message: message))
        }
        guard let registry = registry() else { throw EddyError(.execution, "no schema registry") }
        return try bytes.withUnsafeBytes { raw in
            let framing = try ConfluentProtobufFraming.read(raw)
            let schema = try ProtobufRegistrySchemas.load(registry, id: framing.id)
            guard let message = schema.message(atPath: framing.path) else { throw EddyError(.execution, "bad message index") }
            return ActualValue(value: try ProtoDecoder(schema: schema).decode(raw, range: framing.start ..< raw.count, message: message))
        }
    }

    func encodeJSONSchema(_ spec: JSONValue, isKey: Bool) throws -> [UInt8]? {
        var id = 0
        if let registry = registry(), let topic,
           let latest = try registry.latestIfPresent(subject: SchemaSubjects.subject(topic: topic, isKey: isKey)) {
            id = latest.id
        }
        let v = UInt32(truncatingIfNeeded: id)
        return [0, UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] + spec.jsonBytes
    }

    func decodeJSONSchema(_ bytes: [UInt8]) throws -> ActualValue {
        let framed = bytes.first == 0 && bytes.count >= 5
        let body = framed ? Array(bytes.dropFirst(5)) : bytes
        let value = try JSONValue.parse(body)
        // Read through the writer's schema, as ksqlDB's test framework does: a `number` is a
        // DOUBLE even when its text is `0.0`.
        guard framed, let registry = registry() else { return ActualValue(json: value) }
        let id = bytes[1...4].reduce(0) { $0 << 8 | Int($1) }
        guard let schema = try? JSONValue.parse(try registry.schema(byID: id).schema) else { return ActualValue(json: value) }
        return Self.actual(value, schema: schema)
    }

    static func actual(_ json: JSONValue, schema: JSONValue?) -> ActualValue {
        // Optional fields are `oneOf: [null, T]`: read with T.
        if case .array(let branches)? = schema?["oneOf"] {
            return actual(json, schema: branches.first { $0["type"]?.stringValue != "null" })
        }
        switch json {
        case .number(let n) where schema?["type"]?.stringValue == "number" && schema?["connect.type"]?.stringValue != "bytes":
            return .double(n.double)
        case .array(let items):
            return .list(items.map { actual($0, schema: schema?["items"]) })
        case .object(let o):
            let properties = schema?["properties"], values = schema?["additionalProperties"]
            return .map(o.map { ($0.0, actual($0.1, schema: properties?[$0.0] ?? values)) })
        default:
            return ActualValue(json: json)
        }
    }
}

/// Test JSON turned into values shaped for a protobuf type, matching object keys to fields
/// case-insensitively as ksqlDB's SpecToConnectConverter does.
enum ProtoSpec {
    static func value(_ spec: JSONValue, type: ProtoFieldType, schema: ProtoSchema, repeated: Bool = false) throws -> Value {
        if spec.isNull { return .null }
        if repeated {
            if case .map(let k, let v) = type {
                guard let o = spec.objectValue else { throw EddyError(.execution, "expected an object for a map") }
                var m = MapValue()
                for (key, item) in o {
                    m.set(try value(.string(key), type: .scalar(k), schema: schema), try value(item, type: v, schema: schema))
                }
                return .map(m)
            }
            guard let items = spec.arrayValue else { throw EddyError(.execution, "expected an array") }
            return .array(try items.map { try value($0, type: type, schema: schema) })
        }
        switch type {
        case .scalar(let s): return try scalar(spec, s)
        case .enumeration: return .string(spec.stringValue ?? spec.jsonText)
        case .map: throw EddyError(.execution, "map outside a repeated field")
        case .message(let m):
            let message = schema.messages[m]
            if let wk = message.wellKnown {
                switch wk {
                case .timestamp: return .timestamp(spec.numberValue?.int64 ?? 0)
                case .date: return .date(Int32(truncatingIfNeeded: spec.numberValue?.int64 ?? 0))
                case .timeOfDay: return .time(Int32(truncatingIfNeeded: spec.numberValue?.int64 ?? 0))
                case .decimal:
                    guard let d = spec.numberValue?.decimal ?? spec.stringValue.flatMap({ SQLDecimal($0) }) else {
                        throw EddyError(.execution, "DECIMAL type requires JSON number in test data")
                    }
                    return .decimal(d)
                default: return try scalar(spec, wk.wrappedScalar ?? .string)
                }
            }
            guard let o = spec.objectValue else { throw EddyError(.execution, "expected an object for \(message.fullName)") }
            var values = [Value](repeating: .null, count: message.fields.count)
            for (key, item) in o {
                guard let i = message.fields.firstIndex(where: { $0.name.uppercased() == key.uppercased() }) else { continue }
                let f = message.fields[i]
                values[i] = try value(item, type: f.type, schema: schema, repeated: f.isRepeated)
            }
            return .struct(StructValue(names: message.fields.map(\.name), values: values))
        }
    }

    private static func scalar(_ spec: JSONValue, _ s: ProtoScalar) throws -> Value {
        let text = spec.stringValue ?? spec.jsonText
        switch s {
        case .int32, .sint32, .sfixed32:
            guard let v = Int32(text) ?? spec.numberValue?.int64.map({ Int32(truncatingIfNeeded: $0) }) else { throw bad(spec, s) }
            return .int(v)
        case .uint32, .fixed32, .int64, .uint64, .sint64, .fixed64, .sfixed64:
            guard let v = Int64(text) else { throw bad(spec, s) }
            return .bigint(v)
        case .float: return .double(Double(Float(spec.numberValue?.double ?? Double(text) ?? 0)))
        case .double:
            guard let d = spec.numberValue?.double ?? Double(text) else { throw bad(spec, s) }
            return .double(d)
        case .bool: return .bool(spec.boolValue ?? (text == "true"))
        case .string: return .string(text)
        case .bytes: return .bytes(Base64.decode(Substring(text)) ?? Array(text.utf8))
        }
    }

    private static func bad(_ spec: JSONValue, _ s: ProtoScalar) -> EddyError {
        EddyError(.execution, "test value \(spec.jsonText) does not fit protobuf \(s)")
    }
}

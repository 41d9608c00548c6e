import EddyCore

/// Infers SQL columns from a protobuf message, as ksqlDB does through Connect: int32-like → INT,
/// uint32 and 64-bit integers → BIGINT, float/double → DOUBLE, enums → STRING, wrappers → their
/// scalar, Timestamp/Date/TimeOfDay/Decimal → TIMESTAMP/DATE/TIME/DECIMAL, repeated → ARRAY,
/// maps → MAP<STRING, V>, other messages → STRUCT. Field names are upper-cased unless asked not to;
/// fields whose type can't be mapped (maps with unusual keys) are dropped, as ksqlDB drops them.
enum ProtoSchemaTranslator {
    static func columns(_ schema: ProtoSchema, message: Int, keepNames: Bool) throws -> InferredColumns {
        let m = schema.messages[message]
        if let wk = m.wellKnown {
            return InferredColumns(names: [], types: [try wellKnownType(wk, field: nil)], unwrapped: true)
        }
        var names: [String] = []
        var types: [SQLType] = []
        for f in m.fields {
            guard let t = try fieldType(schema, f, keepNames: keepNames, visiting: [message]) else { continue }
            names.append(keepNames ? f.name : f.name.uppercased())
            types.append(t)
        }
        if names.isEmpty {
            throw EddyError(.execution, "Schema does not include any columns with types that ksqlDB supports.")
        }
        return InferredColumns(names: names, types: types, unwrapped: false)
    }

    static func fieldType(_ schema: ProtoSchema, _ f: ProtoField, keepNames: Bool, visiting: Set<Int>) throws -> SQLType? {
        if case .map(let k, let v) = f.type {
            switch k {
            case .double, .float, .bytes: return nil
            default: break
            }
            guard let value = try elementType(schema, v, field: f, keepNames: keepNames, visiting: visiting) else { return nil }
            return .map(key: .string, value: value)
        }
        guard let element = try elementType(schema, f.type, field: f, keepNames: keepNames, visiting: visiting) else { return nil }
        return f.isRepeated ? .array(element) : element
    }

    private static func elementType(_ schema: ProtoSchema, _ type: ProtoFieldType, field: ProtoField, keepNames: Bool,
                                    visiting: Set<Int>) throws -> SQLType? {
        switch type {
        case .scalar(let s): return scalarType(s)
        case .enumeration: return .string
        case .map: return nil
        case .message(let m):
            if let wk = schema.messages[m].wellKnown { return try wellKnownType(wk, field: field) }
            guard !visiting.contains(m) else {
                throw EddyError(.execution, "Recursive protobuf message \(schema.messages[m].fullName) can't be mapped to SQL")
            }
            var fields: [SQLType.StructField] = []
            for f in schema.messages[m].fields {
                guard let t = try fieldType(schema, f, keepNames: keepNames, visiting: visiting.union([m])) else { continue }
                fields.append(.init(keepNames ? f.name : f.name.uppercased(), t))
            }
            return .struct(fields)
        }
    }

    static func scalarType(_ s: ProtoScalar) -> SQLType {
        switch s {
        case .int32, .sint32, .sfixed32: .int
        case .uint32, .fixed32, .int64, .uint64, .sint64, .fixed64, .sfixed64: .bigint
        case .float, .double: .double
        case .bool: .boolean
        case .string: .string
        case .bytes: .bytes
        }
    }

    private static func wellKnownType(_ wk: ProtoWellKnownType, field: ProtoField?) throws -> SQLType {
        switch wk {
        case .timestamp: return .timestamp
        case .date: return .date
        case .timeOfDay: return .time
        case .decimal:
            let precision = field?.params["precision"].flatMap { Int($0) } ?? 64
            let scale = field?.params["scale"].flatMap { Int($0) } ?? 0
            return .decimal(precision: precision, scale: scale)
        default:
            return scalarType(wk.wrappedScalar ?? .string)
        }
    }
}

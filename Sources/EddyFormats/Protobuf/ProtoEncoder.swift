import EddyCore

/// Encodes Eddy values as protobuf messages of a parsed schema, the inverse of `ProtoDecoder`'s
/// natural mapping. A message's value is a STRUCT whose values line up with the message's fields
/// (callers align by name first; see `ProtoValueShaper`). NULL fields are left out; so are proto3
/// scalars equal to their default unless the field is `optional`, as protobuf-java does.
public struct ProtoEncoder: Sendable {
    public let schema: ProtoSchema

    public init(schema: ProtoSchema) { self.schema = schema }

    /// Appends the encoding of `value` as message `m` to `out`.
    public func encode(_ value: Value, message m: Int, into out: inout [UInt8]) throws {
        let message = schema.messages[m]
        if let wk = message.wellKnown {
            try encodeWellKnown(wk, value, into: &out)
            return
        }
        guard case .struct(let s) = value else { throw ProtoSchemaError("expected a STRUCT for message \(message.fullName)") }
        guard s.values.count == message.fields.count else {
            throw ProtoSchemaError("message \(message.fullName) has \(message.fields.count) fields, got \(s.values.count)")
        }
        for (i, field) in message.fields.enumerated() {
            try encodeField(field, s.values[i], into: &out)
        }
    }

    public func encode(_ value: Value, message m: Int) throws -> [UInt8] {
        var out: [UInt8] = []
        try encode(value, message: m, into: &out)
        return out
    }

    private func encodeField(_ field: ProtoField, _ value: Value, into out: inout [UInt8]) throws {
        if value.isNull { return }
        if field.isRepeated {
            if case .map(let k, let v) = field.type {
                guard case .map(let map) = value else { throw ProtoSchemaError("expected a MAP for field \(field.name)") }
                for (key, item) in map.pairs {
                    var entry: [UInt8] = []
                    try encodeSingle(number: 1, type: .scalar(k), key, skipDefault: true, into: &entry)
                    try encodeSingle(number: 2, type: v, item.isNull ? defaultFor(v) : item, skipDefault: true, into: &entry)
                    ProtoWriter.key(field.number, .lengthDelimited, to: &out)
                    ProtoWriter.lengthDelimited(entry, to: &out)
                }
                return
            }
            guard case .array(let items) = value else { throw ProtoSchemaError("expected an ARRAY for field \(field.name)") }
            if items.isEmpty { return }
            var packed = false
            switch field.type {
            case .scalar(let s): packed = s.isPackable
            case .enumeration: packed = true
            default: break
            }
            if packed {
                var payload: [UInt8] = []
                for item in items { try writeBare(field.type, item.isNull ? defaultFor(field.type) : item, into: &payload) }
                ProtoWriter.key(field.number, .lengthDelimited, to: &out)
                ProtoWriter.lengthDelimited(payload, to: &out)
            } else {
                for item in items {
                    try encodeSingle(number: field.number, type: field.type, item.isNull ? defaultFor(field.type) : item,
                                     skipDefault: false, into: &out)
                }
            }
            return
        }
        try encodeSingle(number: field.number, type: field.type, value,
                         skipDefault: !field.tracksPresence(in: schema), into: &out)
    }

    /// The value written for a NULL inside a repeated field or a map entry.
    private func defaultFor(_ type: ProtoFieldType) -> Value {
        switch type {
        case .scalar(let s): ProtoDecoder.scalarDefault(s)
        case .enumeration(let e): .string(schema.enums[e].defaultName)
        case .message(let m): .struct(StructValue(names: schema.messages[m].fields.map(\.name),
                                                  values: schema.messages[m].fields.map { _ in .null }))
        case .map: .map(MapValue())
        }
    }

    private func encodeSingle(number: Int, type: ProtoFieldType, _ value: Value, skipDefault: Bool, into out: inout [UInt8]) throws {
        switch type {
        case .scalar(let s):
            if skipDefault && Self.isDefault(value, s) { return }
            ProtoWriter.key(number, s.wireType, to: &out)
            try writeScalar(s, value, into: &out)
        case .enumeration(let e):
            let n = try enumNumber(e, value)
            if skipDefault && n == 0 { return }
            ProtoWriter.key(number, .varint, to: &out)
            ProtoWriter.varint(UInt64(bitPattern: Int64(n)), to: &out)
        case .message(let m):
            var payload: [UInt8] = []
            try encode(value, message: m, into: &payload)
            ProtoWriter.key(number, .lengthDelimited, to: &out)
            ProtoWriter.lengthDelimited(payload, to: &out)
        case .map:
            throw ProtoSchemaError("map outside a repeated field")
        }
    }

    private func writeBare(_ type: ProtoFieldType, _ value: Value, into out: inout [UInt8]) throws {
        switch type {
        case .scalar(let s): try writeScalar(s, value, into: &out)
        case .enumeration(let e): ProtoWriter.varint(UInt64(bitPattern: Int64(try enumNumber(e, value))), to: &out)
        default: throw ProtoSchemaError("only scalars can be packed")
        }
    }

    private func enumNumber(_ e: Int, _ value: Value) throws -> Int {
        switch value {
        case .string(let name):
            guard let n = schema.enums[e].number(of: name) else {
                throw ProtoSchemaError("'\(name)' is not a value of enum \(schema.enums[e].fullName)")
            }
            return n
        case .int(let n): return Int(n)
        case .bigint(let n): return Int(truncatingIfNeeded: n)
        default: throw ProtoSchemaError("expected an enum symbol for \(schema.enums[e].fullName)")
        }
    }

    static func isDefault(_ value: Value, _ s: ProtoScalar) -> Bool {
        switch value {
        case .int(let v): v == 0
        case .bigint(let v): v == 0
        case .double(let d): d == 0 && d.sign == .plus
        case .bool(let b): !b
        case .string(let t): t.isEmpty
        case .bytes(let b): b.isEmpty
        default: false
        }
    }

    static func integer(_ value: Value) throws -> Int64 {
        switch value {
        case .int(let v): return Int64(v)
        case .bigint(let v): return v
        case .double(let d) where d.isFinite: return Int64(d)
        case .bool(let b): return b ? 1 : 0
        default: throw ProtoSchemaError("expected an integer, got \(value)")
        }
    }

    static func real(_ value: Value) throws -> Double {
        switch value {
        case .double(let d): return d
        case .int(let v): return Double(v)
        case .bigint(let v): return Double(v)
        case .decimal(let d): return d.doubleValue
        default: throw ProtoSchemaError("expected a number, got \(value)")
        }
    }

    private func writeScalar(_ s: ProtoScalar, _ value: Value, into out: inout [UInt8]) throws {
        switch s {
        case .int32, .uint32:
            ProtoWriter.varint(UInt64(bitPattern: Int64(Int32(truncatingIfNeeded: try Self.integer(value)))) & (s == .uint32 ? 0xFFFF_FFFF : ~0), to: &out)
        case .int64, .uint64: ProtoWriter.varint(UInt64(bitPattern: try Self.integer(value)), to: &out)
        case .sint32: ProtoWriter.varint(ProtoWriter.zigzag32(Int32(truncatingIfNeeded: try Self.integer(value))), to: &out)
        case .sint64: ProtoWriter.varint(ProtoWriter.zigzag64(try Self.integer(value)), to: &out)
        case .fixed32, .sfixed32: ProtoWriter.fixed32(UInt32(truncatingIfNeeded: try Self.integer(value)), to: &out)
        case .fixed64, .sfixed64: ProtoWriter.fixed64(UInt64(bitPattern: try Self.integer(value)), to: &out)
        case .float: ProtoWriter.fixed32(Float(try Self.real(value)).bitPattern, to: &out)
        case .double: ProtoWriter.fixed64(try Self.real(value).bitPattern, to: &out)
        case .bool:
            guard case .bool(let b) = value else { throw ProtoSchemaError("expected a BOOLEAN, got \(value)") }
            ProtoWriter.varint(b ? 1 : 0, to: &out)
        case .string:
            guard case .string(let t) = value else { throw ProtoSchemaError("expected a STRING, got \(value)") }
            ProtoWriter.lengthDelimited(t.utf8, to: &out)
        case .bytes:
            guard case .bytes(let b) = value else { throw ProtoSchemaError("expected BYTES, got \(value)") }
            ProtoWriter.lengthDelimited(b, to: &out)
        }
    }

    private func encodeWellKnown(_ type: ProtoWellKnownType, _ value: Value, into out: inout [UInt8]) throws {
        func int(_ n: Int, _ v: Int64) {
            if v != 0 {
                ProtoWriter.key(n, .varint, to: &out)
                ProtoWriter.varint(UInt64(bitPattern: v), to: &out)
            }
        }
        switch type {
        case .timestamp:
            let ms = try Self.temporal(value)
            int(1, CivilCalendar.floorDiv(ms, 1000))
            int(2, CivilCalendar.floorMod(ms, 1000) * 1_000_000)
        case .date:
            let (y, m, d) = CivilCalendar.date(days: Int(try Self.temporal(value)))
            int(1, Int64(y)); int(2, Int64(m)); int(3, Int64(d))
        case .timeOfDay:
            let ms = try Self.temporal(value)
            int(1, ms / 3_600_000); int(2, ms / 60_000 % 60); int(3, ms / 1000 % 60); int(4, ms % 1000 * 1_000_000)
        case .decimal:
            guard case .decimal(let d) = value else { throw ProtoSchemaError("expected a DECIMAL, got \(value)") }
            let bytes = ProtoDecimalBytes.encode(d.unscaled)
            ProtoWriter.key(1, .lengthDelimited, to: &out)
            ProtoWriter.lengthDelimited(bytes, to: &out)
            int(2, Int64(d.precision))
            int(3, Int64(d.scale))
        default:
            // A wrapper: its one `value` field, written even when it holds the default.
            guard let s = type.wrappedScalar else { throw ProtoSchemaError("unknown wrapper \(type.rawValue)") }
            try encodeSingle(number: 1, type: .scalar(s), value, skipDefault: true, into: &out)
        }
    }

    static func temporal(_ value: Value) throws -> Int64 {
        switch value {
        case .timestamp(let v): return v
        case .date(let v), .time(let v), .int(let v): return Int64(v)
        case .bigint(let v): return v
        default: throw ProtoSchemaError("expected a temporal value, got \(value)")
        }
    }
}

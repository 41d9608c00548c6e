import EddyCore

/// Decodes protobuf messages against a parsed schema into Eddy values in their natural mapping:
/// a message becomes a STRUCT with one entry per field (in declaration order), int32 → INT,
/// uint32 and 64-bit integers → BIGINT, float and double → DOUBLE, enums → their symbol, maps → MAP,
/// repeated → ARRAY, and the well-known Timestamp, Date, TimeOfDay, Decimal and wrapper messages →
/// TIMESTAMP, DATE, TIME, DECIMAL and the wrapped scalar. Absent proto3 scalars read as their
/// defaults; absent messages and `optional` fields read as NULL.
public struct ProtoDecoder: Sendable {
    public let schema: ProtoSchema
    /// Field names per message, shared by every decoded struct of that message.
    private let names: [[String]]

    public init(schema: ProtoSchema) {
        self.schema = schema
        names = schema.messages.map { $0.fields.map(\.name) }
    }

    /// Decodes the message at `bytes[range]`.
    public func decode(_ bytes: UnsafeRawBufferPointer, range: Range<Int>? = nil, message: Int) throws -> Value {
        var reader = ProtoReader(bytes, from: range?.lowerBound ?? 0, to: range?.upperBound)
        return try decodeMessage(&reader, message)
    }

    public func decode(_ bytes: [UInt8], message: Int) throws -> Value {
        try bytes.withUnsafeBytes { try decode($0, message: message) }
    }

    private func decodeMessage(_ reader: inout ProtoReader, _ m: Int) throws -> Value {
        let message = schema.messages[m]
        var values = [Value](repeating: .null, count: message.fields.count)
        var seen = [Bool](repeating: false, count: message.fields.count)
        while !reader.isAtEnd {
            let key = try reader.varint()
            let number = Int(key >> 3), wire = Int(key & 7)
            guard number > 0 else { throw ProtoSchemaError("invalid field number 0") }
            guard let i = message.fieldIndex(number: number) else {
                try reader.skip(wire)
                continue
            }
            let field = message.fields[i]
            if field.isRepeated {
                if !seen[i] {
                    values[i] = emptyRepeated(field)
                    seen[i] = true
                }
                try appendRepeated(&reader, wire: wire, field: field, to: &values[i])
            } else {
                let v = try decodeSingle(&reader, wire: wire, type: field.type)
                if field.oneof != nil, let o = field.oneof {
                    // Setting one member of a oneof clears the others.
                    for j in message.fields.indices where j != i && message.fields[j].oneof == o {
                        values[j] = .null
                        seen[j] = false
                    }
                }
                values[i] = v
                seen[i] = true
            }
        }
        for i in values.indices where !seen[i] {
            values[i] = defaultValue(message.fields[i])
        }
        if let wk = message.wellKnown { return try convertWellKnown(wk, values) }
        return .struct(StructValue(names: names[m], values: values))
    }

    private func emptyRepeated(_ field: ProtoField) -> Value {
        if case .map = field.type { return .map(MapValue()) }
        return .array([])
    }

    /// The value of an absent field.
    func defaultValue(_ field: ProtoField) -> Value {
        if field.isRepeated { return emptyRepeated(field) }
        if field.tracksPresence(in: schema) { return .null }
        switch field.type {
        case .scalar(let s): return Self.scalarDefault(s)
        case .enumeration(let e): return .string(schema.enums[e].defaultName)
        case .message, .map: return .null
        }
    }

    static func scalarDefault(_ s: ProtoScalar) -> Value {
        switch s {
        case .int32, .sint32, .sfixed32: .int(0)
        case .uint32, .fixed32, .int64, .uint64, .sint64, .fixed64, .sfixed64: .bigint(0)
        case .float, .double: .double(0)
        case .bool: .bool(false)
        case .string: .string("")
        case .bytes: .bytes([])
        }
    }

    private func appendRepeated(_ reader: inout ProtoReader, wire: Int, field: ProtoField, to target: inout Value) throws {
        if case .map(let k, let v) = field.type {
            guard wire == ProtoWireType.lengthDelimited.rawValue else { throw ProtoSchemaError("map entry with wire type \(wire)") }
            let range = try reader.lengthDelimited()
            var entry = ProtoReader(reader.bytes, from: range.lowerBound, to: range.upperBound)
            var key: Value = Self.scalarDefault(k), value: Value?
            while !entry.isAtEnd {
                let tag = try entry.varint()
                switch tag >> 3 {
                case 1: key = try decodeSingle(&entry, wire: Int(tag & 7), type: .scalar(k))
                case 2: value = try decodeSingle(&entry, wire: Int(tag & 7), type: v)
                default: try entry.skip(Int(tag & 7))
                }
            }
            let valueField = ProtoField(name: "value", number: 2, type: v)
            guard case .map(var map) = target else { return }
            map.set(key, value ?? defaultValue(valueField))
            target = .map(map)
            return
        }
        guard case .array(var items) = target else { return }
        var packable = false
        switch field.type {
        case .scalar(let s): packable = s.isPackable
        case .enumeration: packable = true
        default: break
        }
        if packable && wire == ProtoWireType.lengthDelimited.rawValue {
            let range = try reader.lengthDelimited()
            var packed = ProtoReader(reader.bytes, from: range.lowerBound, to: range.upperBound)
            let elementWire: Int
            if case .scalar(let s) = field.type { elementWire = s.wireType.rawValue } else { elementWire = 0 }
            while !packed.isAtEnd { items.append(try decodeSingle(&packed, wire: elementWire, type: field.type)) }
        } else {
            items.append(try decodeSingle(&reader, wire: wire, type: field.type))
        }
        target = .array(items)
    }

    private func decodeSingle(_ reader: inout ProtoReader, wire: Int, type: ProtoFieldType) throws -> Value {
        switch type {
        case .scalar(let s):
            guard wire == s.wireType.rawValue else { throw ProtoSchemaError("field of type \(s) has wire type \(wire)") }
            return try decodeScalar(&reader, s)
        case .enumeration(let e):
            guard wire == 0 else { throw ProtoSchemaError("enum field has wire type \(wire)") }
            let n = Int(Int32(truncatingIfNeeded: try reader.varint()))
            return .string(schema.enums[e].name(of: n) ?? String(n))
        case .message(let m):
            guard wire == ProtoWireType.lengthDelimited.rawValue else { throw ProtoSchemaError("message field has wire type \(wire)") }
            let range = try reader.lengthDelimited()
            var nested = ProtoReader(reader.bytes, from: range.lowerBound, to: range.upperBound)
            return try decodeMessage(&nested, m)
        case .map:
            throw ProtoSchemaError("map outside a repeated field")
        }
    }

    private func decodeScalar(_ reader: inout ProtoReader, _ s: ProtoScalar) throws -> Value {
        switch s {
        case .int32: return .int(Int32(truncatingIfNeeded: try reader.varint()))
        case .sint32: return .int(ProtoZigZag.decode32(try reader.varint()))
        case .sfixed32: return .int(Int32(bitPattern: try reader.fixed32()))
        case .uint32: return .bigint(Int64(UInt32(truncatingIfNeeded: try reader.varint())))
        case .fixed32: return .bigint(Int64(try reader.fixed32()))
        case .int64, .uint64: return .bigint(Int64(bitPattern: try reader.varint()))
        case .sint64: return .bigint(ProtoZigZag.decode64(try reader.varint()))
        case .fixed64, .sfixed64: return .bigint(Int64(bitPattern: try reader.fixed64()))
        case .float: return .double(Double(Float(bitPattern: try reader.fixed32())))
        case .double: return .double(Double(bitPattern: try reader.fixed64()))
        case .bool: return .bool(try reader.varint() != 0)
        case .string: return .string(reader.string(try reader.lengthDelimited()))
        case .bytes: return .bytes(reader.byteArray(try reader.lengthDelimited()))
        }
    }

    private func convertWellKnown(_ type: ProtoWellKnownType, _ v: [Value]) throws -> Value {
        func int(_ i: Int) -> Int64 {
            switch v[i] {
            case .int(let x): Int64(x)
            case .bigint(let x): x
            default: 0
            }
        }
        switch type {
        case .timestamp:
            return .timestamp(int(0) &* 1000 &+ int(1) / 1_000_000)
        case .date:
            let (y, m, d) = (int(0), int(1), int(2))
            guard m >= 1, m <= 12, d >= 1, d <= CivilCalendar.daysInMonth(year: Int(y), month: Int(m)) else {
                throw ProtoSchemaError("invalid google.type.Date \(y)-\(m)-\(d)")
            }
            return .date(Int32(truncatingIfNeeded: CivilCalendar.days(year: Int(y), month: Int(m), day: Int(d))))
        case .timeOfDay:
            let ms = ((int(0) * 60 + int(1)) * 60 + int(2)) * 1000 + int(3) / 1_000_000
            return .time(Int32(truncatingIfNeeded: ms))
        case .decimal:
            guard case .bytes(let b) = v[0] else { return .null }
            return .decimal(SQLDecimal(unscaled: ProtoDecimalBytes.decode(b), scale: Int(int(2))))
        default:
            return v[0]
        }
    }
}

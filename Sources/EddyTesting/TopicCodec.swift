import EddyCore
import EddyEngine
import EddyFormats
import EddyPlanner
import EddySchemaRegistry
import Foundation

/// A decoded test record field, shaped like the Java objects ksqlDB's test deserializers produce,
/// so the comparison rules can follow its ExpectedRecordComparator.
indirect enum ActualValue {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case decimal(SQLDecimal)
    case string(String)
    case list([ActualValue])
    case map([(String, ActualValue)])

    var text: String {
        switch self {
        case .null: "null"
        case .bool(let b): String(b)
        case .integer(let i): String(i)
        case .double(let d): JavaDouble.toString(d)
        case .decimal(let d): d.description
        case .string(let s): "\"\(s)\""
        case .list(let l): "[" + l.map(\.text).joined(separator: ", ") + "]"
        case .map(let m): "{" + m.map { "\($0.0)=\($0.1.text)" }.joined(separator: ", ") + "}"
        }
    }

    init(json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .number(let n):
            // Java writes doubles outside [1e-3, 1e7) with an exponent and decimals in plain
            // notation, so an exponent marks a DOUBLE.
            if n.isIntegral, let i = n.int64 { self = .integer(i) }
            else if n.text.contains(where: { $0 == "e" || $0 == "E" }) { self = .double(n.double) }
            else if let d = n.decimal { self = .decimal(d) } else { self = .double(n.double) }
        case .string(let s): self = .string(s)
        case .array(let a): self = .list(a.map(ActualValue.init(json:)))
        case .object(let o): self = .map(o.map { ($0.0, ActualValue(json: $0.1)) })
        }
    }

    init(value: Value) {
        switch value {
        case .null: self = .null
        case .bool(let b): self = .bool(b)
        case .int(let i): self = .integer(Int64(i))
        case .bigint(let i): self = .integer(i)
        case .double(let d): self = .double(d)
        case .decimal(let d): self = .decimal(d)
        case .string(let s): self = .string(s)
        case .bytes(let b): self = .string(Data(b).base64EncodedString())
        case .date(let d): self = .integer(Int64(d))
        case .time(let t): self = .integer(Int64(t))
        case .timestamp(let t): self = .integer(t)
        case .array(let a): self = .list(a.map(ActualValue.init(value:)))
        case .map(let m): self = .map(m.pairs.map { k, v in (ActualValue(value: k).plain, ActualValue(value: v)) })
        case .struct(let s): self = .map(zip(s.names, s.values).map { ($0, ActualValue(value: $1)) })
        }
    }

    var plain: String {
        if case .string(let s) = self { return s }
        return text
    }
}

/// Converts between a topic's test-file representation and its bytes, using the formats of the
/// source declared over the topic (ksqlDB's TopicInfoCache).
struct TopicCodec {
    let source: DataSource?
    let formats: FormatRegistry
    let topic: String?
    let schemaRegistry: any SchemaRegistryClient

    init(topic: String, engine: Engine) throws {
        self.topic = topic
        source = engine.catalog.sources(onTopic: topic).first
        formats = engine.formats
        schemaRegistry = engine.schemaRegistry
    }

    func encodeKey(_ spec: JSONValue?, window: ConformanceCase.WindowSpec? = nil) throws -> [UInt8]? {
        guard let source else { return try encodeUntyped(spec) }
        let inner = try encode(spec ?? .null, info: source.keyFormat, columns: source.schema.keyColumns, features: source.keyFeatures, isKey: true)
        guard let w = source.window, let window else { return inner }
        var bytes = inner ?? []
        WindowedKeyCodec.append(start: window.start, end: window.end, session: w == .session, to: &bytes)
        return bytes
    }

    /// Decodes a key and, for windowed sources, its window (time windows get their end from the size).
    func decodeWindowedKey(_ bytes: [UInt8]?) throws -> (ActualValue, ConformanceCase.WindowSpec?) {
        guard let source, let w = source.window, let bytes,
              let split = WindowedKeyCodec.split(bytes, session: w == .session) else {
            return (try decodeKey(bytes), nil)
        }
        let key = try decodeKey(split.key.isEmpty && source.keyFormat.format == "NONE" ? nil : Array(split.key))
        switch w {
        case .session:
            return (key, .init(start: split.start, end: split.end ?? split.start, type: "session"))
        case .tumbling(let size), .hopping(let size):
            return (key, .init(start: split.start, end: split.start &+ size, type: "time"))
        }
    }

    func encodeValue(_ spec: JSONValue) throws -> [UInt8]? {
        guard let source else { return try encodeUntyped(spec) }
        return try encode(spec, info: source.valueFormat, columns: source.schema.columns.filter { $0.namespace == .value },
                          features: source.valueFeatures, isKey: false)
    }

    func decodeKey(_ bytes: [UInt8]?) throws -> ActualValue {
        guard let source else { return decodeUntyped(bytes) }
        return try decode(bytes, info: source.keyFormat, columns: source.schema.keyColumns, features: source.keyFeatures, isKey: true)
    }

    func decodeValue(_ bytes: [UInt8]?) throws -> ActualValue {
        guard let source else { return decodeUntyped(bytes) }
        return try decode(bytes, info: source.valueFormat, columns: source.schema.columns.filter { $0.namespace == .value },
                          features: source.valueFeatures, isKey: false)
    }

    private func encodeUntyped(_ spec: JSONValue?) throws -> [UInt8]? {
        guard let spec, !spec.isNull else { return nil }
        if case .string(let s) = spec { return Array(s.utf8) }
        return spec.jsonBytes
    }

    private func decodeUntyped(_ bytes: [UInt8]?) -> ActualValue {
        guard let bytes else { return .null }
        return .string(String(decoding: bytes, as: UTF8.self))
    }

    private func encode(_ spec: JSONValue, info: FormatInfo, columns: [Column], features: SerdeFeatures, isKey: Bool) throws -> [UInt8]? {
        if spec.isNull { return nil }
        switch info.format {
        case "JSON":
            return spec.jsonBytes
        case "DELIMITED":
            return Array((spec.stringValue ?? spec.jsonText).utf8)
        case "NONE":
            return nil
        case "KAFKA":
            guard let column = columns.first else { return nil }
            let value = kafkaValue(spec, type: column.type)
            var serializer = try formats.format(for: info).makeSerializer(
                columns: columns, context: SerdeContext(info: info, features: features, isKey: isKey))
            return try serializer.serialize([value])
        case AvroFormat.name:
            return try encodeAvro(spec, info: info, columns: columns, features: features, isKey: isKey)
        case "PROTOBUF", "PROTOBUF_NOSR":
            return try encodeProtobuf(spec, info: info, columns: columns, features: features, isKey: isKey)
        case "JSON_SR":
            return try encodeJSONSchema(spec, isKey: isKey)
        default:
            throw EddyError(.execution, "The test runner cannot write format \(info.format) yet")
        }
    }

    private func kafkaValue(_ spec: JSONValue, type: SQLType) -> Value {
        switch (type, spec) {
        case (.int, .number(let n)): return n.int64.map { .int(Int32(truncatingIfNeeded: $0)) } ?? .int(Int32(n.double))
        case (.bigint, .number(let n)): return n.int64.map { .bigint($0) } ?? .bigint(Int64(n.double))
        case (.double, .number(let n)): return .double(n.double)
        case (.int, .string(let s)): return Int32(s).map { .int($0) } ?? .null
        case (.bigint, .string(let s)): return Int64(s).map { .bigint($0) } ?? .null
        case (.double, .string(let s)): return Double(s).map { .double($0) } ?? .null
        case (.bytes, .string(let s)): return Data(base64Encoded: s).map { .bytes([UInt8]($0)) } ?? .null
        case (_, .string(let s)): return .string(s)
        default: return .string(spec.jsonText)
        }
    }

    private func decode(_ bytes: [UInt8]?, info: FormatInfo, columns: [Column], features: SerdeFeatures, isKey: Bool) throws -> ActualValue {
        guard let bytes else { return .null }
        switch info.format {
        case "JSON":
            return ActualValue(json: try JSONValue.parse(bytes))
        case "DELIMITED":
            return .string(String(decoding: bytes, as: UTF8.self))
        case "NONE":
            return .null
        case "KAFKA":
            var d = try formats.format(for: info).makeDeserializer(
                columns: columns, context: SerdeContext(info: info, features: features, isKey: isKey))
            let values = try d.deserialize(bytes) ?? []
            return values.first.map(ActualValue.init(value:)) ?? .null
        case AvroFormat.name:
            return try decodeAvro(bytes)
        case "PROTOBUF", "PROTOBUF_NOSR":
            return try decodeProtobuf(bytes, info: info, columns: columns, features: features)
        case "JSON_SR":
            return try decodeJSONSchema(bytes)
        default:
            throw EddyError(.execution, "The test runner cannot read format \(info.format) yet")
        }
    }
}

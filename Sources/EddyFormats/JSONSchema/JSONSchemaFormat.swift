import EddyCore
import EddySchemaRegistry

/// JSON_SR: JSON behind the Confluent framing (magic byte 0 and a 4-byte schema id), with a JSON
/// Schema in the registry. Values are written as the JSON format writes them; reading strips the
/// framing (or accepts plain JSON) and coerces as the JSON format does.
public struct JSONSchemaFormat: SchemaRegistryFormat {
    public static let name = "JSON_SR"
    public var name: String { Self.name }
    public var supportedFeatures: Set<SerdeFeature> { [.schemaInference, .wrapSingles, .unwrapSingles] }
    public var supportedProperties: Set<String> {
        [FormatInfo.fullSchemaNameProperty, FormatInfo.schemaIdProperty, ProtobufProperties.subjectName,
         FormatInfo.subjectNameStrategyProperty]
    }
    public let registry: any SchemaRegistryClient

    public init(registry: any SchemaRegistryClient) { self.registry = registry }

    public func supportsKeyType(_ type: SQLType) -> Bool { true }

    public func validate(columns: [Column], isKey: Bool, features: SerdeFeatures) throws {
        try JSONFormat().validate(columns: columns, isKey: isKey, features: features)
    }

    public func schemaToRegister(columns: [Column], info: FormatInfo, features: SerdeFeatures, isKey: Bool) throws -> RegisteredSchema {
        let unwrapped = features.unwrapSingles && columns.count == 1
        return RegisteredSchema(schemaType: RegisteredSchema.json,
                                schema: JSONSchemaGenerator.schema(columns: columns, unwrapped: unwrapped).jsonText)
    }

    public func inferColumns(from schema: RegisteredSchema, info: FormatInfo, isKey: Bool, keepFieldNames: Bool) throws -> InferredColumns {
        let parsed: JSONValue
        do { parsed = try JSONValue.parse(schema.schema) } catch {
            throw EddyError(.execution, "Failed to parse the JSON schema: \(error)")
        }
        return try JSONSchemaTranslator.columns(parsed, isKey: isKey, keepNames: keepFieldNames)
    }

    public func makeSerializer(columns: [Column], context: SerdeContext) throws -> any RowSerializer {
        try validate(columns: columns, isKey: context.isKey, features: context.features)
        if let id = context.info.schemaId {
            // Properties of the given schema that the row lacks are written as null, as ksqlDB's
            // Connect conversion to that schema does.
            let extra = try extraProperties(schemaID: id, columns: columns, context: context)
            let inner = JSONRowSerializer(columns: columns + extra.map { Column($0, .string) },
                                          unwrapped: context.features.unwrapSingles, context: context)
            return JSONSchemaRowSerializer(inner: inner, padding: extra.count, framing: { JSONSchemaFraming.prefix(id) })
        }
        let inner = JSONRowSerializer(columns: columns, unwrapped: context.features.unwrapSingles, context: context)
        let registered = try schemaToRegister(columns: columns, info: context.info, features: context.features, isKey: context.isKey)
        let subject = SchemaSubjects.subject(topic: context.topic, isKey: context.isKey, info: context.info,
                                             recordName: SchemaRecordName.of(registered, info: context.info))
        let registry = self.registry
        return JSONSchemaRowSerializer(inner: inner, framing: {
            JSONSchemaFraming.prefix(try registry.register(subject: subject, schema: registered))
        })
    }

    /// Top-level properties of an object schema that no column is named after.
    private func extraProperties(schemaID id: Int, columns: [Column], context: SerdeContext) throws -> [String] {
        if context.features.unwrapSingles && columns.count == 1 { return [] }
        guard let schema = try? registry.schema(byID: id), let parsed = try? JSONValue.parse(schema.schema),
              let properties = parsed["properties"]?.objectValue else { return [] }
        let names = Set(columns.map(\.name))
        return properties.keys.filter { !names.contains($0) }
    }

    public func makeDeserializer(columns: [Column], context: SerdeContext) throws -> any RowDeserializer {
        try validate(columns: columns, isKey: context.isKey, features: context.features)
        let unwrapped = context.features.unwrapSingles
        return JSONSchemaRowDeserializer(
            framed: JSONRowDeserializer(columns: columns, unwrapped: unwrapped, context: context, prefixLength: 5),
            plain: JSONRowDeserializer(columns: columns, unwrapped: unwrapped, context: context))
    }
}

enum JSONSchemaFraming {
    static func prefix(_ id: Int) -> [UInt8] {
        let v = UInt32(truncatingIfNeeded: id)
        return [0, UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }
}

/// The JSON serializer's output behind the registry framing; the schema is registered on first use.
struct JSONSchemaRowSerializer: RowSerializer {
    var inner: JSONRowSerializer
    let framing: @Sendable () throws -> [UInt8]
    /// Trailing NULL values for schema properties the row has no column for.
    let padding: Int
    private var prefix: [UInt8]?
    private var body: [UInt8] = []
    private var padded: [Value] = []

    init(inner: JSONRowSerializer, padding: Int = 0, framing: @escaping @Sendable () throws -> [UInt8]) {
        self.inner = inner
        self.padding = padding
        self.framing = framing
    }

    mutating func serialize(_ values: ArraySlice<Value>, into output: inout [UInt8]) throws -> Bool {
        let written: Bool
        if padding > 0 {
            padded.removeAll(keepingCapacity: true)
            padded.append(contentsOf: values)
            padded.append(contentsOf: repeatElement(.null, count: padding))
            written = try inner.serialize(padded[...], into: &body)
        } else {
            written = try inner.serialize(values, into: &body)
        }
        guard written else { return false }
        if prefix == nil {
            do { prefix = try framing() } catch {
                throw EddyErrorFactory.serialization(inner.context, "\(error)")
            }
        }
        output.removeAll(keepingCapacity: true)
        output.append(contentsOf: prefix!)
        output.append(contentsOf: body)
        return true
    }
}

/// Reads framed JSON (magic byte 0 first) or, leniently, plain JSON text.
struct JSONSchemaRowDeserializer: RowDeserializer {
    var framed: JSONRowDeserializer
    var plain: JSONRowDeserializer

    mutating func deserialize(_ bytes: UnsafeRawBufferPointer?, into row: inout [Value]) throws -> Bool {
        guard let bytes else { return false }
        if bytes.count >= 5, bytes[0] == 0 { return try framed.deserialize(bytes, into: &row) }
        return try plain.deserialize(bytes, into: &row)
    }

    mutating func prune(reading: [Bool]) {
        framed.prune(reading: reading)
        plain.prune(reading: reading)
    }
}

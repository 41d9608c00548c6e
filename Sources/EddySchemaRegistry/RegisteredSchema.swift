/// A schema as the Confluent Schema Registry stores it: its type, its text and the schemas it imports.
///
/// `schemaType` is "AVRO", "PROTOBUF" or "JSON", spelled as the registry's REST API spells it
/// (an absent `schemaType` in a request means AVRO).
public struct RegisteredSchema: Hashable, Sendable, Codable {
    public static let avro = "AVRO"
    public static let protobuf = "PROTOBUF"
    public static let json = "JSON"

    public var schemaType: String
    public var schema: String
    public var references: [SchemaReference]

    public init(schemaType: String = RegisteredSchema.avro, schema: String, references: [SchemaReference] = []) {
        self.schemaType = schemaType.uppercased()
        self.schema = schema
        self.references = references
    }
}

/// An import of another registered schema: `name` is how the importing schema refers to it
/// (a proto file name, an Avro full name, a JSON `$ref` URL).
public struct SchemaReference: Hashable, Sendable, Codable {
    public var name: String
    public var subject: String
    public var version: Int

    public init(name: String, subject: String, version: Int) {
        self.name = name
        self.subject = subject
        self.version = version
    }
}

/// One version of a subject, as `GET /subjects/{s}/versions/{v}` returns it.
public struct SubjectVersion: Hashable, Sendable {
    public var subject: String
    public var version: Int
    public var id: Int
    public var schema: RegisteredSchema

    public init(subject: String, version: Int, id: Int, schema: RegisteredSchema) {
        self.subject = subject
        self.version = version
        self.id = id
        self.schema = schema
    }
}

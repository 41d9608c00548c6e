/// What the registry needs to know about one schema language: how to validate and canonicalize a
/// schema (so equal schemas share an id) and how to check two versions for compatibility.
///
/// The registry itself knows no schema language; EddyFormats plugs in AVRO, PROTOBUF and JSON.
public protocol SchemaTypeSupport: Sendable {
    /// "AVRO", "PROTOBUF" or "JSON".
    var schemaType: String { get }

    /// The canonical text used to recognise an already registered schema. Throws
    /// `SchemaRegistryError.invalidSchema` when the text does not parse.
    func canonicalForm(of schema: RegisteredSchema, resolver: any SchemaReferenceResolver) throws -> String

    /// Reasons why data written with `writer` cannot be read with `reader` (empty when it can).
    func readIssues(reader: RegisteredSchema, writer: RegisteredSchema, resolver: any SchemaReferenceResolver) -> [String]
}

/// Finds referenced schemas while a schema is validated.
public protocol SchemaReferenceResolver: Sendable {
    func resolve(_ reference: SchemaReference) throws -> RegisteredSchema
}

/// The fallback for schema types without a plugged-in support: accepts any text and treats two
/// schemas as equal when they differ only in whitespace outside string literals.
public struct OpaqueSchemaSupport: SchemaTypeSupport {
    public let schemaType: String
    public init(schemaType: String) { self.schemaType = schemaType }

    public func canonicalForm(of schema: RegisteredSchema, resolver: any SchemaReferenceResolver) throws -> String {
        Self.squeezingWhitespace(schema.schema)
    }

    public func readIssues(reader: RegisteredSchema, writer: RegisteredSchema, resolver: any SchemaReferenceResolver) -> [String] {
        []
    }

    /// Drops whitespace outside double-quoted strings (JSON-shaped schema texts).
    public static func squeezingWhitespace(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var inString = false
        var escaped = false
        for c in text {
            if inString {
                out.append(c)
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
            } else if c == "\"" {
                inString = true
                out.append(c)
            } else if !c.isWhitespace {
                out.append(c)
            }
        }
        return out
    }
}

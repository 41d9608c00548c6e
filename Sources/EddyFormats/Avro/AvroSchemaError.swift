/// A schema that does not parse or cannot be used. The message follows Avro Java's wording where
/// ksqlDB surfaces it ("Illegal initial character: 1abc").
public struct AvroSchemaError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

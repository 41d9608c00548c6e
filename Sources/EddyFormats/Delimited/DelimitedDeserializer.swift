import EddyCore

struct DelimitedDeserializer: RowDeserializer {
    let types: [SQLType]
    let delimiter: Delimiter
    let context: SerdeContext
    mutating func deserialize(_ bytes: UnsafeRawBufferPointer?, into row: inout [Value]) throws -> Bool {
        throw EddyError(.internal, "DELIMITED deserialization is not implemented yet")
    }
}

import EddyCore

struct JSONRowDeserializer: RowDeserializer {
    init(columns: [Column], unwrapped: Bool, context: SerdeContext) {}
    mutating func deserialize(_ bytes: UnsafeRawBufferPointer?, into row: inout [Value]) throws -> Bool {
        throw EddyError(.internal, "JSON deserialization is not implemented yet")
    }
}

import EddyCore

struct JSONRowSerializer: RowSerializer {
    init(columns: [Column], unwrapped: Bool, context: SerdeContext) {}
    mutating func serialize(_ values: ArraySlice<Value>, into output: inout [UInt8]) throws -> Bool {
        throw EddyError(.internal, "JSON serialization is not implemented yet")
    }
}

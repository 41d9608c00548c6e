import EddyCore

struct DelimitedSerializer: RowSerializer {
    let types: [SQLType]
    let delimiter: Delimiter
    let context: SerdeContext
    mutating func serialize(_ values: ArraySlice<Value>, into output: inout [UInt8]) throws -> Bool {
        throw EddyError(.internal, "DELIMITED serialization is not implemented yet")
    }
}

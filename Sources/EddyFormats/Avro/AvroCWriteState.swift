import CAvro
import EddyCore

/// The Avro C side of an `AvroRowSerializer`: one generic value of the writer schema, filled
/// from each row and written into a reused memory buffer.
///
/// A copied serde rebuilds its state on first use (`isKnownUniquelyReferenced`), so two tasks
/// never share a generic value.
final class AvroCWriteState: @unchecked Sendable {
    let writerJSON: String
    private let generic: AvroCGenericValue
    private let writer = AvroCMemoryWriter()
    private let encoder = AvroCEncoder(constants: AvroCMemoryReader())

    init(writerJSON: String) throws {
        self.writerJSON = writerJSON
        do { generic = try AvroCGenericValue(json: writerJSON) } catch {
            throw EddyErrorFactory.execution("Avro C cannot use the writer schema: \(error)")
        }
    }

    func fresh() throws -> AvroCWriteState { try AvroCWriteState(writerJSON: writerJSON) }

    /// Fills the value from a row (wrapped: `fields` over the columns) or a single value, then
    /// appends its encoding to `output`.
    func encode(fields: [AvroFieldWrite]?, plan: AvroWritePlan, values: ArraySlice<Value>,
                to output: inout [UInt8]) throws {
        try withUnsafeMutablePointer(to: &generic.value) { root in
            if let fields {
                try encoder.writeFields(fields, values, into: root)
            } else {
                try encoder.write(plan, values[values.startIndex], into: root)
            }
        }
        let bytes: UnsafeRawBufferPointer
        do { bytes = try writer.write(&generic.value) } catch let e as AvroCError {
            throw EddyErrorFactory.execution(e.message)
        }
        output.append(contentsOf: bytes)
    }
}

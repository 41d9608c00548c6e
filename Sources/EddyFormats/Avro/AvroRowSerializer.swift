import EddyCore
import EddySchemaRegistry

/// Writes rows as Confluent-framed Avro. The schema id is resolved on the first record (by
/// registering the generated schema, which returns the existing id when it is already there)
/// and kept for the serializer's life.
struct AvroRowSerializer: RowSerializer {
    let registry: any SchemaRegistryClient
    let context: SerdeContext
    let subject: String
    let registered: RegisteredSchema?
    var schemaID: Int?
    let plan: AvroWritePlan
    /// Wrapped rows are records written straight from the column slice.
    let rowFields: [AvroFieldWrite]?
    /// `rowFields` flattened for the Swift codec's per-record loop.
    let rowProgram: AvroRowWriteProgram?
    /// Set when the Avro C codec writes the binary; the plans stay the same.
    private var native: AvroCWriteState?

    init(format: AvroFormat, columns: [Column], context: SerdeContext) throws {
        self.registry = format.registry
        self.context = context
        let writer: AvroSchema
        let writerJSON: String
        if let id = context.info.schemaId {
            // A physical schema chosen by id is used as is and never registered by the serializer.
            let stored: RegisteredSchema
            do { stored = try format.registry.schema(byID: id) } catch {
                throw EddyErrorFactory.execution("Failed to fetch schema with id \(id): \(error)")
            }
            writer = try AvroSchema.parse(stored.schema)
            writerJSON = stored.schema
            registered = nil
            schemaID = id
        } else {
            let generated = try format.generatedSchema(columns: columns, context: context)
            writer = generated.schema
            writerJSON = generated.registered.schema
            registered = generated.registered
            schemaID = nil
        }
        subject = format.subject(topic: context.topic, isKey: context.isKey, schema: writer, info: context.info)
        if context.features.unwrapSingles, columns.count == 1 {
            plan = try AvroWritePlan.make(schema: writer, type: columns[0].type, path: "")
            rowFields = nil
            rowProgram = nil
        } else {
            guard case .record(let r) = writer.nonNull else {
                throw EddyErrorFactory.execution("Avro schema for \(context.target) must be a record: \(writer.typeName)")
            }
            guard case .record(let fields) = try AvroWritePlan.record(r, sources: columns.map { ($0.name, $0.type) }, path: "") else {
                preconditionFailure("record plans are records")
            }
            rowFields = fields
            rowProgram = AvroRowWriteProgram(fields)
            plan = .null
        }
        native = format.codec == .avroc ? try AvroCWriteState(writerJSON: writerJSON) : nil
    }

    mutating func serialize(_ values: ArraySlice<Value>, into output: inout [UInt8]) throws -> Bool {
        output.removeAll(keepingCapacity: true)
        if rowFields == nil, let only = values.first, only.isNull { return false }
        let id = try resolveID()
        ConfluentWireFormat.writeHeader(schemaID: id, to: &output)
        do {
            if native != nil {
                if !isKnownUniquelyReferenced(&native!) { native = try native!.fresh() }
                try native!.encode(fields: rowFields, plan: plan, values: values, to: &output)
            } else if let rowProgram {
                try rowProgram.write(values, to: &output)
            } else {
                try AvroEncoder.write(plan, values[values.startIndex], to: &output)
            }
        } catch is AvroEncoder.NullInRequiredField {
            throw EddyErrorFactory.serialization(context, "Avro field is not nullable but the value is null")
        }
        return true
    }

    private mutating func resolveID() throws -> Int {
        if let schemaID { return schemaID }
        guard let registered else { preconditionFailure("serializers without a schema id register one") }
        do {
            let id = try registry.register(subject: subject, schema: registered)
            schemaID = id
            return id
        } catch {
            throw EddyErrorFactory.serialization(context, "Failed to register schema under subject \(subject): \(error)")
        }
    }
}

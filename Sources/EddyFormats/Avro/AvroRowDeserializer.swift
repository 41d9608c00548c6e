import EddyCore
import EddySchemaRegistry

/// Reads Confluent-framed Avro into column values. Each record names its writer schema by id;
/// the read plan for an id is built on first sight and cached, so steady-state decoding is a
/// dictionary lookup plus the plan walk over the message buffer.
struct AvroRowDeserializer: RowDeserializer {
    let registry: any SchemaRegistryClient
    let columns: [Column]
    let context: SerdeContext
    let unwrapped: Bool
    /// Per writer schema id: the read plan and, for a row read by the Swift codec, its record
    /// flattened for the per-record loop; built once, so alternating ids cost a lookup only.
    private var plans: [Int: Result<(plan: AvroReadPlan, program: AvroRowProgram?), AvroTypeMismatch>] = [:]
    private var lastID = -1
    private var lastPlan: AvroReadPlan = .null
    private var lastProgram: AvroRowProgram?
    /// Set when the Avro C codec reads the binary; the plans stay the same.
    private var native: AvroCReadCache?
    /// Columns the caller does not read (`prune(reading:)`): their strings and bytes are skipped.
    private var unread: [Bool] = []

    init(registry: any SchemaRegistryClient, columns: [Column], context: SerdeContext, codec: AvroCodec = .swift) {
        self.registry = registry
        self.columns = columns
        self.context = context
        self.unwrapped = context.features.unwrapSingles && columns.count == 1
        self.native = codec == .avroc ? AvroCReadCache() : nil
    }

    mutating func deserialize(_ bytes: UnsafeRawBufferPointer?, into row: inout [Value]) throws -> Bool {
        guard let bytes else { return false }
        let id = try ConfluentWireFormat.schemaIDOrThrow(bytes, context)
        if id != lastID { _ = try plan(for: id) }
        // The steady state: the cached row program, read in place (copying the plan or the
        // program out of `self` costs retains and releases on every record).
        if lastProgram != nil {
            var reader = AvroBinaryReader(bytes, offset: ConfluentWireFormat.headerSize)
            do {
                try lastProgram.unsafelyUnwrapped.read(&reader, into: &row)
            } catch let e as AvroDecodeError {
                throw EddyErrorFactory.deserialization(context, e.description)
            }
            return true
        }
        let plan = lastPlan
        let value: Value
        do {
            if native != nil {
                value = try decodeWithAvroC(bytes, id: id, plan: plan)
            } else {
                var reader = AvroBinaryReader(bytes, offset: ConfluentWireFormat.headerSize)
                value = try AvroDecoder.read(plan, &reader)
            }
        } catch let e as AvroDecodeError {
            throw EddyErrorFactory.deserialization(context, e.description)
        }
        if unwrapped {
            if value.isNull { return false }
            row.append(value)
            return true
        }
        guard case .struct(let s) = value else { return false }
        row.append(contentsOf: s.values)
        return true
    }

    private mutating func decodeWithAvroC(_ bytes: UnsafeRawBufferPointer, id: Int, plan: AvroReadPlan) throws -> Value {
        if !isKnownUniquelyReferenced(&native!) { native = AvroCReadCache() }
        let cache = native!
        let entry: AvroCReadCache.Entry
        do {
            entry = try cache.entry(id: id) {
                let json = try registry.schema(byID: id).schema
                return (json, try AvroSchema.parse(json))
            }
        } catch {
            throw EddyErrorFactory.deserialization(context, "Error retrieving Avro schema for id \(id): \(error)")
        }
        return try cache.decode(UnsafeRawBufferPointer(rebasing: bytes[ConfluentWireFormat.headerSize...]),
                                entry: entry, plan: plan)
    }

    private mutating func plan(for id: Int) throws -> AvroReadPlan {
        if id == lastID { return lastPlan }
        let result: Result<(plan: AvroReadPlan, program: AvroRowProgram?), AvroTypeMismatch>
        if let cached = plans[id] {
            result = cached
        } else {
            let writer: AvroSchema
            do {
                writer = try AvroSchema.parse(try registry.schema(byID: id).schema)
            } catch {
                // Not cached: the registry may be briefly unreachable.
                throw EddyErrorFactory.deserialization(context, "Error retrieving Avro schema for id \(id): \(error)")
            }
            do {
                if unwrapped {
                    result = .success((try AvroReadPlan.make(writer: writer, target: columns[0].type, path: ""), nil))
                } else {
                    let plan = pruned(try AvroReadPlan.make(
                        writer: writer, target: .struct(columns.map { .init($0.name, $0.type) }), path: ""))
                    result = .success((plan, native == nil ? AvroRowProgram(plan) : nil))
                }
            } catch let e as AvroTypeMismatch {
                result = .failure(e)
            }
            plans[id] = result
        }
        switch result {
        case .success(let resolved):
            lastID = id
            lastPlan = resolved.plan
            lastProgram = resolved.program
            return resolved.plan
        case .failure(let e):
            throw EddyErrorFactory.deserialization(context, e.message)
        }
    }
}

extension AvroRowDeserializer {
    mutating func prune(reading: [Bool]) {
        // The Avro C codec walks the plan against its own values; it keeps reading everything.
        guard !unwrapped, native == nil, reading.count == columns.count else { return }
        unread = reading.map { !$0 }
    }

    /// The row plan with unread STRING and BYTES fields skipped: any bytes are a valid string, so
    /// advancing past the length-prefixed value fails exactly when reading it would (truncation).
    func pruned(_ plan: AvroReadPlan) -> AvroReadPlan {
        guard unread.contains(true), case .record(var steps, let names) = plan else { return plan }
        for k in steps.indices {
            if let slot = steps[k].slot, unread[slot] { steps[k].plan = Self.skipping(steps[k].plan) }
        }
        return .record(steps: steps, names: names)
    }

    private static func skipping(_ plan: AvroReadPlan) -> AvroReadPlan {
        switch plan {
        case .string: .skip(.string)
        case .bytes: .skip(.bytes(nil))
        case .union(let branches): .union(branches.map(skipping))
        default: plan
        }
    }
}

extension ConfluentWireFormat {
    static func schemaIDOrThrow(_ bytes: UnsafeRawBufferPointer, _ context: SerdeContext) throws -> Int {
        do { return try schemaID(of: bytes) } catch {
            throw EddyErrorFactory.deserialization(context, "Unknown magic byte!")
        }
    }
}

import EddyCore
import EddySchemaRegistry

/// Writes a row's key or value columns as one protobuf message (or, for PROTOBUF_NOSR's unwrapped
/// single column, as a bare wrapper message), optionally behind the Confluent framing.
struct ProtobufRowSerializer: RowSerializer {
    let encoder: ProtoEncoder
    let message: Int
    /// For each message field, the column that feeds it.
    let sources: [Int?]
    let fieldNames: [String]
    let unwrapped: Bool
    let context: SerdeContext
    /// Registers the schema (on first use) and returns the framing; nil for PROTOBUF_NOSR.
    let framing: (@Sendable () throws -> [UInt8])?
    private var prefix: [UInt8]?
    private var scratch: [Value] = []

    init(schema: ProtoSchema, message: Int, columns: [Column], unwrapped: Bool, context: SerdeContext,
         framing: (@Sendable () throws -> [UInt8])?) {
        encoder = ProtoEncoder(schema: schema)
        self.message = message
        self.unwrapped = unwrapped
        self.context = context
        self.framing = framing
        fieldNames = schema.messages[message].fields.map(\.name)
        sources = unwrapped ? [] : ProtoValueShaper.fieldSources(schema, message: message, names: columns.map(\.name))
    }

    mutating func serialize(_ values: ArraySlice<Value>, into output: inout [UInt8]) throws -> Bool {
        output.removeAll(keepingCapacity: true)
        do {
            if let framing {
                if prefix == nil { prefix = try framing() }
                output.append(contentsOf: prefix!)
            }
            let schema = encoder.schema
            if unwrapped {
                let v = values[values.startIndex]
                if v.isNull { return false }
                try encoder.encode(ProtoValueShaper.shape(v, as: .message(message), in: schema), message: message, into: &output)
                return true
            }
            let fields = schema.messages[message].fields
            scratch.removeAll(keepingCapacity: true)
            for (i, f) in fields.enumerated() {
                guard let c = sources[i] else { scratch.append(.null); continue }
                scratch.append(ProtoValueShaper.shape(values[values.startIndex + c], as: f.type, in: schema, repeated: f.isRepeated))
            }
            try encoder.encode(.struct(StructValue(names: fieldNames, values: scratch)), message: message, into: &output)
            return true
        } catch let e as ProtoSchemaError {
            throw EddyErrorFactory.serialization(context, e.message)
        } catch let e as SchemaRegistryError {
            throw EddyErrorFactory.serialization(context, "\(e)")
        }
    }
}

/// How a deserializer finds the writer's schema: fixed (PROTOBUF_NOSR) or from the registry by the id
/// in each record's framing (PROTOBUF).
enum ProtobufReaderSchema: Sendable {
    case fixed(ProtoSchema, message: Int)
    case registry(any SchemaRegistryClient, fullName: String?)
}

/// Reads protobuf keys or values into columns, matching message fields to columns by name.
struct ProtobufRowDeserializer: RowDeserializer {
    /// A writer schema prepared for these columns.
    struct Plan: Sendable {
        let decoder: ProtoDecoder
        let message: Int
        /// For each column, the index of the message field that feeds it.
        let fieldOf: [Int?]
    }

    let columns: [Column]
    let unwrapped: Bool
    let context: SerdeContext
    let source: ProtobufReaderSchema
    private var fixedPlan: Plan?
    private var plans: [Int: Plan] = [:]

    init(columns: [Column], unwrapped: Bool, context: SerdeContext, source: ProtobufReaderSchema) {
        self.columns = columns
        self.unwrapped = unwrapped
        self.context = context
        self.source = source
        if case .fixed(let schema, let message) = source {
            fixedPlan = Self.plan(schema, message: message, columns: columns)
        }
    }

    static func plan(_ schema: ProtoSchema, message: Int, columns: [Column]) -> Plan {
        let fields = schema.messages[message].fields
        let fieldOf: [Int?] = columns.map { c in
            fields.firstIndex { $0.name == c.name } ?? fields.firstIndex { $0.name.uppercased() == c.name }
        }
        return Plan(decoder: ProtoDecoder(schema: schema), message: message, fieldOf: fieldOf)
    }

    mutating func deserialize(_ bytes: UnsafeRawBufferPointer?, into row: inout [Value]) throws -> Bool {
        guard let bytes else { return false }
        do {
            let plan: Plan
            var start = 0
            if let fixedPlan {
                plan = fixedPlan
            } else {
                let framing = try ConfluentProtobufFraming.read(bytes)
                start = framing.start
                plan = try registryPlan(id: framing.id, path: framing.path)
            }
            let decoded = try plan.decoder.decode(bytes, range: start ..< bytes.count, message: plan.message)
            if unwrapped {
                row.append(try ProtoValueShaper.toSQL(decoded, columns[0].type, path: ""))
                return true
            }
            guard case .struct(let s) = decoded else { throw ProtoSchemaError("expected a message") }
            for (i, c) in columns.enumerated() {
                guard let f = plan.fieldOf[i] else { row.append(.null); continue }
                row.append(try ProtoValueShaper.toSQL(s.values[f], c.type, path: "->" + c.name))
            }
            return true
        } catch let e as ProtoSchemaError {
            throw EddyErrorFactory.deserialization(context, e.message)
        } catch let e as SchemaRegistryError {
            throw EddyErrorFactory.deserialization(context, "\(e)")
        }
    }

    private mutating func registryPlan(id: Int, path: [Int]) throws -> Plan {
        if let p = plans[id], path == [0] || path.isEmpty { return p }
        guard case .registry(let registry, _) = source else { throw ProtoSchemaError("no schema registry") }
        let schema = try ProtobufRegistrySchemas.load(registry, id: id)
        guard let message = schema.message(atPath: path.isEmpty ? [0] : path) else {
            throw ProtoSchemaError("Invalid message indexes: \(path)")
        }
        let p = Self.plan(schema, message: message, columns: columns)
        if path == [0] || path.isEmpty { plans[id] = p }
        return p
    }
}

/// Parses protobuf schemas held by the registry, following their references.
public enum ProtobufRegistrySchemas {
    public static func load(_ registry: any SchemaRegistryClient, id: Int) throws -> ProtoSchema {
        try parse(registry.schema(byID: id), registry: registry)
    }

    public static func parse(_ registered: RegisteredSchema, registry: any SchemaRegistryClient) throws -> ProtoSchema {
        var references: [String: String] = [:]
        var pending = registered.references
        var seen: Set<String> = []
        while let r = pending.popLast() {
            guard seen.insert(r.name).inserted else { continue }
            let version = try registry.version(subject: r.subject, version: r.version)
            references[r.name] = version.schema.schema
            pending.append(contentsOf: version.schema.references)
        }
        return try ProtoSchema.parse(registered.schema, references: references)
    }

    /// The message a schema means: the one named `fullName` (full or simple name), else the first.
    public static func message(in schema: ProtoSchema, fullName: String?) throws -> Int {
        if let fullName, !fullName.isEmpty {
            if let m = schema.message(named: fullName) { return m }
            if let m = schema.topLevel.first(where: { schema.messages[$0].name == fullName }) { return m }
            throw EddyError(.execution, "Schema with name \(fullName) not found in the schema")
        }
        guard let root = schema.rootMessage else { throw EddyError(.execution, "The protobuf schema defines no message") }
        return root
    }
}

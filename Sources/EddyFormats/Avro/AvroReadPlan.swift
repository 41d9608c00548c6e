import EddyCore
import BigInt

/// How to decode one Avro value written with a writer schema into a SQL value of a target type,
/// resolved once per (writer schema, column types), so decoding never inspects SQL types.
///
/// The coercions are ksqlDB's (ConnectDataTranslator): INT and BIGINT widen from smaller ints,
/// DOUBLE reads float, STRING reads any primitive as text, struct fields match by exact or
/// upper-cased name and missing ones are NULL.
indirect enum AvroReadPlan: Sendable {
    case null
    case boolean
    case intToInt
    case intToBigint
    case longToBigint
    case intToDate
    case intToTime
    case intToTimestamp
    case longToTimestamp
    case floatToDouble
    case doubleToDouble
    case string
    case enumToString([String])
    case intToString
    case longToString
    case floatToString
    case doubleToString
    case booleanToString
    case bytes
    case fixedToBytes(Int)
    case decimal(writerScale: Int, targetScale: Int)
    case fixedDecimal(size: Int, writerScale: Int, targetScale: Int)
    case array(AvroReadPlan)
    /// An Avro map: string keys.
    case map(AvroReadPlan)
    /// An array of key/value records read as a map.
    case mapEntries(key: AvroReadPlan, value: AvroReadPlan, keyFirst: Bool)
    /// A record: one step per writer field, then a struct with the target's field names.
    case record(steps: [AvroFieldStep], names: [String])
    /// A union: one plan per writer branch.
    case union([AvroReadPlan])
    /// A general union read as a struct with one field per member (AvroData's Union struct).
    case unionStruct(branches: [(slot: Int?, plan: AvroReadPlan)], names: [String])
    /// Skips a writer value that has no target.
    case skip(AvroSchema)
}

/// One writer field of a record: decode into `slot` of the target struct, or skip it.
struct AvroFieldStep: Sendable {
    var slot: Int?
    var plan: AvroReadPlan
}

/// A writer schema that ksqlDB cannot read into the column types; the message is ksqlDB's.
struct AvroTypeMismatch: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

extension AvroReadPlan {
    /// Builds the plan, or throws ksqlDB's "Cannot deserialize type X as type Y for path: P".
    static func make(writer: AvroSchema, target: SQLType, path: String) throws -> AvroReadPlan {
        func mismatch() -> AvroTypeMismatch {
            AvroTypeMismatch(message: "Cannot deserialize type \(connectName(writer)) as type \(connectName(target)) for path: \(path)")
        }
        if case .union(let branches) = writer {
            let members = branches.filter { $0 != .null }
            if members.count > 1, case .struct(let fields) = target {
                let names = fields.map(\.name)
                return .unionStruct(branches: try branches.map { b in
                    if b == .null { return (nil, .null) }
                    let n = AvroTypeInference.unionFieldName(b)
                    guard let slot = names.firstIndex(of: n) ?? names.firstIndex(of: n.uppercased()) else { return (nil, .skip(b)) }
                    return (slot, try make(writer: b, target: fields[slot].type, path: path + "->" + names[slot]))
                }, names: names)
            }
            return .union(try branches.map { b in
                b == .null ? .null : try make(writer: b, target: target, path: path)
            })
        }
        if case .null = writer { return .null }
        switch (target, writer) {
        case (.boolean, .boolean): return .boolean
        case (.int, .int): return .intToInt
        case (.bigint, .int): return .intToBigint
        case (.bigint, .long): return .longToBigint
        case (.double, .float): return .floatToDouble
        case (.double, .double): return .doubleToDouble
        case (.string, .string): return .string
        case (.string, .enumeration(let e)): return .enumToString(e.symbols)
        case (.string, .int): return .intToString
        case (.string, .long): return .longToString
        case (.string, .float): return .floatToString
        case (.string, .double): return .doubleToString
        case (.string, .boolean): return .booleanToString
        case (.bytes, .bytes(let l)), (.decimal, .bytes(let l)):
            if case .decimal(_, let ws) = l {
                if case .decimal(_, let ts) = target { return .decimal(writerScale: ws, targetScale: ts) }
                return .decimal(writerScale: ws, targetScale: ws)
            }
            if case .decimal = target { throw mismatch() }
            return .bytes
        case (.bytes, .fixed(let f)), (.decimal, .fixed(let f)):
            if case .decimal(_, let ws) = f.logicalType {
                let ts: Int = if case .decimal(_, let s) = target { s } else { ws }
                return .fixedDecimal(size: f.size, writerScale: ws, targetScale: ts)
            }
            if case .decimal = target { throw mismatch() }
            return .fixedToBytes(f.size)
        case (.date, .int): return .intToDate
        case (.time, .int): return .intToTime
        case (.timestamp, .int): return .intToTimestamp
        case (.timestamp, .long): return .longToTimestamp
        case (.array(let e), .array(let items)):
            if AvroTypeInference.mapEntry(items) != nil { throw mismatch() }
            return .array(try make(writer: items, target: e, path: path + "->ARRAY"))
        case (.map(let k, let v), .map(let values)):
            guard k == .string else { throw mismatch() }
            return .map(try make(writer: values, target: v, path: path + "->MAP_VAL"))
        case (.map(let k, let v), .array(let items)):
            guard case .record(let r) = items, let entry = AvroTypeInference.mapEntry(items) else { throw mismatch() }
            return .mapEntries(key: try make(writer: entry.key, target: k, path: path + "->MAP_KEY"),
                               value: try make(writer: entry.value, target: v, path: path + "->MAP_VAL"),
                               keyFirst: r.fields[0].name == "key")
        case (.struct(let fields), .record(let record)):
            return try makeRecord(record, targetFields: fields.map { ($0.name, $0.type) }, path: path)
        default:
            throw mismatch()
        }
    }

    static func makeRecord(_ record: AvroRecord, targetFields: [(String, SQLType)], path: String) throws -> AvroReadPlan {
        let names = targetFields.map(\.0)
        var steps: [AvroFieldStep] = []
        for f in record.fields {
            var slot = names.firstIndex(of: f.name)
            if slot == nil { slot = names.firstIndex(of: f.name.uppercased()) }
            if let slot {
                steps.append(AvroFieldStep(slot: slot, plan: try make(writer: f.schema, target: targetFields[slot].1,
                                                                       path: path + "->" + names[slot])))
            } else {
                steps.append(AvroFieldStep(slot: nil, plan: .skip(f.schema)))
            }
        }
        return .record(steps: steps, names: names)
    }

    /// The Connect type name ksqlDB's messages use for an Avro writer type.
    static func connectName(_ s: AvroSchema) -> String {
        switch s {
        case .null: "null"
        case .boolean: "boolean"
        case .int: "int32"
        case .long: "int64"
        case .float: "float32"
        case .double: "float64"
        case .bytes, .fixed: "bytes"
        case .string, .enumeration: "string"
        case .record: "struct"
        case .array(let items): AvroTypeInference.mapEntry(items) != nil ? "map" : "array"
        case .map: "map"
        case .union(let b): s.nullableBranch.map { connectName($0.schema) } ?? (b.count == 1 ? connectName(b[0]) : "struct")
        case .reference: "struct"
        }
    }

    static func connectName(_ t: SQLType) -> String {
        switch t {
        case .boolean: "boolean"
        case .int, .date, .time: "int32"
        case .bigint, .timestamp: "int64"
        case .double: "float64"
        case .decimal, .bytes: "bytes"
        case .string: "string"
        case .array: "array"
        case .map: "map"
        case .struct: "struct"
        }
    }
}

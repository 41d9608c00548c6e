import CAvro
import EddyCore

/// Runs an `AvroReadPlan` over a generic value Avro C has read, so both codecs share one plan
/// and therefore ksqlDB's coercions. The plan's steps name the writer's Avro type, which is the
/// type of the generic value at the same place; a disagreement is reported, never trapped.
enum AvroCDecoder {
    static func read(_ plan: AvroReadPlan, _ v: UnsafePointer<avro_value_t>) throws -> Value {
        switch plan {
        case .null: return .null
        case .boolean: return .bool(try boolean(v))
        case .intToInt: return .int(try int(v))
        case .intToBigint: return .bigint(Int64(try int(v)))
        case .longToBigint: return .bigint(try long(v))
        case .intToDate: return .date(try int(v))
        case .intToTime: return .time(try int(v))
        case .intToTimestamp: return .timestamp(Int64(try int(v)))
        case .longToTimestamp: return .timestamp(try long(v))
        case .floatToDouble: return .double(Double(try float(v)))
        case .doubleToDouble: return .double(try double(v))
        case .string: return .string(try string(v))
        case .enumToString(let symbols):
            var i: Int32 = 0
            try check(eddy_avro_value_get_enum(v, &i))
            guard i >= 0, Int(i) < symbols.count else { throw AvroDecodeError.invalid("Illegal enum index \(i)") }
            return .string(symbols[Int(i)])
        case .intToString: return .string(String(try int(v)))
        case .longToString: return .string(String(try long(v)))
        case .floatToString: return .string(JavaText.double(Double(try float(v))))
        case .doubleToString: return .string(JavaText.double(try double(v)))
        case .booleanToString: return .string(try boolean(v) ? "true" : "false")
        case .bytes: return .bytes(Array(try bytes(v)))
        case .fixedToBytes: return .bytes(Array(try fixed(v)))
        case .decimal(let ws, let ts):
            return .decimal(AvroDecoder.decimal(try bytes(v), writerScale: ws, targetScale: ts))
        case .fixedDecimal(_, let ws, let ts):
            return .decimal(AvroDecoder.decimal(try fixed(v), writerScale: ws, targetScale: ts))
        case .array(let item):
            let n = try size(v)
            var out: [Value] = []
            out.reserveCapacity(n)
            for i in 0..<n {
                var child = avro_value_t()
                try check(eddy_avro_value_get_by_index(v, i, &child, nil))
                out.append(try read(item, &child))
            }
            return .array(out)
        case .map(let valuePlan):
            var m = MapValue()
            for i in 0..<(try size(v)) {
                var child = avro_value_t()
                var key: UnsafePointer<CChar>?
                try check(eddy_avro_value_get_by_index(v, i, &child, &key))
                m.set(.string(key.map { String(cString: $0) } ?? ""), try read(valuePlan, &child))
            }
            return .map(m)
        case .mapEntries(let keyPlan, let valuePlan, let keyFirst):
            var m = MapValue()
            for i in 0..<(try size(v)) {
                var entry = avro_value_t(), key = avro_value_t(), value = avro_value_t()
                try check(eddy_avro_value_get_by_index(v, i, &entry, nil))
                try check(eddy_avro_value_get_by_index(&entry, keyFirst ? 0 : 1, &key, nil))
                try check(eddy_avro_value_get_by_index(&entry, keyFirst ? 1 : 0, &value, nil))
                m.set(try read(keyPlan, &key), try read(valuePlan, &value))
            }
            return .map(m)
        case .record(let steps, let names):
            var values = [Value](repeating: .null, count: names.count)
            for (i, step) in steps.enumerated() {
                guard let slot = step.slot else { continue }
                var field = avro_value_t()
                try check(eddy_avro_value_get_by_index(v, i, &field, nil))
                values[slot] = try read(step.plan, &field)
            }
            return .struct(StructValue(names: names, values: values))
        case .union(let branches):
            var branch = avro_value_t()
            let i = try discriminant(v, count: branches.count, branch: &branch)
            return try read(branches[i], &branch)
        case .unionStruct(let branches, let names):
            var branchValue = avro_value_t()
            let i = try discriminant(v, count: branches.count, branch: &branchValue)
            let branch = branches[i]
            if case .null = branch.plan { return .null }
            var values = [Value](repeating: .null, count: names.count)
            if let slot = branch.slot { values[slot] = try read(branch.plan, &branchValue) }
            return .struct(StructValue(names: names, values: values))
        case .skip:
            // Avro C has already consumed the bytes while reading the whole value.
            return .null
        }
    }

    @inline(__always)
    private static func check(_ rc: Int32) throws {
        // Accessors fail only when the value's shape is not the plan's; Avro C sets no message
        // for that, so its last error text would be stale.
        if rc != 0 { throw AvroDecodeError.invalid("Avro value does not match its writer schema (error \(rc))") }
    }

    /// Reads a primitive through one of the shim's typed getters.
    @inline(__always)
    private static func get<T>(_ v: UnsafePointer<avro_value_t>, _ zero: T,
                               _ getter: (UnsafePointer<avro_value_t>?, UnsafeMutablePointer<T>?) -> Int32) throws -> T {
        var out = zero
        try check(getter(v, &out))
        return out
    }

    private static func boolean(_ v: UnsafePointer<avro_value_t>) throws -> Bool { try get(v, 0, eddy_avro_value_get_boolean) != 0 }
    private static func int(_ v: UnsafePointer<avro_value_t>) throws -> Int32 { try get(v, 0, eddy_avro_value_get_int) }
    private static func long(_ v: UnsafePointer<avro_value_t>) throws -> Int64 { try get(v, 0, eddy_avro_value_get_long) }
    private static func float(_ v: UnsafePointer<avro_value_t>) throws -> Float { try get(v, 0, eddy_avro_value_get_float) }
    private static func double(_ v: UnsafePointer<avro_value_t>) throws -> Double { try get(v, 0, eddy_avro_value_get_double) }

    private static func string(_ v: UnsafePointer<avro_value_t>) throws -> String {
        var p: UnsafePointer<CChar>?
        var size = 0
        try check(eddy_avro_value_get_string(v, &p, &size))
        // Avro C's size counts the NUL it appends.
        guard let p, size > 0 else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: p, count: size - 1), as: UTF8.self)
    }

    private static func bytes(_ v: UnsafePointer<avro_value_t>) throws -> UnsafeRawBufferPointer {
        var p: UnsafeRawPointer?
        var size = 0
        try check(eddy_avro_value_get_bytes(v, &p, &size))
        return UnsafeRawBufferPointer(start: p, count: p == nil ? 0 : size)
    }

    private static func fixed(_ v: UnsafePointer<avro_value_t>) throws -> UnsafeRawBufferPointer {
        var p: UnsafeRawPointer?
        var size = 0
        try check(eddy_avro_value_get_fixed(v, &p, &size))
        return UnsafeRawBufferPointer(start: p, count: p == nil ? 0 : size)
    }

    private static func size(_ v: UnsafePointer<avro_value_t>) throws -> Int {
        var n = 0
        try check(eddy_avro_value_get_size(v, &n))
        return n
    }

    private static func discriminant(_ v: UnsafePointer<avro_value_t>, count: Int,
                                     branch: inout avro_value_t) throws -> Int {
        var d: Int32 = 0
        try check(eddy_avro_value_get_discriminant(v, &d))
        guard d >= 0, Int(d) < count else { throw AvroDecodeError.invalid("Illegal union index \(d)") }
        try check(eddy_avro_value_get_current_branch(v, &branch))
        return Int(d)
    }
}

import EddyCore
import BigInt

/// Runs an `AvroReadPlan` over a message buffer.
enum AvroDecoder {
    static func read(_ plan: AvroReadPlan, _ r: inout AvroBinaryReader) throws -> Value {
        switch plan {
        case .null: return .null
        case .boolean: return .bool(try r.boolean())
        case .intToInt: return .int(try r.int())
        case .intToBigint: return .bigint(Int64(try r.int()))
        case .longToBigint: return .bigint(try r.long())
        case .intToDate: return .date(try r.int())
        case .intToTime: return .time(try r.int())
        case .intToTimestamp: return .timestamp(Int64(try r.int()))
        case .longToTimestamp: return .timestamp(try r.long())
        case .floatToDouble: return .double(Double(try r.float()))
        case .doubleToDouble: return .double(try r.double())
        case .string: return .string(try r.string())
        case .enumToString(let symbols):
            let i = try r.int()
            guard i >= 0, Int(i) < symbols.count else { throw AvroDecodeError.invalid("Illegal enum index \(i)") }
            return .string(symbols[Int(i)])
        case .intToString: return .string(String(try r.int()))
        case .longToString: return .string(String(try r.long()))
        case .floatToString: return .string(JavaText.double(Double(try r.float())))
        case .doubleToString: return .string(JavaText.double(try r.double()))
        case .booleanToString: return .string(try r.boolean() ? "true" : "false")
        case .bytes: return .bytes(try r.bytes())
        case .fixedToBytes(let n): return .bytes(Array(try r.raw(n)))
        case .decimal(let ws, let ts):
            return .decimal(decimal(try r.lengthPrefixed(), writerScale: ws, targetScale: ts))
        case .fixedDecimal(let n, let ws, let ts):
            return .decimal(decimal(try r.raw(n), writerScale: ws, targetScale: ts))
        case .array(let item):
            var out: [Value] = []
            while true {
                let n = try r.blockCount()
                if n == 0 { break }
                out.reserveCapacity(out.count + n)
                for _ in 0..<n { out.append(try read(item, &r)) }
            }
            return .array(out)
        case .map(let valuePlan):
            var m = MapValue()
            while true {
                let n = try r.blockCount()
                if n == 0 { break }
                for _ in 0..<n {
                    let k = try r.string()
                    m.set(.string(k), try read(valuePlan, &r))
                }
            }
            return .map(m)
        case .mapEntries(let keyPlan, let valuePlan, let keyFirst):
            var m = MapValue()
            while true {
                let n = try r.blockCount()
                if n == 0 { break }
                for _ in 0..<n {
                    let k: Value, v: Value
                    if keyFirst {
                        k = try read(keyPlan, &r); v = try read(valuePlan, &r)
                    } else {
                        v = try read(valuePlan, &r); k = try read(keyPlan, &r)
                    }
                    m.set(k, v)
                }
            }
            return .map(m)
        case .record(let steps, let names):
            var values = [Value](repeating: .null, count: names.count)
            for step in steps {
                let v = try read(step.plan, &r)
                if let slot = step.slot { values[slot] = v }
            }
            return .struct(StructValue(names: names, values: values))
        case .union(let branches):
            let i = try r.long()
            guard i >= 0, i < Int64(branches.count) else { throw AvroDecodeError.invalid("Illegal union index \(i)") }
            return try read(branches[Int(i)], &r)
        case .unionStruct(let branches, let names):
            let i = try r.long()
            guard i >= 0, i < Int64(branches.count) else { throw AvroDecodeError.invalid("Illegal union index \(i)") }
            let branch = branches[Int(i)]
            let v = try read(branch.plan, &r)
            if case .null = branch.plan { return .null }
            var values = [Value](repeating: .null, count: names.count)
            if let slot = branch.slot { values[slot] = v }
            return .struct(StructValue(names: names, values: values))
        case .skip(let schema):
            try skip(schema, &r)
            return .null
        }
    }

    /// A two's-complement big-endian unscaled value, rescaled to the target's scale.
    static func decimal(_ bytes: UnsafeRawBufferPointer, writerScale: Int, targetScale: Int) -> SQLDecimal {
        var magnitude = BigUInt(0)
        let negative = (bytes.first ?? 0) & 0x80 != 0
        for b in bytes { magnitude = magnitude << 8 | BigUInt(negative ? ~b : b) }
        var unscaled = BigInt(magnitude)
        if negative { unscaled = -(unscaled + 1) }
        let d = SQLDecimal(unscaled: unscaled, scale: writerScale)
        return writerScale == targetScale ? d : d.rescaled(to: targetScale)
    }

    static func skip(_ schema: AvroSchema, _ r: inout AvroBinaryReader) throws {
        switch schema {
        case .null: break
        case .boolean: _ = try r.byte()
        case .int, .long, .enumeration: _ = try r.long()
        case .float: _ = try r.raw(4)
        case .double: _ = try r.raw(8)
        case .bytes, .string: _ = try r.lengthPrefixed()
        case .fixed(let f): _ = try r.raw(f.size)
        case .array(let items):
            while true {
                let n = try r.blockCount()
                if n == 0 { break }
                for _ in 0..<n { try skip(items, &r) }
            }
        case .map(let values):
            while true {
                let n = try r.blockCount()
                if n == 0 { break }
                for _ in 0..<n { _ = try r.lengthPrefixed(); try skip(values, &r) }
            }
        case .record(let rec): for f in rec.fields { try skip(f.schema, &r) }
        case .union(let branches):
            let i = try r.long()
            guard i >= 0, i < Int64(branches.count) else { throw AvroDecodeError.invalid("Illegal union index \(i)") }
            try skip(branches[Int(i)], &r)
        case .reference(let n): throw AvroDecodeError.invalid("Cannot skip recursive type \(n)")
        }
    }
}

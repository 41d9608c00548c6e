import EddyCore

/// The row's record write plan flattened for the per-record loop, the writing twin of
/// `AvroRowProgram`: fields whose plan is a primitive, or a `[null, primitive]` union, are
/// written by a switch over a trivial opcode when the value has the expected case; anything else
/// (nested types, coercions such as INT into `long`, constants, defaults, errors) goes through
/// the general `AvroEncoder.write`, so results and errors are the same.
struct AvroRowWriteProgram: Sendable {
    enum Op: UInt8, Sendable {
        case boolean, int, long, double, string, general
    }

    struct Step: Sendable {
        var slot: Int
        var op: Op
        /// Branch indexes of a nullable union (-1 when the field is not one).
        var nullIndex: Int64
        var valueIndex: Int64
        var field: AvroFieldWrite
    }

    let steps: [Step]

    init(_ fields: [AvroFieldWrite]) {
        steps = fields.map { field in
            guard case .slot(let slot, let plan) = field else {
                return Step(slot: -1, op: .general, nullIndex: -1, valueIndex: -1, field: field)
            }
            if case .union(let nullIndex?, let valueIndex, let inner) = plan, let op = Self.primitive(inner) {
                return Step(slot: slot, op: op, nullIndex: Int64(nullIndex), valueIndex: Int64(valueIndex), field: field)
            }
            return Step(slot: slot, op: Self.primitive(plan) ?? .general, nullIndex: -1, valueIndex: -1, field: field)
        }
    }

    private static func primitive(_ plan: AvroWritePlan) -> Op? {
        switch plan {
        case .boolean: .boolean
        case .int: .int
        case .long: .long
        case .double: .double
        case .string: .string
        default: nil
        }
    }

    func write(_ values: ArraySlice<Value>, to out: inout [UInt8]) throws {
        let start = values.startIndex
        try steps.withUnsafeBufferPointer { steps in
            for i in steps.indices {
                let op = steps[i].op
                if op == .general {
                    try AvroEncoder.writeField(steps[i].field, values, to: &out)
                    continue
                }
                let value = values[start + steps[i].slot]
                let nullIndex = steps[i].nullIndex
                if nullIndex >= 0 {
                    if case .null = value {
                        AvroBinaryWriter.long(nullIndex, to: &out)
                        continue
                    }
                    AvroBinaryWriter.long(steps[i].valueIndex, to: &out)
                }
                switch (op, value) {
                case (.boolean, .bool(let b)): AvroBinaryWriter.boolean(b, to: &out)
                case (.int, .int(let v)): AvroBinaryWriter.int(v, to: &out)
                case (.long, .bigint(let v)): AvroBinaryWriter.long(v, to: &out)
                case (.double, .double(let v)): AvroBinaryWriter.double(v, to: &out)
                case (.string, .string(let s)): AvroBinaryWriter.string(s, to: &out)
                default:
                    // Another value case for this type (or a NULL in a required field): the
                    // general path coerces or throws, after the branch index already written.
                    guard case .slot(_, let plan) = steps[i].field else { continue }
                    if case .union(_, _, let inner) = plan, nullIndex >= 0 {
                        try AvroEncoder.write(inner, value, to: &out)
                    } else {
                        try AvroEncoder.write(plan, value, to: &out)
                    }
                }
            }
        }
    }
}

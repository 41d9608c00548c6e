import EddyCore

/// The top-level record of a row's read plan, flattened for the per-record loop: one step per
/// writer field, with the common shapes (a primitive, or ksqlDB's `[null, primitive]` union)
/// decoded by a switch over a trivial opcode. Walking the general `AvroReadPlan` copied each
/// field's indirect plan (a retain and release per field) and built a struct that was then
/// copied into the row; this writes each value into its slot directly.
///
/// Nested types, other unions and skipped fields keep the general plan (`.general`), so every
/// coercion and error stays in `AvroDecoder`.
struct AvroRowProgram: Sendable {
    enum Op: UInt8, Sendable {
        case boolean, intToInt, intToBigint, longToBigint, longToTimestamp, doubleToDouble, floatToDouble, string
        /// An unread STRING or BYTES column (pruned): its bytes are passed over.
        case skipLengthPrefixed
        case general
    }

    struct Step: Sendable {
        /// Target slot in the row, or -1 for a writer field with no column (still read).
        var slot: Int
        /// For `[null, X]` and `[X, null]` unions: the null branch's index; -1 when not a union.
        var nullBranch: Int64
        var op: Op
        /// The field's plan, read only by `.general` (for a union, the whole union).
        var plan: AvroReadPlan
    }

    let steps: [Step]
    let width: Int
    /// Every writer field fills the next slot: values are appended in order.
    let sequential: Bool

    /// Nil unless `plan` is a record.
    init?(_ plan: AvroReadPlan) {
        guard case .record(let fieldSteps, let names) = plan else { return nil }
        width = names.count
        var steps: [Step] = []
        for field in fieldSteps {
            steps.append(Self.step(slot: field.slot ?? -1, plan: field.plan))
        }
        self.steps = steps
        sequential = steps.count == width && steps.enumerated().allSatisfy { $0.offset == $0.element.slot }
    }

    private static func step(slot: Int, plan: AvroReadPlan) -> Step {
        if case .union(let branches) = plan, branches.count == 2 {
            let nullIndex = branches.firstIndex { if case .null = $0 { true } else { false } }
            if let nullIndex, let op = primitive(branches[1 - nullIndex]) {
                return Step(slot: slot, nullBranch: Int64(nullIndex), op: op, plan: plan)
            }
        }
        return Step(slot: slot, nullBranch: -1, op: primitive(plan) ?? .general, plan: plan)
    }

    private static func primitive(_ plan: AvroReadPlan) -> Op? {
        switch plan {
        case .boolean: .boolean
        case .intToInt: .intToInt
        case .intToBigint: .intToBigint
        case .longToBigint: .longToBigint
        case .longToTimestamp: .longToTimestamp
        case .doubleToDouble: .doubleToDouble
        case .floatToDouble: .floatToDouble
        case .string: .string
        case .skip(.string), .skip(.bytes): .skipLengthPrefixed
        default: nil
        }
    }

    /// Reads one record into `row` after its current values.
    func read(_ r: inout AvroBinaryReader, into row: inout [Value]) throws {
        try steps.withUnsafeBufferPointer { steps in
            if sequential {
                for i in steps.indices { row.append(try Self.read(steps, i, &r)) }
                return
            }
            let base = row.count
            for _ in 0..<width { row.append(.null) }
            try row.withUnsafeMutableBufferPointer { out in
                for i in steps.indices {
                    let v = try Self.read(steps, i, &r)
                    let slot = steps[i].slot
                    if slot >= 0 { out[base + slot] = v }
                }
            }
        }
    }

    @inline(__always)
    private static func read(_ steps: UnsafeBufferPointer<Step>, _ i: Int, _ r: inout AvroBinaryReader) throws -> Value {
        let op = steps[i].op
        if op == .general { return try AvroDecoder.read(steps[i].plan, &r) }
        let nullBranch = steps[i].nullBranch
        if nullBranch >= 0 {
            let branch = try r.long()
            guard branch == 0 || branch == 1 else { throw AvroDecodeError.invalid("Illegal union index \(branch)") }
            if branch == nullBranch { return .null }
        }
        switch op {
        case .boolean: return .bool(try r.boolean())
        case .intToInt: return .int(try r.int())
        case .intToBigint: return .bigint(Int64(try r.int()))
        case .longToBigint: return .bigint(try r.long())
        case .longToTimestamp: return .timestamp(try r.long())
        case .doubleToDouble: return .double(try r.double())
        case .floatToDouble: return .double(Double(try r.float()))
        case .string: return .string(try r.string())
        case .skipLengthPrefixed:
            _ = try r.lengthPrefixed()
            return .null
        case .general: return try AvroDecoder.read(steps[i].plan, &r)
        }
    }
}

import CAvro
import EddyCore

/// Runs an `AvroWritePlan` into a generic value for Avro C to write: the mirror of
/// `AvroEncoder`, with the same plan, null handling and messages.
///
/// The generic value is reused across records without a reset: scalars are overwritten, union
/// branches are chosen again, and arrays and maps are cleared before they are filled.
struct AvroCEncoder {
    /// Reads a writer field's encoded default into place (fields the SQL schema lacks).
    let constants: AvroCMemoryReader

    func write(_ plan: AvroWritePlan, _ value: Value, into v: UnsafeMutablePointer<avro_value_t>) throws {
        if case .union(let nullIndex, let valueIndex, let inner) = plan {
            var branch = avro_value_t()
            if case .null = value {
                guard let nullIndex else { throw AvroEncoder.NullInRequiredField() }
                try check(eddy_avro_value_set_branch(v, Int32(nullIndex), &branch))
                try check(eddy_avro_value_set_null(&branch))
            } else {
                try check(eddy_avro_value_set_branch(v, Int32(valueIndex), &branch))
                try write(inner, value, into: &branch)
            }
            return
        }
        switch (plan, value) {
        case (.null, _): try check(eddy_avro_value_set_null(v))
        case (_, .null): throw AvroEncoder.NullInRequiredField()
        case (.boolean, .bool(let b)): try check(eddy_avro_value_set_boolean(v, b ? 1 : 0))
        case (.int, .int(let i)), (.int, .date(let i)), (.int, .time(let i)): try check(eddy_avro_value_set_int(v, i))
        case (.long, .bigint(let l)), (.long, .timestamp(let l)): try check(eddy_avro_value_set_long(v, l))
        case (.long, .int(let i)): try check(eddy_avro_value_set_long(v, Int64(i)))
        case (.float, .double(let d)): try check(eddy_avro_value_set_float(v, Float(d)))
        case (.double, .double(let d)): try check(eddy_avro_value_set_double(v, d))
        case (.double, .int(let i)): try check(eddy_avro_value_set_double(v, Double(i)))
        case (.double, .bigint(let i)): try check(eddy_avro_value_set_double(v, Double(i)))
        case (.string, .string(let s)): try setString(s, v)
        case (.enumeration(let symbols), .string(let s)):
            guard let i = symbols.firstIndex(of: s) else {
                throw EddyErrorFactory.execution("Not an enum symbol: \(s)")
            }
            try check(eddy_avro_value_set_enum(v, Int32(i)))
        case (.bytes, .bytes(let b)): try setBytes(b, v, fixed: false)
        case (.fixed(let n), .bytes(let b)):
            guard b.count == n else { throw EddyErrorFactory.execution("Fixed size mismatch: expected \(n) bytes, got \(b.count)") }
            try setBytes(b, v, fixed: true)
        case (.decimalBytes(let scale), .decimal(let d)):
            try setBytes(AvroDecimalBytes.encode(d.rescaled(to: scale)), v, fixed: false)
        case (.decimalFixed(let size, let scale), .decimal(let d)):
            try setBytes(AvroDecimalBytes.encode(d.rescaled(to: scale), size: size), v, fixed: true)
        case (.array(let item), .array(let items)):
            try check(eddy_avro_value_reset(v))
            for element in items {
                var child = avro_value_t()
                try check(eddy_avro_value_append(v, &child))
                try write(item, element, into: &child)
            }
        case (.map(let valuePlan), .map(let m)):
            try check(eddy_avro_value_reset(v))
            for (k, element) in m.pairs {
                guard case .string(let key) = k else { throw EddyErrorFactory.execution("Avro map keys must be strings") }
                var child = avro_value_t()
                try key.withCString { try check(eddy_avro_value_add(v, $0, &child)) }
                try write(valuePlan, element, into: &child)
            }
        case (.mapEntries(let keyPlan, let valuePlan), .map(let m)):
            // MapEntry records hold the key first (AvroTypeInference.mapEntry).
            try check(eddy_avro_value_reset(v))
            for (k, element) in m.pairs {
                var entry = avro_value_t(), key = avro_value_t(), val = avro_value_t()
                try check(eddy_avro_value_append(v, &entry))
                try check(eddy_avro_value_get_by_index(&entry, 0, &key, nil))
                try check(eddy_avro_value_get_by_index(&entry, 1, &val, nil))
                try write(keyPlan, k, into: &key)
                try write(valuePlan, element, into: &val)
            }
        case (.record(let fields), .struct(let s)):
            try writeFields(fields, s.values[...], into: v)
        default:
            throw EddyErrorFactory.execution("Unexpected value for Avro type: \(value)")
        }
    }

    func writeFields(_ fields: [AvroFieldWrite], _ values: ArraySlice<Value>, into v: UnsafeMutablePointer<avro_value_t>) throws {
        for (index, f) in fields.enumerated() {
            var field = avro_value_t()
            try check(eddy_avro_value_get_by_index(v, index, &field, nil))
            switch f {
            case .slot(let i, let plan): try write(plan, values[values.startIndex + i], into: &field)
            case .constant(let bytes):
                try bytes.withUnsafeBytes { try constants.read($0, into: &field) }
            case .slotOrDefault(let i, let plan, let bytes):
                let value = values[values.startIndex + i]
                if value.isNull {
                    try bytes.withUnsafeBytes { try constants.read($0, into: &field) }
                } else {
                    try write(plan, value, into: &field)
                }
            }
        }
    }

    @inline(__always)
    private func check(_ rc: Int32) throws {
        // Setters fail only on a shape the plan did not expect; Avro C's last error text may be stale.
        if rc != 0 { throw EddyErrorFactory.execution("Cannot set Avro value (error \(rc))") }
    }

    /// Avro C copies `size` bytes, the last of which must be a NUL; `withCString` provides it
    /// without a copy for native strings.
    private func setString(_ s: String, _ v: UnsafeMutablePointer<avro_value_t>) throws {
        let count = s.utf8.count
        try s.withCString { try check(eddy_avro_value_set_string_len(v, $0, count + 1)) }
    }

    private func setBytes(_ b: [UInt8], _ v: UnsafeMutablePointer<avro_value_t>, fixed: Bool) throws {
        func set(_ p: UnsafeMutableRawPointer, _ n: Int) throws {
            try check(fixed ? eddy_avro_value_set_fixed(v, p, n) : eddy_avro_value_set_bytes(v, p, n))
        }
        if b.isEmpty {
            // Avro C copies from the pointer even for zero bytes, so give it a real one.
            var zero: UInt8 = 0
            try withUnsafeMutableBytes(of: &zero) { try set($0.baseAddress!, 0) }
            return
        }
        try b.withUnsafeBytes { try set(UnsafeMutableRawPointer(mutating: $0.baseAddress!), $0.count) }
    }
}

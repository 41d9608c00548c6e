import EddyCore

struct Abs: ScalarFunction {
    static let name = "Abs"
    static let category = FunctionCategory.mathematical
    static let description = "Returns the absolute value of its argument. If the argument is not negative, the argument is returned. If the argument is negative, the negation of the argument is returned."
    static var signatures: [Signature] {[
        .strict([.int], returns: .int) { a, _ in .int(a[0].int32Value!.magnitude > Int32.max.magnitude ? Int32.min : abs(a[0].int32Value!)) },
        .strict([.bigint], returns: .bigint) { a, _ in let v = a[0].int64Value!; return .bigint(v == .min ? v : abs(v)) },
        .strict([.double], returns: .double) { a, _ in .double(abs(a[0].doubleValue!)) },
        Signature([.decimal], returns: .decimal, returnType: { $0[0] }) { _, _ in { args in
            guard var d = args[0].decimalValue else { return .null }
            if d.unscaled.signum() < 0 { d.unscaled = -d.unscaled }
            return .decimal(d)
        } },
    ]}
}

struct Sign: ScalarFunction {
    static let name = "Sign"
    static let category = FunctionCategory.mathematical
    static let description = "The sign of a numeric value as an INTEGER: -1 if the argument is negative, 0 if it is zero, 1 if positive."
    static var signatures: [Signature] {[
        .strict([.int], returns: .int) { a, _ in .int(a[0].int32Value!.signum()) },
        .strict([.bigint], returns: .int) { a, _ in .int(Int32(a[0].int64Value!.signum())) },
        .strict([.double], returns: .int) { a, _ in let d = a[0].doubleValue!; return .int(d > 0 ? 1 : d < 0 ? -1 : 0) },
        .strict([.decimal], returns: .int) { a, _ in .int(Int32(a[0].decimalValue!.unscaled.signum())) },
    ]}
}

import EddyCore

/// LPAD/RPAD: pad (or truncate) to `length`; a negative length or empty padding gives NULL.
enum Padding {
    static func pad<T>(_ input: [T], _ length: Int, _ padding: [T], left: Bool) -> [T]? {
        guard length >= 0, !padding.isEmpty else { return nil }
        if input.count >= length { return Array(input.prefix(length)) }
        var fill: [T] = []
        fill.reserveCapacity(length - input.count)
        while fill.count < length - input.count { fill.append(padding[fill.count % padding.count]) }
        return left ? fill + input : input + fill
    }

    static func signatures(left: Bool) -> [Signature] {[
        .strict([.string, .int, .string], names: ["input", "length", "padding"], returns: .string) { a, _ in
            Padding.pad(JavaString.units(a[0].stringValue!), Int(a[1].int32Value!), JavaString.units(a[2].stringValue!), left: left)
                .map { .string(JavaString.string($0)) } ?? .null
        },
        .strict([.bytes, .int, .bytes], names: ["input", "length", "padding"], returns: .bytes) { a, _ in
            Padding.pad(a[0].bytesValue!, Int(a[1].int32Value!), a[2].bytesValue!, left: left).map(Value.bytes) ?? .null
        },
    ]}
}

struct LPad: ScalarFunction {
    static let name = "lpad", category = FunctionCategory.string
    static let description = "Pads the input string or bytes, beginning from the left, with the specified padding, until the target length is reached. If the input is longer than the target length, it is truncated."
    static var signatures: [Signature] { Padding.signatures(left: true) }
}

struct RPad: ScalarFunction {
    static let name = "rpad", category = FunctionCategory.string
    static let description = "Pads the input string or bytes, starting from the end, with the specified padding, until the target length is reached. If the input is longer than the target length, it is truncated."
    static var signatures: [Signature] { Padding.signatures(left: false) }
}

import EddyCore

/// CHR takes a decimal code point or a `\uXXXX` escape (a surrogate pair written as two escapes).
struct Chr: ScalarFunction {
    static let name = "chr", category = FunctionCategory.string
    static let description = "Returns a single-character string representing the Unicode code-point described by the input. The input parameter can be either a decimal integer or a character sequence in the form `\\uXXXX`."
    static var signatures: [Signature] {[
        .strict([.int], names: ["decimalCode"], returns: .string) { a, _ in
            guard let scalar = Unicode.Scalar(UInt32(bitPattern: a[0].int32Value!)) else { return .null }
            return .string(String(Character(scalar)))
        },
        .strict([.string], names: ["utfCode"], returns: .string) { a, _ in
            let s = a[0].stringValue!
            var units: [UInt16] = []
            var rest = Substring(s)
            while !rest.isEmpty {
                guard rest.hasPrefix("\\u"), rest.count >= 6, let v = UInt16(rest.dropFirst(2).prefix(4), radix: 16) else { return .null }
                units.append(v)
                rest = rest.dropFirst(6)
            }
            guard !units.isEmpty, units.count <= 2 else { return .null }
            return .string(JavaString.string(units))
        },
    ]}
}

struct UUIDFunction: ScalarFunction {
    static let name = "uuid", category = FunctionCategory.string
    static let description = "Create a Universally Unique Identifier (UUID) generated according to RFC 4122. A call to UUID() returns a value conforming to UUID version 4, sometimes called \"random UUID\", as described in RFC 4122. The value is a 128-bit number represented as a string of five hexadecimal numbers aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee."
    static var signatures: [Signature] {[
        Signature([], returns: .string) { _ in .string(randomUUID()) },
        .strict([.bytes], names: ["bytes"], returns: .string) { a, _ in
            let b = a[0].bytesValue!
            guard b.count == 16 else { return .null }
            return .string(format(b))
        },
    ]}

    static func randomUUID() -> String {
        var b = (0..<16).map { _ in UInt8.random(in: 0...255) }
        b[6] = (b[6] & 0x0F) | 0x40
        b[8] = (b[8] & 0x3F) | 0x80
        return format(b)
    }

    static func format(_ b: [UInt8]) -> String {
        let hex = b.map { Hex.byte($0) }
        return hex[0..<4].joined() + "-" + hex[4..<6].joined() + "-" + hex[6..<8].joined() + "-"
            + hex[8..<10].joined() + "-" + hex[10..<16].joined()
    }
}

import EddyCore

struct Encode: ScalarFunction {
    static let name = "encode", category = FunctionCategory.string
    static let description = "Takes an input string s, which is encoded as input_encoding, and encodes it as output_encoding. The accepted input and output encodings are: hex, utf8, ascii and base64."
    static var signatures: [Signature] {[
        .strict([.string, .string, .string], names: ["str", "inputEncoding", "outputEncoding"], returns: .string) { a, ctx in
            guard let from = Charset(name: a[1].stringValue!), let to = Charset(name: a[2].stringValue!) else {
                ctx.logError("Supported input and output encodings are: hex, utf8, ascii and base64")
                return .null
            }
            let text = a[0].stringValue!
            guard let bytes = from == .hex ? Hex.decodeForEncode(text) : from.decode(text) else {
                ctx.logError("Invalid \(from.rawValue) input: \(text)")
                return .null
            }
            return .string(to.encode(bytes))
        },
    ]}
}

struct ToBytes: ScalarFunction {
    static let name = "to_bytes", category = FunctionCategory.conversions
    static let description = "Converts a STRING value in the specified encoding to BYTES. The accepted encoders are 'hex', 'utf8', 'ascii' and 'base64'."
    static var signatures: [Signature] {[
        .strict([.string, .string], names: ["string", "encoding"], returns: .bytes) { a, ctx in
            guard let cs = Charset(name: a[1].stringValue!) else {
                ctx.logError("Supported encoding types are: hex, utf8, ascii and base64")
                return .null
            }
            return cs.decode(a[0].stringValue!).map(Value.bytes) ?? .null
        },
    ]}
}

struct FromBytes: ScalarFunction {
    static let name = "from_bytes", category = FunctionCategory.conversions
    static let description = "Converts a BYTES value to STRING in the specified encoding. The accepted encoders are 'hex', 'utf8', 'ascii' and 'base64'."
    static var signatures: [Signature] {[
        .strict([.bytes, .string], names: ["bytes", "encoding"], returns: .string) { a, ctx in
            guard let cs = Charset(name: a[1].stringValue!) else {
                ctx.logError("Supported encoding types are: hex, utf8, ascii and base64")
                return .null
            }
            // ksqlDB prints BYTES as hex with DatatypeConverter, in upper case (ENCODE uses lower case).
            let text = cs.encode(a[0].bytesValue!)
            return .string(cs == .hex ? text.uppercased() : text)
        },
    ]}
}

/// INT_FROM_BYTES, BIGINT_FROM_BYTES and DOUBLE_FROM_BYTES read big-endian unless told otherwise;
/// a buffer of the wrong size is an error (NULL plus a processing-log entry).
enum NumberFromBytes {
    static func signatures(size: Int, returns: ParamType, _ make: @escaping @Sendable (UInt64) -> Value) -> [Signature] {
        @Sendable func read(_ a: [Value], _ ctx: FunctionContext, littleEndian: Bool) -> Value {
            let b = a[0].bytesValue!
            guard b.count == size else {
                ctx.logError("Number of bytes must be equal to \(size), but found \(b.count)")
                return .null
            }
            var v: UInt64 = 0
            for byte in (littleEndian ? b.reversed() : b) { v = v << 8 | UInt64(byte) }
            return make(v)
        }
        return [
            .strict([.bytes], names: ["value"], returns: returns) { a, c in read(a, c, littleEndian: false) },
            .strict([.bytes, .string], names: ["value", "byteOrder"], returns: returns) { a, c in
                switch a[1].stringValue!.uppercased() {
                case "BIG_ENDIAN": return read(a, c, littleEndian: false)
                case "LITTLE_ENDIAN": return read(a, c, littleEndian: true)
                default:
                    c.logError("Byte order must be BIG_ENDIAN or LITTLE_ENDIAN")
                    return .null
                }
            },
        ]
    }
}

struct IntFromBytes: ScalarFunction {
    static let name = "int_from_bytes", category = FunctionCategory.conversions
    static let description = "Converts a BYTES value to an INT value according to the specified byte order. BYTES must be 4 bytes long or a NULL value will be returned."
    static var signatures: [Signature] { NumberFromBytes.signatures(size: 4, returns: .int) { .int(Int32(truncatingIfNeeded: $0)) } }
}

struct BigIntFromBytes: ScalarFunction {
    static let name = "bigint_from_bytes", category = FunctionCategory.conversions
    static let description = "Converts a BYTES value to an BIGINT value according to the specified byte order. BYTES must be 8 bytes long or a NULL value will be returned."
    static var signatures: [Signature] { NumberFromBytes.signatures(size: 8, returns: .bigint) { .bigint(Int64(bitPattern: $0)) } }
}

struct DoubleFromBytes: ScalarFunction {
    static let name = "double_from_bytes", category = FunctionCategory.conversions
    static let description = "Converts a BYTES value to a DOUBLE value according to the specified byte order. BYTES must be 8 bytes long or a NULL value will be returned."
    static var signatures: [Signature] { NumberFromBytes.signatures(size: 8, returns: .double) { .double(Double(bitPattern: $0)) } }
}

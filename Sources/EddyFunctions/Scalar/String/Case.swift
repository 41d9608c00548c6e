import EddyCore

struct LCase: ScalarFunction {
    static let name = "lcase", category = FunctionCategory.string
    static let description = "Converts a string to lower case."
    static var signatures: [Signature] { [.strict([.string], names: ["input"], returns: .string) { a, _ in .string(a[0].stringValue!.lowercased()) }] }
}

struct UCase: ScalarFunction {
    static let name = "ucase", category = FunctionCategory.string
    static let description = "Converts a string to upper case."
    static var signatures: [Signature] { [.strict([.string], names: ["input"], returns: .string) { a, _ in .string(a[0].stringValue!.uppercased()) }] }
}

struct Trim: ScalarFunction {
    static let name = "trim", category = FunctionCategory.string
    static let description = "Removes the leading and trailing whitespace from a string."
    static var signatures: [Signature] { [.strict([.string], names: ["input"], returns: .string) { a, _ in .string(JavaString.trim(a[0].stringValue!)) }] }
}

/// INITCAP capitalizes the first letter of each space-separated word and lower-cases the rest.
struct InitCap: ScalarFunction {
    static let name = "initcap", category = FunctionCategory.string
    static let description = "Capitalizes the first letter in each word and converts all other letters to lowercase. Words are delimited by whitespace."
    static var signatures: [Signature] {[
        .strict([.string], names: ["input"], returns: .string) { a, _ in
            var out = ""
            var atWordStart = true
            for ch in a[0].stringValue! {
                if ch.isWhitespace {
                    out.append(ch)
                    atWordStart = true
                } else {
                    out += atWordStart ? ch.uppercased() : ch.lowercased()
                    atWordStart = false
                }
            }
            return .string(out)
        },
    ]}
}

struct Len: ScalarFunction {
    static let name = "len", category = FunctionCategory.string
    static let description = "Returns the length of a STRING (in UTF-16 code units, as Java does) or the number of bytes in a BYTES value."
    static var signatures: [Signature] {[
        .strict([.string], names: ["input"], returns: .int) { a, _ in .int(Int32(JavaString.length(a[0].stringValue!))) },
        .strict([.bytes], names: ["input"], returns: .int) { a, _ in .int(Int32(a[0].bytesValue!.count)) },
    ]}
}

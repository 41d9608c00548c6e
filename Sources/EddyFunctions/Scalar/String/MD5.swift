import EddyCore

struct MD5: ScalarFunction {
    static let name = "md5", category = FunctionCategory.string
    static let description = "Computes the hex-encoded md5 hash of the given string."
    static var signatures: [Signature] {[
        .strict([.string], names: ["s"], returns: .string, description: "Returns the hex-encoded md5 hash of the input string.") { a, _ in
            .string(MD5Digest.hex(a[0].stringValue!))
        },
    ]}
}

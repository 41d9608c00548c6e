import EddyCore

/// CONCAT skips NULL arguments; CONCAT_WS skips NULL values but a NULL separator gives NULL.
struct Concat: ScalarFunction {
    static let name = "concat", category = FunctionCategory.string
    static let description = "Concatenate an arbitrary number of string or bytes fields together. NULL inputs are skipped."
    static var signatures: [Signature] {[
        Signature([.string], variadic: true, returns: .string) { args in
            var out = ""
            for v in args.values { if case .string(let s) = v { out += s } }
            return .string(out)
        },
        Signature([.bytes], variadic: true, returns: .bytes) { args in
            var out: [UInt8] = []
            for v in args.values { if case .bytes(let b) = v { out += b } }
            return .bytes(out)
        },
    ]}
}

struct ConcatWS: ScalarFunction {
    static let name = "concat_ws", category = FunctionCategory.string
    static let description = "Concatenates two or more string or bytes expressions, inserting a separator between them. NULL values are skipped; a NULL separator gives NULL."
    static var signatures: [Signature] {[
        Signature([.string, .string], names: ["separator", "args"], variadic: true, returns: .string) { args in
            guard case .string(let sep) = args[0] else { return .null }
            return .string(args.values.dropFirst().compactMap(\.stringValue).joined(separator: sep))
        },
        Signature([.bytes, .bytes], names: ["separator", "args"], variadic: true, returns: .bytes) { args in
            guard case .bytes(let sep) = args[0] else { return .null }
            var out: [UInt8] = []
            var first = true
            for case .bytes(let b) in args.values.dropFirst() {
                if !first { out += sep }
                out += b
                first = false
            }
            return .bytes(out)
        },
    ]}
}

struct Elt: ScalarFunction {
    static let name = "elt", category = FunctionCategory.string
    static let description = "ELT() returns the Nth element of the list of strings. Returns NULL if N is less than 1 or greater than the number of arguments."
    static var signatures: [Signature] {[
        Signature([.int, .string], names: ["n", "args"], variadic: true, returns: .string) { args in
            guard let n = args[0].int32Value, n >= 1, Int(n) < args.count else { return .null }
            return args[Int(n)]
        },
    ]}
}

struct Field: ScalarFunction {
    static let name = "field", category = FunctionCategory.string
    static let description = "Returns the 1-indexed position of str in args, or 0 if not found. If str is NULL, the return value is 0."
    static var signatures: [Signature] {[
        Signature([.string, .string], names: ["str", "args"], variadic: true, returns: .int) { args in
            guard case .string(let s) = args[0] else { return .int(0) }
            for i in 1..<args.count where args[i] == .string(s) { return .int(Int32(i)) }
            return .int(0)
        },
    ]}
}

struct Replace: ScalarFunction {
    static let name = "replace", category = FunctionCategory.string
    static let description = "Replaces all occurrences of a substring in a string with a new substring."
    static var signatures: [Signature] {[
        .strict([.string, .string, .string], names: ["str", "substring", "replacement"], returns: .string) { a, _ in
            let s = a[0].stringValue!, old = a[1].stringValue!, new = a[2].stringValue!
            if old.isEmpty {
                // Java inserts the replacement between every character and at both ends.
                var out = new
                for u in s { out.append(u); out += new }
                return .string(out)
            }
            return .string(s.replacingAll(old, with: new))
        },
    ]}
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        let hay = JavaString.units(self), needle = JavaString.units(target)
        var out: [UInt16] = []
        out.reserveCapacity(hay.count)
        let rep = JavaString.units(replacement)
        var i = 0
        while i < hay.count {
            let j = JavaString.indexOf(hay, needle, from: i)
            if j < 0 { out += hay[i...]; break }
            out += hay[i..<j]
            out += rep
            i = j + needle.count
        }
        return JavaString.string(out)
    }
}

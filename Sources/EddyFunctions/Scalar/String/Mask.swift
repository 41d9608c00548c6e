import EddyCore

/// The MASK family: upper-case letters become 'X', lower-case 'x', digits 'n', anything else '-',
/// unless replacement characters are given (a NULL replacement keeps that class unmasked).
enum Masking {
    struct Chars: Sendable { var upper: Character?, lower: Character?, digit: Character?, other: Character? }

    static func chars(_ values: ArraySlice<Value>) -> Chars {
        func pick(_ i: Int, _ d: Character) -> Character? {
            let idx = values.startIndex + i
            guard idx < values.endIndex else { return d }
            guard case .string(let s) = values[idx] else { return nil }
            return s.first
        }
        return Chars(upper: pick(0, "X"), lower: pick(1, "x"), digit: pick(2, "n"), other: pick(3, "-"))
    }

    static func mask(_ c: Character, _ m: Chars) -> Character {
        if c.isUppercase { return m.upper ?? c }
        if c.isLowercase { return m.lower ?? c }
        if c.isNumber, c.isASCII { return m.digit ?? c }
        return m.other ?? c
    }

    /// Masks characters whose index satisfies `inRange`.
    static func signatures(extra: [ParamType], extraNames: [String],
                           range: @escaping @Sendable (_ count: Int, _ n: Int) -> Range<Int>) -> [Signature] {
        (0...4).map { replacements in
            let params: [ParamType] = [.string] + extra + Array(repeating: .string, count: replacements)
            let names = ["input"] + extraNames + ["upper", "lower", "digit", "other"].prefix(replacements)
            return Signature(params, names: Array(names), returns: .string) { args in
                guard case .string(let s) = args[0] else { return .null }
                var n = 0
                if !extra.isEmpty {
                    guard let v = args[1].int32Value else { return .null }
                    n = Int(v)
                }
                let m = chars(args.values[(1 + extra.count)...])
                let chars = Array(s)
                let r = range(chars.count, n)
                var out = ""
                for (i, c) in chars.enumerated() { out.append(r.contains(i) ? mask(c, m) : c) }
                return .string(out)
            }
        }
    }
}

struct Mask: ScalarFunction {
    static let name = "mask", category = FunctionCategory.string
    static let description = "Returns a masked version of the input string. All characters of the input will be replaced according to the default masking rules."
    static var signatures: [Signature] { Masking.signatures(extra: [], extraNames: []) { c, _ in 0..<c } }
}

struct MaskKeepLeft: ScalarFunction {
    static let name = "mask_keep_left", category = FunctionCategory.string
    static let description = "Returns a masked version of the input string. All characters except for the first n will be replaced according to the default masking rules."
    static var signatures: [Signature] { Masking.signatures(extra: [.int], extraNames: ["numChars"]) { c, n in min(max(n, 0), c)..<c } }
}

struct MaskKeepRight: ScalarFunction {
    static let name = "mask_keep_right", category = FunctionCategory.string
    static let description = "Returns a masked version of the input string. All characters except for the last n will be replaced according to the default masking rules."
    static var signatures: [Signature] { Masking.signatures(extra: [.int], extraNames: ["numChars"]) { c, n in 0..<max(0, c - max(n, 0)) } }
}

struct MaskLeft: ScalarFunction {
    static let name = "mask_left", category = FunctionCategory.string
    static let description = "Returns a masked version of the input string. The first n characters will be replaced according to the default masking rules."
    static var signatures: [Signature] { Masking.signatures(extra: [.int], extraNames: ["numChars"]) { c, n in 0..<min(max(n, 0), c) } }
}

struct MaskRight: ScalarFunction {
    static let name = "mask_right", category = FunctionCategory.string
    static let description = "Returns a masked version of the input string. The last n characters will be replaced according to the default masking rules."
    static var signatures: [Signature] { Masking.signatures(extra: [.int], extraNames: ["numChars"]) { c, n in max(0, c - max(n, 0))..<c } }
}

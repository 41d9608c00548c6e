import EddyCore
import Foundation

/// Regex functions. An invalid pattern is reported to the processing log and gives NULL.
enum RegexSupport {
    static func compile(_ pattern: String, _ function: String, _ context: FunctionContext) -> NSRegularExpression? {
        do { return try RegexCache.shared.regex(pattern) } catch {
            context.logError("Invalid regular expression pattern in \(function): \(pattern)")
            return nil
        }
    }
}

struct RegexpExtract: ScalarFunction {
    static let name = "regexp_extract", category = FunctionCategory.regex
    static let description = "Extract the first subtring matched by a regex pattern, or the given capturing group of that match."
    static func extract(_ a: [Value], _ ctx: FunctionContext, group: Int) -> Value {
        guard let re = RegexSupport.compile(a[0].stringValue!, "regexp_extract", ctx) else { return .null }
        let s = a[1].stringValue!
        guard let m = re.firstMatch(in: s, range: NSRange(location: 0, length: s.utf16.count)),
              group >= 0, group < m.numberOfRanges else { return .null }
        return s.substring(utf16: m.range(at: group)).map(Value.string) ?? .null
    }
    static var signatures: [Signature] {[
        .strict([.string, .string], names: ["pattern", "string"], returns: .string) { a, c in extract(a, c, group: 0) },
        .strict([.string, .string, .int], names: ["pattern", "string", "group"], returns: .string) { a, c in
            extract(a, c, group: Int(a[2].int32Value!))
        },
    ]}
}

struct RegexpExtractAll: ScalarFunction {
    static let name = "regexp_extract_all", category = FunctionCategory.regex
    static let description = "Extract all subtrings matched by a regex pattern, or the given capturing group of each match."
    static func extract(_ a: [Value], _ ctx: FunctionContext, group: Int) -> Value {
        guard let re = RegexSupport.compile(a[0].stringValue!, "regexp_extract_all", ctx) else { return .null }
        let s = a[1].stringValue!
        var out: [Value] = []
        for m in re.matches(in: s) {
            guard group >= 0, group < m.numberOfRanges else { return .null }
            out.append(s.substring(utf16: m.range(at: group)).map(Value.string) ?? .null)
        }
        return .array(out)
    }
    static var signatures: [Signature] {[
        .strict([.string, .string], names: ["pattern", "string"], returns: .array(.string)) { a, c in extract(a, c, group: 0) },
        .strict([.string, .string, .int], names: ["pattern", "string", "group"], returns: .array(.string)) { a, c in
            extract(a, c, group: Int(a[2].int32Value!))
        },
    ]}
}

struct RegexpReplace: ScalarFunction {
    static let name = "regexp_replace", category = FunctionCategory.regex
    static let description = "Replaces all matches of a regexp in a string with a new string."
    static var signatures: [Signature] {[
        .strict([.string, .string, .string], names: ["str", "regexp", "replacement"], returns: .string) { a, c in
            guard let re = RegexSupport.compile(a[1].stringValue!, "regexp_replace", c) else { return .null }
            let s = a[0].stringValue!
            return .string(re.stringByReplacingMatches(in: s, range: NSRange(location: 0, length: s.utf16.count),
                                                       withTemplate: a[2].stringValue!))
        },
    ]}
}

struct RegexpSplitToArray: ScalarFunction {
    static let name = "regexp_split_to_array", category = FunctionCategory.regex
    static let description = "Splits a string into an array of substrings based on a regexp. Empty leading and trailing parts are kept."
    static var signatures: [Signature] {[
        .strict([.string, .string], names: ["string", "regexp"], returns: .array(.string)) { a, c in
            guard let re = RegexSupport.compile(a[1].stringValue!, "regexp_split_to_array", c) else { return .null }
            let s = a[0].stringValue!
            let u = JavaString.units(s)
            var out: [Value] = []
            var last = 0
            for m in re.matches(in: s) where m.range.length > 0 || m.range.location > 0 {
                out.append(.string(JavaString.string(u[last..<m.range.location])))
                last = m.range.location + m.range.length
            }
            out.append(.string(JavaString.string(u[last...])))
            return .array(out)
        },
    ]}
}

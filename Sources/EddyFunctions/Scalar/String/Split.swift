import EddyCore

/// SPLIT keeps empty leading and trailing parts (Guava's Splitter); an empty delimiter splits into
/// single characters (code units for strings, bytes for bytes).
struct Split: ScalarFunction {
    static let name = "split", category = FunctionCategory.string
    static let description = "Splits a string or bytes into an array of substrings, based on a delimiter. If the delimiter is empty, the input is split into its characters."

    static func split<T: Equatable>(_ input: [T], _ delimiter: [T]) -> [[T]] {
        if input.isEmpty { return [[]] }
        if delimiter.isEmpty { return input.map { [$0] } }
        var parts: [[T]] = []
        var current: [T] = []
        var i = 0
        while i < input.count {
            if i + delimiter.count <= input.count, Array(input[i..<(i + delimiter.count)]) == delimiter {
                parts.append(current)
                current = []
                i += delimiter.count
            } else {
                current.append(input[i])
                i += 1
            }
        }
        parts.append(current)
        return parts
    }

    static var signatures: [Signature] {[
        .strict([.string, .string], names: ["string", "delimiter"], returns: .array(.string)) { a, _ in
            .array(split(JavaString.units(a[0].stringValue!), JavaString.units(a[1].stringValue!))
                .map { .string(JavaString.string($0)) })
        },
        .strict([.bytes, .bytes], names: ["bytes", "delimiter"], returns: .array(.bytes)) { a, _ in
            .array(split(a[0].bytesValue!, a[1].bytesValue!).map(Value.bytes))
        },
    ]}
}

struct SplitToMap: ScalarFunction {
    static let name = "split_to_map", category = FunctionCategory.string
    static let description = "Splits a string into key-value pairs and creates a map from them. The entryDelimiter splits the string into key-value pairs which are then split by kvDelimiter. If the same key is present multiple times in the input, the latest value for the key is returned. Returns NULL if the input text or either of the delimiters is NULL or empty."
    static var signatures: [Signature] {[
        .strict([.string, .string, .string], names: ["input", "entryDelimiter", "kvDelimiter"], returns: .map(.string, .string)) { a, _ in
            let input = a[0].stringValue!, entry = a[1].stringValue!, kv = a[2].stringValue!
            guard !entry.isEmpty, !kv.isEmpty, entry != kv else { return .null }
            var map = MapValue()
            for part in Split.split(JavaString.units(input), JavaString.units(entry)) where !part.isEmpty {
                // An entry with the delimiter more than once keeps its first two pieces, as
                // ksqlDB reads a key and a value off the split and ignores the rest.
                let pieces = Split.split(part, JavaString.units(kv))
                guard pieces.count >= 2 else { continue }
                map.set(.string(JavaString.string(pieces[0])), .string(JavaString.string(pieces[1])))
            }
            return .map(map)
        },
    ]}
}

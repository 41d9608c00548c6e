import EddyCore

struct ExtractJsonField: ScalarFunction {
    static let name = "EXTRACTJSONFIELD", category = FunctionCategory.json
    static let description = "Given a STRING that contains JSON data, extract the value at the specified JSONPath or NULL if the specified path does not exist."

    /// JSONPath subset ksqlDB supports: `$.a.b`, `$['a']`, `$.a[0]`.
    static func path(_ p: String) -> [String]? {
        var s = Substring(p)
        guard s.first == "$" else { return nil }
        s = s.dropFirst()
        var out: [String] = []
        while !s.isEmpty {
            if s.first == "." {
                s = s.dropFirst()
                let name = s.prefix { $0 != "." && $0 != "[" }
                out.append(String(name))
                s = s.dropFirst(name.count)
            } else if s.first == "[" {
                guard let end = s.firstIndex(of: "]") else { return nil }
                var inner = s[s.index(after: s.startIndex)..<end]
                if inner.first == "'" || inner.first == "\"" { inner = inner.dropFirst().dropLast() }
                out.append(String(inner))
                s = s[s.index(after: end)...]
            } else { return nil }
        }
        return out
    }

    static var signatures: [Signature] {[
        .strict([.string, .string], names: ["jsonWithPath", "path"], returns: .string) { a, c in
            guard let keys = path(a[1].stringValue!) else { c.logError("Invalid JsonPath: \(a[1].stringValue!)"); return .null }
            guard var node = JSONNode.parse(a[0].stringValue!) else { return .null }
            for k in keys {
                switch node {
                case .object(let o): guard let v = o.first(where: { $0.0 == k })?.1 else { return .null }; node = v
                case .array(let arr): guard let i = Int(k), i >= 0, i < arr.count else { return .null }; node = arr[i]
                default: return .null
                }
            }
            switch node {
            case .null: return .null
            case .string(let s): return .string(s)
            default: return .string(node.serialized)
            }
        },
    ]}
}

struct IsJsonString: ScalarFunction {
    static let name = "IS_JSON_STRING", category = FunctionCategory.json
    static let description = "Given a string, returns true if it can be parsed as a valid JSON value, false otherwise."
    static var signatures: [Signature] {[
        Signature([.string], names: ["input"], returns: .boolean) { args in
            guard case .string(let s) = args[0] else { return .bool(false) }
            return .bool(JSONNode.parse(s) != nil)
        },
    ]}
}

struct JsonArrayLength: ScalarFunction {
    static let name = "JSON_ARRAY_LENGTH", category = FunctionCategory.json
    static let description = "Given a string with JSON array, returns the array length. Returns NULL if the input is not a JSON array."
    static var signatures: [Signature] {[
        .strict([.string], names: ["input"], returns: .int) { a, _ in
            guard case .array(let arr)? = JSONNode.parse(a[0].stringValue!) else { return .null }
            return .int(Int32(arr.count))
        },
    ]}
}

struct JsonKeys: ScalarFunction {
    static let name = "JSON_KEYS", category = FunctionCategory.json
    static let description = "Given a string with JSON object, returns an array of the object's keys. Returns NULL if the input is not a JSON object."
    static var signatures: [Signature] {[
        .strict([.string], names: ["input"], returns: .array(.string)) { a, _ in
            guard case .object(let o)? = JSONNode.parse(a[0].stringValue!) else { return .null }
            return .array(o.map { .string($0.0) })
        },
    ]}
}

struct JsonRecords: ScalarFunction {
    static let name = "JSON_RECORDS", category = FunctionCategory.json
    static let description = "Given a string with JSON object, returns a map of the object's keys to the JSON text of their values. Returns NULL if the input is not a JSON object."
    static var signatures: [Signature] {[
        .strict([.string], names: ["input"], returns: .map(.string, .string)) { a, _ in
            guard case .object(let o)? = JSONNode.parse(a[0].stringValue!) else { return .null }
            // Text values come back unquoted, everything else as its JSON text (Jackson's textValue/toString).
            return .map(MapValue(o.map { k, v in
                if case .string(let text) = v { return (.string(k), .string(text)) }
                return (.string(k), .string(v.serialized))
            }))
        },
    ]}
}

struct JsonItems: ScalarFunction {
    static let name = "JSON_ITEMS", category = FunctionCategory.json
    static let description = "Given a string with JSON array, returns an array of the JSON text of its items. Returns NULL if the input is not a JSON array."
    static var signatures: [Signature] {[
        .strict([.string], names: ["input"], returns: .array(.string)) { a, _ in
            guard case .array(let arr)? = JSONNode.parse(a[0].stringValue!) else { return .null }
            return .array(arr.map { .string($0.serialized) })
        },
    ]}
}

struct JsonArrayContains: ScalarFunction {
    static let name = "JSON_ARRAY_CONTAINS", category = FunctionCategory.json
    static let description = "Parses a JSON array and determines whether or not the supplied value is contained within the array."
    static func node(_ v: Value) -> JSONNode? {
        switch v {
        case .null: .null
        case .bool(let b): .bool(b)
        case .int, .bigint, .double, .decimal: .number(ValueText.render(v))
        case .string(let s): .string(s)
        default: nil
        }
    }
    static var signatures: [Signature] {
        [ParamType.boolean, .int, .bigint, .double, .string].map { p in
            Signature([.string, p], names: ["jsonArray", "val"], returns: .boolean) { args in
                guard case .string(let s) = args[0], case .array(let arr)? = JSONNode.parse(s),
                      let target = node(args[1]) else { return .bool(false) }
                return .bool(arr.contains { item in
                    if case .number(let n) = item, case .number(let t) = target {
                        // Integral parameters only match integral JSON numbers, as ksqlDB does.
                        if p == .double { return Double(n) == Double(t) }
                        return !n.contains(".") && !n.lowercased().contains("e") && Int64(n) == Int64(t)
                    }
                    return item == target
                })
            }
        }
    }
}

struct JsonConcat: ScalarFunction {
    static let name = "JSON_CONCAT", category = FunctionCategory.json
    static let description = "Given N strings, parse them as JSON values and return a string representing their concatenation: objects are merged (later keys win), arrays and values are combined into one array. Returns NULL if any input is not valid JSON."
    static var signatures: [Signature] {[
        Signature([.string], variadic: true, returns: .string) { args in
            var nodes: [JSONNode] = []
            for v in args.values {
                guard case .string(let s) = v, let n = JSONNode.parse(s) else { return .null }
                nodes.append(n)
            }
            guard let first = nodes.first else { return .null }
            if nodes.allSatisfy({ if case .object = $0 { return true } else { return false } }) {
                var merged: [(String, JSONNode)] = []
                for case .object(let o) in nodes {
                    for (k, v) in o {
                        if let i = merged.firstIndex(where: { $0.0 == k }) { merged[i].1 = v } else { merged.append((k, v)) }
                    }
                }
                return .string(JSONNode.object(merged).serialized)
            }
            _ = first
            var items: [JSONNode] = []
            for n in nodes { if case .array(let a) = n { items += a } else { items.append(n) } }
            return .string(JSONNode.array(items).serialized)
        },
    ]}
}

struct ToJsonString: ScalarFunction {
    static let name = "TO_JSON_STRING", category = FunctionCategory.json
    static let description = "Given any ksqlDB type returns the equivalent JSON string."
    static func json(_ v: Value) -> String {
        switch v {
        case .null: "null"
        case .bool(let b): b ? "true" : "false"
        case .int(let i): String(i)
        case .bigint(let i): String(i)
        case .double(let d): ValueText.javaDouble(d)
        case .decimal(let d): d.description
        case .string(let s): JSONNode.quote(s)
        case .bytes(let b): JSONNode.quote(Charset.base64.encode(b))
        case .time(let t): JSONNode.quote(localTimeSeconds(Int(t) / 1000))
        case .date, .timestamp: JSONNode.quote(ValueText.render(v))
        case .array(let a): "[" + a.map(json).joined(separator: ",") + "]"
        case .map(let m): "{" + m.pairs.map { JSONNode.quote(ValueText.render($0)) + ":" + json($1) }.joined(separator: ",") + "}"
        case .struct(let s): "{" + zip(s.names, s.values).map { JSONNode.quote($0) + ":" + json($1) }.joined(separator: ",") + "}"
        }
    }
    /// java.time.LocalTime.toString() of a whole second: `HH:mm`, with `:ss` only when non-zero.
    static func localTimeSeconds(_ seconds: Int) -> String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60
        return two(h) + ":" + two(m) + (s == 0 ? "" : ":" + two(s))
    }
    static var signatures: [Signature] {[
        Signature([.T], names: ["input"], returns: .string) { args in .string(json(args[0])) },
    ]}
}

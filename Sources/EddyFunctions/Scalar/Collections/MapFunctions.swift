import EddyCore

struct AsMap: ScalarFunction {
    static let name = "as_map", category = FunctionCategory.map
    static let description = "Construct a map from a list of keys and a list of values. Keys without a value map to NULL; extra values are ignored."
    static var signatures: [Signature] {[
        .strict([.array(.string), .array(.T)], names: ["keys", "values"], returns: .map(.string, .T)) { a, _ in
            let keys = a[0].arrayValue!, values = a[1].arrayValue!
            var m = MapValue()
            for (i, k) in keys.enumerated() { m.set(k, i < values.count ? values[i] : .null) }
            return .map(m)
        },
    ]}
}

struct MapKeys: ScalarFunction {
    static let name = "map_keys", category = FunctionCategory.map
    static let description = "Returns an array that contains all of the keys from the specified map. Returns NULL if the input map is NULL."
    static var signatures: [Signature] {[
        .strict([.map(.K, .V)], names: ["input"], returns: .array(.K)) { a, _ in .array(a[0].mapValue!.keys) },
    ]}
}

struct MapValues: ScalarFunction {
    static let name = "map_values", category = FunctionCategory.map
    static let description = "Returns an array that contains all of the values from the specified map. Returns NULL if the input map is NULL."
    static var signatures: [Signature] {[
        .strict([.map(.K, .V)], names: ["input"], returns: .array(.V)) { a, _ in .array(a[0].mapValue!.values) },
    ]}
}

struct MapUnion: ScalarFunction {
    static let name = "map_union", category = FunctionCategory.map
    static let description = "Returns a new map containing the union of all entries from both input maps. If a key is present in both input maps then the value from map2 is the one which appears in the result. Returns NULL if all of the input maps are NULL."
    static var signatures: [Signature] {[
        Signature([.map(.K, .V), .map(.K, .V)], names: ["map1", "map2"], returns: .map(.K, .V)) { args in
            switch (args[0], args[1]) {
            case (.map(var l), .map(let r)):
                for (k, v) in r.pairs { l.set(k, v) }
                return .map(l)
            case (.map, _): return args[0]
            case (_, .map): return args[1]
            default: return .null
            }
        },
    ]}
}

struct Entries: ScalarFunction {
    static let name = "entries", category = FunctionCategory.map
    static let description = "Constructs an array of structs from the entries in a map. Each struct has a field named K containing the key, which is a string, and a field named V, which holds the value. If sorted is true, the entries are sorted by key."
    static var signatures: [Signature] {[
        Signature([.map(.string, .T), .boolean], names: ["map", "sorted"], returns: .array(.anyStruct), returnType: { types in
            guard case .map(_, let v) = types[0] else { return .array(.struct([])) }
            return .array(.struct([.init("K", .string), .init("V", v)]))
        }) { _, _ in { args in
            guard case .map(let m) = args[0], case .bool(let sorted) = args[1] else { return .null }
            var pairs = Array(m.pairs)
            if sorted { pairs.sort { Value.javaCompare($0.0, $1.0) < 0 } }
            return .array(pairs.map { .struct(StructValue(names: ["K", "V"], values: [$0.0, $0.1])) })
        } },
    ]}
}

import EddyCore

struct ArrayContains: ScalarFunction {
    static let name = "array_contains", category = FunctionCategory.array
    static let description = "Returns true if the array is non-null and contains the supplied value."
    static var signatures: [Signature] {[
        Signature([.array(.T), .T], names: ["array", "val"], returns: .boolean) { args in
            guard case .array(let a) = args[0] else { return .bool(false) }
            return .bool(a.contains(args[1]))
        },
    ]}
}

struct ArrayDistinct: ScalarFunction {
    static let name = "array_distinct", category = FunctionCategory.array
    static let description = "Returns an array of all the distinct values, including NULL if present, from the input array. The output array elements are in order of their first occurrence in the input. Returns NULL if the input array is NULL."
    static var signatures: [Signature] {[
        .strict([.array(.T)], names: ["input"], returns: .array(.T)) { a, _ in .array(distinct(a[0].arrayValue!)) },
    ]}

    /// Java's LinkedHashSet: first occurrence wins; maps are equal whatever their entry order.
    static func distinct(_ values: [Value]) -> [Value] {
        var seen = Set<Value>()
        return values.filter { seen.insert(canonical($0)).inserted }
    }

    /// A form in which equal Java values are equal Swift values: map entries sorted by key.
    static func canonical(_ v: Value) -> Value {
        switch v {
        case .array(let a): return .array(a.map(canonical))
        case .map(let m):
            let pairs = m.pairs.map { (canonical($0), canonical($1)) }.sorted { Value.javaCompare($0.0, $1.0) < 0 }
            return .map(MapValue(pairs))
        case .struct(let s): return .struct(StructValue(names: s.names, values: s.values.map(canonical)))
        default: return v
        }
    }
}

struct ArrayExcept: ScalarFunction {
    static let name = "array_except", category = FunctionCategory.array
    static let description = "Returns an array of all the distinct elements from an array, except for those also present in a second array. The order of entries in the first array is preserved. Returns NULL if either input is NULL."
    static var signatures: [Signature] {[
        .strict([.array(.T), .array(.T)], names: ["left", "right"], returns: .array(.T)) { a, _ in
            let exclude = Set(a[1].arrayValue!)
            return .array(ArrayDistinct.distinct(a[0].arrayValue!).filter { !exclude.contains($0) })
        },
    ]}
}

struct ArrayIntersect: ScalarFunction {
    static let name = "array_intersect", category = FunctionCategory.array
    static let description = "Returns an array of all the distinct elements from the intersection of both input arrays. The order of entries in the output is the same as in the first input array. Returns NULL if either input is NULL."
    static var signatures: [Signature] {[
        .strict([.array(.T), .array(.T)], names: ["left", "right"], returns: .array(.T)) { a, _ in
            let keep = Set(a[1].arrayValue!)
            return .array(ArrayDistinct.distinct(a[0].arrayValue!).filter { keep.contains($0) })
        },
    ]}
}

struct ArrayUnion: ScalarFunction {
    static let name = "array_union", category = FunctionCategory.array
    static let description = "Returns an array of all the distinct elements from both input arrays, in the order they're encountered. Returns NULL if either input is NULL."
    static var signatures: [Signature] {[
        .strict([.array(.T), .array(.T)], names: ["left", "right"], returns: .array(.T)) { a, _ in
            .array(ArrayDistinct.distinct(a[0].arrayValue! + a[1].arrayValue!))
        },
    ]}
}

struct ArrayConcat: ScalarFunction {
    static let name = "array_concat", category = FunctionCategory.array
    static let description = "Returns an array representing the concatenation of both input arrays. Returns NULL if both input arrays are NULL. If only one argument is NULL, the result is the other argument."
    static var signatures: [Signature] {[
        Signature([.array(.T), .array(.T)], names: ["left", "right"], returns: .array(.T)) { args in
            switch (args[0], args[1]) {
            case (.array(let l), .array(let r)): return .array(l + r)
            case (.array, _): return args[0]
            case (_, .array): return args[1]
            default: return .null
            }
        },
    ]}
}

struct ArrayJoin: ScalarFunction {
    static let name = "array_join", category = FunctionCategory.array
    static let description = "Creates a flat string representation of all the primitive elements contained in the given array. The elements in the resulting string are separated by the chosen delimiter, which is an optional parameter that falls back to a comma ','."
    static func join(_ a: [Value], _ sep: String) -> String {
        a.map { v in v.isNull ? "null" : ValueText.render(v) }.joined(separator: sep)
    }
    static var signatures: [Signature] {[
        .strict([.array(.T)], names: ["array"], returns: .string) { a, _ in .string(join(a[0].arrayValue!, ",")) },
        Signature([.array(.T), .string], names: ["array", "delimiter"], returns: .string) { args in
            guard case .array(let a) = args[0] else { return .null }
            return .string(join(a, args[1].stringValue ?? ""))
        },
    ]}
}

struct ArrayLength: ScalarFunction {
    static let name = "array_length", category = FunctionCategory.array
    static let description = "Returns the number of elements in the array. If the supplied parameter is NULL the method returns NULL."
    static var signatures: [Signature] {[
        .strict([.array(.T)], names: ["array"], returns: .int) { a, _ in .int(Int32(a[0].arrayValue!.count)) },
    ]}
}

struct ArrayMax: ScalarFunction {
    static let name = "array_max", category = FunctionCategory.array
    static let description = "Returns the maximum value from within a given array of primitive elements (not arrays of other arrays, or maps, or structs, or combinations thereof). Array entries are compared according to their natural sort order, which sorts the various data-types per the following examples: array_max[-1, 2, NULL, 0] -> 2, array_max[false, NULL, true] -> true, array_max['Foo', 'Bar', NULL, 'baz'] -> 'baz' (lower-case characters are 'greater' than upper-case characters). If the array field is NULL, or contains only NULLs, then NULL is returned."
    static var signatures: [Signature] {[
        .strict([.array(.T)], names: ["array"], returns: .T) { a, _ in
            a[0].arrayValue!.filter { !$0.isNull }.max { Value.javaCompare($0, $1) < 0 } ?? .null
        },
    ]}
}

struct ArrayMin: ScalarFunction {
    static let name = "array_min", category = FunctionCategory.array
    static let description = "Returns the minimum value from within a given array of primitive elements. If the array field is NULL, or contains only NULLs, then NULL is returned."
    static var signatures: [Signature] {[
        .strict([.array(.T)], names: ["array"], returns: .T) { a, _ in
            a[0].arrayValue!.filter { !$0.isNull }.min { Value.javaCompare($0, $1) < 0 } ?? .null
        },
    ]}
}

struct ArrayRemove: ScalarFunction {
    static let name = "array_remove", category = FunctionCategory.array
    static let description = "Removes all elements from the input array equal to the given value. Returns NULL if the array is NULL."
    static var signatures: [Signature] {[
        Signature([.array(.T), .T], names: ["array", "victim"], returns: .array(.T)) { args in
            guard case .array(let a) = args[0] else { return .null }
            let victim = args[1]
            return .array(a.filter { $0 != victim })
        },
    ]}
}

struct ArraySort: ScalarFunction {
    static let name = "array_sort", category = FunctionCategory.array
    static let description = "Sorts an array of primitive values, according to their natural sort order. Any NULLs in the array are placed at the end. The optional direction is 'ASC' (default) or 'DESC'."
    static func sort(_ a: [Value], descending: Bool) -> [Value] {
        let values = a.filter { !$0.isNull }.sorted {
            let c = Value.javaCompare($0, $1)
            return descending ? c > 0 : c < 0
        }
        return values + Array(repeating: Value.null, count: a.count - values.count)
    }
    static var signatures: [Signature] {[
        .strict([.array(.T)], names: ["array"], returns: .array(.T)) { a, _ in .array(sort(a[0].arrayValue!, descending: false)) },
        .strict([.array(.T), .string], names: ["array", "direction"], returns: .array(.T)) { a, _ in
            switch a[1].stringValue!.uppercased() {
            case "ASC": return .array(sort(a[0].arrayValue!, descending: false))
            case "DESC": return .array(sort(a[0].arrayValue!, descending: true))
            default: return .null
            }
        },
    ]}
}

struct Slice: ScalarFunction {
    static let name = "slice", category = FunctionCategory.array
    static let description = "Returns a subset of the array from the 'from' index to the 'to' index, both inclusive and 1-based. A NULL 'from' means the start, a NULL 'to' the end."
    static var signatures: [Signature] {[
        Signature([.array(.T), .int, .int], names: ["array", "from", "to"], returns: .array(.T)) { args in
            guard case .array(let a) = args[0] else { return .null }
            let from = max(1, Int(args[1].int32Value ?? 1)) - 1
            let to = min(a.count, Int(args[2].int32Value ?? Int32(a.count)))
            guard from < to else { return .array([]) }
            return .array(Array(a[from..<to]))
        },
    ]}
}

struct GenerateSeries: ScalarFunction {
    static let name = "generate_series", category = FunctionCategory.array
    static let description = "Constructs an array of values between start and end (inclusive), with an optional step (default 1, or -1 when end < start). The step must not be zero and must point from start towards end."
    static func series(_ start: Int64, _ end: Int64, _ step: Int64, _ ctx: FunctionContext, wrap: (Int64) -> Value) -> Value {
        guard step != 0 else { ctx.logError("GENERATE_SERIES step cannot be zero"); return .null }
        if (end > start && step < 0) || (end < start && step > 0) {
            ctx.logError("GENERATE_SERIES step has wrong sign")
            return .null
        }
        var out: [Value] = []
        var v = start
        while step > 0 ? v <= end : v >= end {
            out.append(wrap(v))
            let (next, overflow) = v.addingReportingOverflow(step)
            if overflow { break }
            v = next
        }
        return .array(out)
    }
    static var signatures: [Signature] {[
        .strict([.int, .int], names: ["start", "end"], returns: .array(.int)) { a, c in
            let s = a[0].int64Value!, e = a[1].int64Value!
            return series(s, e, e >= s ? 1 : -1, c) { .int(Int32($0)) }
        },
        .strict([.int, .int, .int], names: ["start", "end", "step"], returns: .array(.int)) { a, c in
            series(a[0].int64Value!, a[1].int64Value!, a[2].int64Value!, c) { .int(Int32($0)) }
        },
        .strict([.bigint, .bigint], names: ["start", "end"], returns: .array(.bigint)) { a, c in
            let s = a[0].int64Value!, e = a[1].int64Value!
            return series(s, e, e >= s ? 1 : -1, c) { .bigint($0) }
        },
        .strict([.bigint, .bigint, .int], names: ["start", "end", "step"], returns: .array(.bigint)) { a, c in
            series(a[0].int64Value!, a[1].int64Value!, a[2].int64Value!, c) { .bigint($0) }
        },
    ]}
}

import EddyCore
import Foundation

/// COLLECT_LIST, COLLECT_SET, COUNT_DISTINCT, HISTOGRAM, TOPK, TOPKDISTINCT and ATTR keep their
/// state as SQL collections so a state store can persist it.
struct CollectList: AggregateFunction {
    static let name = "COLLECT_LIST"
    static let description = "Gathers all values of the column into a list, including NULLs. Set ksql.functions.collect_list.limit to keep at most N entries; further values are ignored."

    /// ksqlDB's `ksql.functions.collect_list.limit` / `collect_set.limit`: unlimited by default or when negative.
    static func limit(_ configuration: [String: String], _ key: String) -> Int {
        guard let text = configuration[key], let n = Int(text.trimmingCharacters(in: .whitespaces)) else { return .max }
        return n < 0 ? .max : n
    }

    static var signatures: [AggregateSignature] {[
        AggregateSignature([.T], names: ["col"], returns: .array(.T)) { types, _, configuration in
            let limit = limit(configuration, "ksql.functions.collect_list.limit")
            return AggregateImplementation(
                returnType: .array(types[0]), intermediateType: .array(types[0]), initialize: { .array([]) },
                aggregate: { args, s in
                    guard var a = s.arrayValue, a.count < limit else { return }
                    a.append(args[0]); s = .array(a)
                },
                undo: { args, s in
                    guard var a = s.arrayValue, let i = a.lastIndex(of: args[0]) else { return }
                    a.remove(at: i); s = .array(a)
                },
                merge: { .array(Array((($0.arrayValue ?? []) + ($1.arrayValue ?? [])).prefix(limit))) })
            .exactMerge(true)
        },
    ]}
}

struct CollectSet: AggregateFunction {
    static let name = "COLLECT_SET"
    static let description = "Gathers all distinct values of the column into an array. Set ksql.functions.collect_set.limit to keep at most N entries."
    static var signatures: [AggregateSignature] {[
        AggregateSignature([.T], names: ["col"], returns: .array(.T)) { types, _, configuration in
            let limit = CollectList.limit(configuration, "ksql.functions.collect_set.limit")
            return AggregateImplementation(
                returnType: .array(types[0]), intermediateType: .array(types[0]), initialize: { .array([]) },
                aggregate: { args, s in
                    guard var a = s.arrayValue, a.count < limit else { return }
                    let key = ArrayDistinct.canonical(args[0])
                    if a.contains(where: { ArrayDistinct.canonical($0) == key }) { return }
                    a.append(args[0]); s = .array(a)
                },
                undo: { args, s in
                    guard var a = s.arrayValue, let i = a.firstIndex(of: args[0]) else { return }
                    a.remove(at: i); s = .array(a)
                },
                merge: { .array(Array(ArrayDistinct.distinct(($0.arrayValue ?? []) + ($1.arrayValue ?? [])).prefix(limit))) })
            // Fold and merge both compare canonical forms, so the first `limit` distinct values
            // of a concatenation come out either way.
            .exactMerge(true)
        },
    ]}
}

struct CountDistinct: AggregateFunction {
    static let name = "COUNT_DISTINCT"
    static let description = "Returns the number of distinct non-null values of the column."
    static var signatures: [AggregateSignature] {[
        AggregateSignature([.T], names: ["col"], returns: .bigint) { types, _ in
            AggregateImplementation(
                returnType: .bigint, intermediateType: .array(types[0]), initialize: { .array([]) },
                aggregate: { args, s in
                    guard !args[0].isNull, var a = s.arrayValue, !a.contains(args[0]) else { return }
                    a.append(args[0]); s = .array(a)
                },
                undo: nil,
                merge: { .array(ArrayDistinct.distinct(($0.arrayValue ?? []) + ($1.arrayValue ?? []))) },
                map: { .bigint(Int64($0.arrayValue?.count ?? 0)) })
        },
    ]}
}

struct Histogram: AggregateFunction {
    static let name = "HISTOGRAM"
    static let description = "Returns a map containing the distinct String values of col mapped to the number of times each one occurs for the given window. This version limits the number of distinct values which can be counted to 1000, beyond which any additional entries are ignored."
    /// ksqlDB's HistogramUdaf counts at most this many distinct values.
    static let limit = 1000

    static func bump(_ s: inout Value, _ key: Value, by delta: Int64) {
        guard !key.isNull, var m = s.mapValue else { return }
        let current = m[key]?.int64Value ?? 0
        if current == 0 && delta > 0 && m.count >= limit { return }
        if current + delta < 1 {
            // ksqlDB drops a value whose count falls to zero.
            guard let i = m.keys.firstIndex(of: key) else { return }
            m.keys.remove(at: i)
            m.values.remove(at: i)
        } else {
            m.set(key, .bigint(current + delta))
        }
        s = .map(m)
    }
    static var signatures: [AggregateSignature] {[
        AggregateSignature([.string], names: ["col"], returns: .map(.string, .bigint)) { _, _ in
            AggregateImplementation(
                returnType: .map(key: .string, value: .bigint), intermediateType: .map(key: .string, value: .bigint),
                initialize: { .map(MapValue()) },
                aggregate: { args, s in bump(&s, args[0], by: 1) },
                undo: { args, s in bump(&s, args[0], by: -1) },
                merge: { a, b in
                    var s = a
                    for (k, v) in (b.mapValue ?? MapValue()).pairs { bump(&s, k, by: v.int64Value ?? 0) }
                    return s
                })
        },
    ]}
}

enum TopKSupport {
    /// `TOPK(sortCol, otherCols..., k)`: ksqlDB keeps `STRUCT<sort_col, col0, col1, ...>` entries, ordered by
    /// sort_col descending; ties keep arrival order.
    static func withColumns(_ types: [SQLType], k: Int) -> AggregateImplementation {
        let names = ["sort_col"] + (0..<(types.count - 1)).map { "col\($0)" }
        let entry = SQLType.struct(zip(names, types).map { .init($0, $1) })
        @Sendable func sortValue(_ v: Value) -> Value {
            if case .struct(let s) = v { return s.values[0] }
            return .null
        }
        @Sendable func insert(_ a: [Value], _ v: Value) -> [Value] {
            let key = sortValue(v)
            if key.isNull { return a }
            var out = a
            let i = out.firstIndex { Value.javaCompare(key, sortValue($0)) > 0 } ?? out.count
            out.insert(v, at: i)
            return Array(out.prefix(k))
        }
        return AggregateImplementation(
            returnType: .array(entry), intermediateType: .array(entry), initialize: { .array([]) },
            aggregate: { args, s in
                s = .array(insert(s.arrayValue ?? [], .struct(StructValue(names: names, values: args))))
            },
            undo: nil,
            merge: { a, b in .array((b.arrayValue ?? []).reduce(a.arrayValue ?? [], insert)) })
    }

    static func signatures(distinct: Bool) -> [AggregateSignature] {
        let extra: [AggregateSignature] = distinct ? [] : [ParamType.int, .bigint, .double, .string].map { p in
            AggregateSignature([p, .any], literals: [.int], names: ["col", "otherCols", "k"], returns: .array(.anyStruct),
                               description: "Returns the top k values for a column and other values in those records.",
                               variadicAt: 1) { types, literals in
                withColumns(types, k: Int(literals[0].int32Value ?? 0))
            }
        }
        // TOPKDISTINCT also takes BYTES; TOPK does not (ksqlDB's UDAF factories differ).
        let types: [ParamType] = [.int, .bigint, .double, .decimal, .string, .date, .time, .timestamp] + (distinct ? [.bytes] : [])
        return extra + types.map { p in
            AggregateSignature([p], literals: [.int], names: ["col", "k"], returns: .array(p)) { types, literals in
                let k = Int(literals[0].int32Value ?? 0)
                @Sendable func insert(_ a: [Value], _ v: Value) -> [Value] {
                    if v.isNull || (distinct && a.contains(v)) { return a }
                    var out = a
                    let i = out.firstIndex { Value.javaCompare(v, $0) > 0 } ?? out.count
                    out.insert(v, at: i)
                    return Array(out.prefix(k))
                }
                return AggregateImplementation(
                    returnType: .array(types[0]), intermediateType: .array(types[0]), initialize: { .array([]) },
                    aggregate: { args, s in s = .array(insert(s.arrayValue ?? [], args[0])) },
                    undo: nil,
                    merge: { a, b in .array((b.arrayValue ?? []).reduce(a.arrayValue ?? [], insert)) })
            }
        }
    }
}

struct TopK: AggregateFunction {
    static let name = "TOPK"
    static let description = "Computes the top k values for a column, per key."
    static var signatures: [AggregateSignature] { TopKSupport.signatures(distinct: false) }
}

struct TopKDistinct: AggregateFunction {
    static let name = "TOPKDISTINCT"
    static let description = "Calculates the top k distinct values for a column, per key."
    static var signatures: [AggregateSignature] { TopKSupport.signatures(distinct: true) }
}

struct Attr: AggregateFunction {
    static let name = "ATTR"
    static let description = "Returns the single distinct value of the column if there is exactly one, otherwise NULL."
    static var signatures: [AggregateSignature] {[
        AggregateSignature([.T], names: ["col"], returns: .T) { types, _ in
            AggregateImplementation(
                returnType: types[0], intermediateType: .map(key: types[0], value: .int),
                initialize: { .map(MapValue()) },
                aggregate: { args, s in
                    guard var m = s.mapValue else { return }
                    m.set(args[0], .int((m[args[0]]?.int32Value ?? 0) + 1)); s = .map(m)
                },
                undo: { args, s in
                    guard var m = s.mapValue, let n = m[args[0]]?.int32Value else { return }
                    if n <= 1, let i = m.keys.firstIndex(of: args[0]) {
                        m.keys.remove(at: i); m.values.remove(at: i)
                    } else { m.set(args[0], .int(n - 1)) }
                    s = .map(m)
                },
                merge: { a, b in
                    var m = a.mapValue ?? MapValue()
                    for (k, v) in (b.mapValue ?? MapValue()).pairs { m.set(k, .int((m[k]?.int32Value ?? 0) + (v.int32Value ?? 0))) }
                    return .map(m)
                },
                map: { s in
                    guard let m = s.mapValue, m.count == 1 else { return .null }
                    return m.keys[0]
                })
        },
    ]}
}

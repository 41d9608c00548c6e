import EddyCore

/// COLLECT_LIST, COLLECT_SET, COUNT_DISTINCT, HISTOGRAM, TOPK, TOPKDISTINCT and ATTR keep their
/// state as SQL collections so a state store can persist it.
struct CollectList: AggregateFunction {
    static let name = "COLLECT_LIST"
    static let description = "Gathers all values of the column into a list, including NULLs... up to 1000 entries."
    static let limit = 1000
    static var signatures: [AggregateSignature] {[
        AggregateSignature([.T], names: ["col"], returns: .array(.T)) { types, _ in
            AggregateImplementation(
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
        },
    ]}
}

struct CollectSet: AggregateFunction {
    static let name = "COLLECT_SET"
    static let description = "Gathers all distinct values of the column into an array, up to 1000 entries."
    static var signatures: [AggregateSignature] {[
        AggregateSignature([.T], names: ["col"], returns: .array(.T)) { types, _ in
            AggregateImplementation(
                returnType: .array(types[0]), intermediateType: .array(types[0]), initialize: { .array([]) },
                aggregate: { args, s in
                    guard var a = s.arrayValue, !a.contains(args[0]), a.count < CollectList.limit else { return }
                    a.append(args[0]); s = .array(a)
                },
                undo: { args, s in
                    guard var a = s.arrayValue, let i = a.firstIndex(of: args[0]) else { return }
                    a.remove(at: i); s = .array(a)
                },
                merge: { .array(ArrayDistinct.distinct(($0.arrayValue ?? []) + ($1.arrayValue ?? []))) })
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
    static func bump(_ s: inout Value, _ key: Value, by delta: Int64) {
        guard !key.isNull, var m = s.mapValue else { return }
        let current = m[key]?.int64Value ?? 0
        if current == 0 && delta > 0 && m.count >= CollectList.limit { return }
        m.set(key, .bigint(current + delta))
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
    static func signatures(distinct: Bool) -> [AggregateSignature] {
        [ParamType.int, .bigint, .double, .decimal, .string, .date, .time, .timestamp].map { p in
            AggregateSignature([p], literals: [.int], names: ["col", "k"], returns: .array(p)) { types, literals in
                let k = Int(literals[0].int32Value ?? 0)
                @Sendable func insert(_ a: [Value], _ v: Value) -> [Value] {
                    if v.isNull || (distinct && a.contains(v)) { return a }
                    var out = a
                    let i = out.firstIndex { ValueOrdering.compare(v, $0) > 0 } ?? out.count
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

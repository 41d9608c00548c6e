import EddyCore

/// MIN and MAX cannot retract, so they are stream-only (no undo), as in ksqlDB.
enum Extreme {
    static let comparable: [ParamType] = [.int, .bigint, .double, .decimal, .string, .bytes, .date, .time, .timestamp]

    static func signatures(max: Bool) -> [AggregateSignature] {
        comparable.map { p in
            AggregateSignature([p], names: ["col"], returns: p) { types, _ in
                @Sendable func pick(_ a: Value, _ b: Value) -> Value {
                    if a.isNull { return b }
                    if b.isNull { return a }
                    let c = Value.javaCompare(b, a)
                    return (max ? c > 0 : c < 0) ? b : a
                }
                return AggregateImplementation(
                    returnType: types[0], intermediateType: types[0], initialize: { .null },
                    aggregate: { args, s in s = pick(s, args[0]) }, undo: nil, merge: pick)
                // `pick` keeps the first of equal values under a total order, so the pick of a
                // concatenation is the pick of the two halves' picks: exact for every type.
                .exactMerge(true)
            }
        }
    }
}

struct MaxAggregate: AggregateFunction {
    static let name = "MAX"
    static let description = "Computes the maximum value for a key."
    static var signatures: [AggregateSignature] { Extreme.signatures(max: true) }
}

struct MinAggregate: AggregateFunction {
    static let name = "MIN"
    static let description = "Computes the minimum value for a key."
    static var signatures: [AggregateSignature] { Extreme.signatures(max: false) }
}

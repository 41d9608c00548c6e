import BigInt
import EddyCore

struct CountAggregate: AggregateFunction {
    static let name = "COUNT"
    static let description = "Counts records by key. COUNT(*) and COUNT() count every record; COUNT(col) counts non-null values."
    static func implementation(countNulls: Bool) -> AggregateImplementation {
        AggregateImplementation(
            returnType: .bigint, intermediateType: .bigint, initialize: { .bigint(0) },
            aggregate: { args, s in if countNulls || !(args.first?.isNull ?? true) { s = .bigint((s.int64Value ?? 0) + 1) } },
            undo: { args, s in if countNulls || !(args.first?.isNull ?? true) { s = .bigint((s.int64Value ?? 0) - 1) } },
            merge: { .bigint(($0.int64Value ?? 0) + ($1.int64Value ?? 0)) })
            .exactMerge(true)
    }
    static var signatures: [AggregateSignature] {[
        AggregateSignature([], returns: .bigint) { _, _ in implementation(countNulls: true) },
        AggregateSignature([.T], names: ["col"], returns: .bigint) { _, _ in implementation(countNulls: false) },
    ]}
}

struct SumAggregate: AggregateFunction {
    static let name = "SUM"
    static let description = "Sums the column values. NULLs are ignored."
    static func add(_ a: Value, _ b: Value, negate: Bool = false) -> Value {
        switch (a, b) {
        case (_, .null): return a
        case (.int(let x), .int(let y)): return .int(negate ? x &- y : x &+ y)
        case (.bigint(let x), .bigint(let y)): return .bigint(negate ? x &- y : x &+ y)
        case (.double(let x), .double(let y)): return .double(negate ? x - y : x + y)
        case (.decimal(let x), .decimal(let y)):
            let s = max(x.scale, y.scale)
            let u = x.rescaled(to: s).unscaled, v = y.rescaled(to: s).unscaled
            return .decimal(SQLDecimal(unscaled: negate ? u - v : u + v, scale: s))
        default: return a
        }
    }
    static func zero(_ t: SQLType) -> Value {
        switch t {
        case .int: .int(0)
        case .bigint: .bigint(0)
        case .decimal(_, let s): .decimal(SQLDecimal(unscaled: 0, scale: s))
        default: .double(0)
        }
    }
    static var signatures: [AggregateSignature] {
        [ParamType.int, .bigint, .double, .decimal].map { p in
            AggregateSignature([p], names: ["col"], returns: p) { types, _ in
                let t = types[0]
                let z = zero(t)
                let scale = DecimalRounding.scale(of: t)
                return AggregateImplementation(
                    returnType: t, intermediateType: t, initialize: { z },
                    aggregate: { args, s in s = add(s, args[0]) },
                    undo: { args, s in s = add(s, args[0], negate: true) },
                    merge: { add($0, $1) },
                    map: { if case .decimal(let d) = $0 { return .decimal(d.rescaled(to: scale)) }; return $0 })
                // Wrapping INT/BIGINT sums are associative; DOUBLE rounding and DECIMAL
                // precision depend on the grouping of the additions.
                .exactMerge(t == .int || t == .bigint)
            }
        }
    }
}

/// AVG keeps ksqlDB's `STRUCT<SUM, COUNT>` with the sum in the argument's own type (INT sums wrap as
/// Java's do) and divides as `(double) sum / count`. There is no DECIMAL overload: a DECIMAL argument
/// is implicitly cast to DOUBLE, as in ksqlDB.
struct AvgAggregate: AggregateFunction {
    static let name = "AVG"
    static let description = "Returns the average value of the column. NULLs are ignored."

    static func sum(_ s: Value) -> Value {
        if case .struct(let v) = s { return v.values[0] }
        return .null
    }

    static func count(_ s: Value) -> Int64 {
        if case .struct(let v) = s { return v.values[1].int64Value ?? 0 }
        return 0
    }

    static func make(_ sum: Value, _ count: Int64) -> Value {
        .struct(StructValue(names: ["SUM", "COUNT"], values: [sum, .bigint(count)]))
    }

    static var signatures: [AggregateSignature] {
        [ParamType.int, .bigint, .double].map { p in
            AggregateSignature([p], names: ["col"], returns: .double) { types, _ in
                let t = types[0]
                return AggregateImplementation(
                    returnType: .double, intermediateType: .struct([.init("SUM", t), .init("COUNT", .bigint)]),
                    initialize: { make(SumAggregate.zero(t), 0) },
                    aggregate: { args, s in
                        if args[0].isNull { return }
                        s = make(SumAggregate.add(sum(s), ValueCasting.widen(args[0], to: t)), count(s) + 1)
                    },
                    undo: { args, s in
                        if args[0].isNull { return }
                        s = make(SumAggregate.add(sum(s), ValueCasting.widen(args[0], to: t), negate: true), count(s) - 1)
                    },
                    merge: { a, b in make(SumAggregate.add(sum(a), sum(b)), count(a) + count(b)) },
                    map: { s in
                        let n = count(s)
                        guard n != 0, let total = sum(s).doubleValue else { return .double(0) }
                        return .double(total / Double(n))
                    })
                // The state (wrapping sum, count) is exact for integer arguments.
                .exactMerge(t == .int || t == .bigint)
            }
        }
    }
}

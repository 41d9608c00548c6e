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
            }
        }
    }
}

struct AvgAggregate: AggregateFunction {
    static let name = "AVG"
    static let description = "Returns the average value of the column. NULLs are ignored."
    static let state = SQLType.struct([.init("SUM", .double), .init("COUNT", .bigint)])
    static func parts(_ s: Value) -> (Double, Int64) {
        guard case .struct(let v) = s else { return (0, 0) }
        return (v.values[0].doubleValue ?? 0, v.values[1].int64Value ?? 0)
    }
    static func make(_ sum: Double, _ count: Int64) -> Value {
        .struct(StructValue(names: ["SUM", "COUNT"], values: [.double(sum), .bigint(count)]))
    }
    static var signatures: [AggregateSignature] {
        [ParamType.int, .bigint, .double, .decimal].map { p in
            AggregateSignature([p], names: ["col"], returns: .double) { _, _ in
                AggregateImplementation(
                    returnType: .double, intermediateType: state, initialize: { make(0, 0) },
                    aggregate: { args, s in
                        guard let x = args[0].doubleValue else { return }
                        let (sum, n) = parts(s); s = make(sum + x, n + 1)
                    },
                    undo: { args, s in
                        guard let x = args[0].doubleValue else { return }
                        let (sum, n) = parts(s); s = make(sum - x, n - 1)
                    },
                    merge: { let (a, n) = parts($0), (b, m) = parts($1); return make(a + b, n + m) },
                    map: { let (sum, n) = parts($0); return n == 0 ? .double(0) : .double(sum / Double(n)) })
            }
        }
    }
}

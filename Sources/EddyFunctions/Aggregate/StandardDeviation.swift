import EddyCore

/// STDDEV_SAMP, STDDEV_SAMPLE and STDDEV_POP keep ksqlDB's `STRUCT<SUM, COUNT, M2>` state updated with
/// the Youngs-Cramer recurrence, in the argument's own arithmetic (integer sums stay integers, and
/// the merge step divides them as Java does), so results match ksqlDB's to the last bit.
///
/// ksqlDB's STDDEV_SAMP returns the sample *variance* (M2 / (n - 1)); STDDEV_SAMPLE returns its
/// square root. Both are kept as they are. STDDEV_POP is Eddy's: sqrt(M2 / n).
enum StdDev {
    enum Result { case sampleVariance, sampleDeviation, populationDeviation }

    struct State {
        var sum: Value
        var count: Int64
        var m2: Double

        init(_ v: Value, zero: Value) {
            guard case .struct(let s) = v else { sum = zero; count = 0; m2 = 0; return }
            sum = s.values[0]
            count = s.values[1].int64Value ?? 0
            m2 = s.values[2].doubleValue ?? 0
        }

        var value: Value { .struct(StructValue(names: ["SUM", "COUNT", "M2"], values: [sum, .bigint(count), .double(m2)])) }
    }

    /// `x * (n + 1) - (sum + x)`, in the argument type's arithmetic.
    static func delta(_ x: Value, _ s: State, plusOne: Bool) -> Double {
        let n = s.count + (plusOne ? 1 : 0)
        switch (x, s.sum) {
        case (.int(let v), .int(let sum)): return Double(Int64(v) &* n &- Int64(sum &+ v))
        case (.bigint(let v), .bigint(let sum)): return Double(v &* n &- (sum &+ v))
        default: return (x.doubleValue ?? 0) * Double(n) - ((s.sum.doubleValue ?? 0) + (x.doubleValue ?? 0))
        }
    }

    static func add(_ a: Value, _ b: Value, negate: Bool = false) -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)): .int(negate ? x &- y : x &+ y)
        case (.bigint(let x), .bigint(let y)): .bigint(negate ? x &- y : x &+ y)
        default: .double(negate ? (a.doubleValue ?? 0) - (b.doubleValue ?? 0) : (a.doubleValue ?? 0) + (b.doubleValue ?? 0))
        }
    }

    /// The difference of the two means, with Java's integer division for integer sums.
    static func meanDifference(_ a: State, _ b: State) -> Double {
        switch (a.sum, b.sum) {
        case (.int(let x), .int(let y)): return Double(Int64(x) / a.count - Int64(y) / b.count)
        case (.bigint(let x), .bigint(let y)): return Double(x / a.count - y / b.count)
        default: return (a.sum.doubleValue ?? 0) / Double(a.count) - (b.sum.doubleValue ?? 0) / Double(b.count)
        }
    }

    static func implementation(_ t: SQLType, _ result: Result) -> AggregateImplementation {
        let zero: Value = t == .int ? .int(0) : t == .bigint ? .bigint(0) : .double(0)
        let stateType = SQLType.struct([.init("SUM", t == .int || t == .bigint ? t : .double),
                                        .init("COUNT", .bigint), .init("M2", .double)])
        return AggregateImplementation(
            returnType: .double, intermediateType: stateType,
            initialize: { State(.null, zero: zero).value },
            aggregate: { args, v in
                let x = args[0]
                if x.isNull { return }
                var s = State(v, zero: zero)
                let newCount = s.count + 1
                var m2 = 0.0
                if newCount - 1 > 0 {
                    let d = delta(x, s, plusOne: true)
                    m2 = d * d / (Double(newCount) * Double(newCount - 1))
                }
                s.sum = add(s.sum, x)
                s.count = newCount
                s.m2 += m2
                v = s.value
            },
            undo: { args, v in
                let x = args[0]
                if x.isNull { return }
                var s = State(v, zero: zero)
                let newCount = s.count - 1
                var m2 = 0.0
                if newCount > 0 {
                    let d = delta(x, s, plusOne: true)
                    m2 = d * d / (Double(newCount) * Double(newCount + 1))
                }
                s.sum = add(s.sum, x, negate: true)
                s.count = newCount
                s.m2 -= m2
                v = s.value
            },
            merge: { a, b in
                let x = State(a, zero: zero), y = State(b, zero: zero)
                var out = x
                out.count = x.count + y.count
                out.sum = add(x.sum, y.sum)
                if x.count == 0 || y.count == 0 {
                    out.m2 = x.m2 + y.m2
                } else {
                    let inner = meanDifference(x, y)
                    out.m2 = x.m2 + y.m2 + Double(x.count) * Double(y.count) * inner * inner / Double(out.count)
                }
                return out.value
            },
            map: { v in
                let s = State(v, zero: zero)
                switch result {
                case .sampleVariance: return .double(s.count < 2 ? 0 : s.m2 / Double(s.count - 1))
                case .sampleDeviation: return .double(s.count < 2 ? 0 : (s.m2 / Double(s.count - 1)).squareRoot())
                case .populationDeviation: return .double(s.count < 1 ? 0 : (s.m2 / Double(s.count)).squareRoot())
                }
            })
    }

    static func signatures(_ result: Result) -> [AggregateSignature] {
        [ParamType.int, .bigint, .double].map { p in
            AggregateSignature([p], names: ["col"], returns: .double) { types, _ in implementation(types[0], result) }
        }
    }
}

struct StdDevSamp: AggregateFunction {
    static let name = "STDDEV_SAMP"
    static let description = "Returns the sample standard deviation of the column. Applicable only to numeric types. (As in ksqlDB, the value returned is the sample variance; STDDEV_SAMPLE returns its square root.)"
    static var signatures: [AggregateSignature] { StdDev.signatures(.sampleVariance) }
}

struct StdDevSample: AggregateFunction {
    static let name = "STDDEV_SAMPLE"
    static let description = "Returns the sample standard deviation of the column. Applicable only to numeric types."
    static var signatures: [AggregateSignature] { StdDev.signatures(.sampleDeviation) }
}

struct StdDevPop: AggregateFunction {
    static let name = "STDDEV_POP"
    static let description = "Returns the population standard deviation of the column (an Eddy addition; ksqlDB has no STDDEV_POP)."
    static var signatures: [AggregateSignature] { StdDev.signatures(.populationDeviation) }
}

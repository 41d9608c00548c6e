import EddyCore

/// STDDEV_SAMP/STDDEV_POP and CORRELATION keep running sums in a struct, which supports undo and merge.
enum Moments {
    static func vector(_ s: Value, _ n: Int) -> [Double] {
        guard case .struct(let v) = s else { return Array(repeating: 0, count: n) }
        return v.values.map { $0.doubleValue ?? 0 }
    }
    static func pack(_ names: [String], _ xs: [Double]) -> Value {
        .struct(StructValue(names: names, values: xs.map(Value.double)))
    }
}

enum StdDev {
    static let names = ["COUNT", "SUM", "SUMSQ"]
    static let state = SQLType.struct(names.map { .init($0, .double) })

    static func signatures(sample: Bool) -> [AggregateSignature] {
        [ParamType.int, .bigint, .double, .decimal].map { p in
            AggregateSignature([p], names: ["col"], returns: .double) { _, _ in
                @Sendable func step(_ s: inout Value, _ v: Value, _ sign: Double) {
                    guard let x = v.doubleValue else { return }
                    var m = Moments.vector(s, 3)
                    m[0] += sign; m[1] += sign * x; m[2] += sign * x * x
                    s = Moments.pack(names, m)
                }
                return AggregateImplementation(
                    returnType: .double, intermediateType: state, initialize: { Moments.pack(names, [0, 0, 0]) },
                    aggregate: { a, s in step(&s, a[0], 1) }, undo: { a, s in step(&s, a[0], -1) },
                    merge: { a, b in Moments.pack(names, zip(Moments.vector(a, 3), Moments.vector(b, 3)).map(+)) },
                    map: { s in
                        let m = Moments.vector(s, 3)
                        let n = m[0]
                        let denominator = sample ? n - 1 : n
                        guard denominator > 0 else { return sample && n == 1 ? .double(0) : .null }
                        let variance = max(0, (m[2] - m[1] * m[1] / n) / denominator)
                        return .double(variance.squareRoot())
                    })
            }
        }
    }
}

struct StdDevSamp: AggregateFunction {
    static let name = "STDDEV_SAMP"
    static let description = "Returns the sample standard deviation of the column."
    static var signatures: [AggregateSignature] { StdDev.signatures(sample: true) }
}

struct StdDevPop: AggregateFunction {
    static let name = "STDDEV_POP"
    static let description = "Returns the population standard deviation of the column."
    static var signatures: [AggregateSignature] { StdDev.signatures(sample: false) }
}

struct Correlation: AggregateFunction {
    static let name = "CORRELATION"
    static let description = "Returns the Pearson correlation coefficient of the two columns, ignoring rows where either is NULL."
    static let names = ["N", "SX", "SY", "SXX", "SYY", "SXY"]
    static var signatures: [AggregateSignature] {[
        AggregateSignature([.double, .double], names: ["x", "y"], returns: .double) { _, _ in
            @Sendable func step(_ s: inout Value, _ a: [Value], _ sign: Double) {
                guard let x = a[0].doubleValue, let y = a[1].doubleValue else { return }
                var m = Moments.vector(s, 6)
                m[0] += sign; m[1] += sign * x; m[2] += sign * y
                m[3] += sign * x * x; m[4] += sign * y * y; m[5] += sign * x * y
                s = Moments.pack(names, m)
            }
            return AggregateImplementation(
                returnType: .double, intermediateType: .struct(names.map { .init($0, .double) }),
                initialize: { Moments.pack(names, Array(repeating: 0, count: 6)) },
                aggregate: { a, s in step(&s, a, 1) }, undo: { a, s in step(&s, a, -1) },
                merge: { a, b in Moments.pack(names, zip(Moments.vector(a, 6), Moments.vector(b, 6)).map(+)) },
                map: { s in
                    let m = Moments.vector(s, 6)
                    let n = m[0]
                    guard n > 0 else { return .double(.nan) }
                    let cov = m[5] - m[1] * m[2] / n
                    let vx = m[3] - m[1] * m[1] / n, vy = m[4] - m[2] * m[2] / n
                    return .double(cov / (vx * vy).squareRoot())
                })
        },
    ]}
}

import EddyCore

/// CORRELATION keeps ksqlDB's running sums in a struct, which supports undo and merge.
enum Moments {
    static func vector(_ s: Value, _ n: Int) -> [Double] {
        guard case .struct(let v) = s else { return Array(repeating: 0, count: n) }
        return v.values.map { $0.doubleValue ?? 0 }
    }
    static func pack(_ names: [String], _ xs: [Double]) -> Value {
        .struct(StructValue(names: names, values: xs.map(Value.double)))
    }
}

struct Correlation: AggregateFunction {
    static let name = "CORRELATION"
    static let description = "Returns the Pearson correlation coefficient of the two columns, ignoring rows where either is NULL."
    static let names = ["COUNT", "X_SUM", "Y_SUM", "X_SQUARED_SUM", "Y_SQUARED_SUM", "XY_SUM"]
    static var signatures: [AggregateSignature] {[
        AggregateSignature([.double, .double], names: ["x", "y"], returns: .double,
                           description: "Computes the Pearson correlation coefficient between two DOUBLE columns.") { _, _ in
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
                    // ksqlDB's single-pass formula, in its operation order, so results match bit for bit.
                    let m = Moments.vector(s, 6)
                    let n = m[0]
                    let numerator = n * m[5] - m[1] * m[2]
                    let dx = n * m[3] - m[1] * m[1], dy = n * m[4] - m[2] * m[2]
                    return .double(numerator / (dx * dy).squareRoot())
                })
        },
    ]}
}

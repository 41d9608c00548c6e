import EddyCore

/// Declared in lower case with a DECIMAL overload first, as ksqlDB's UDTF is, so that a rejected
/// call lists the same alternatives.
struct Explode: TableFunction {
    static let name = "explode"
    static let description = "Explodes an array. This function outputs one value for each element of the array."
    static var signatures: [Signature] {[
        Signature([.array(.decimal)], names: ["input"], returns: .decimal, returnType: { types in
            guard case .array(let element) = types.first else { throw EddyError.analysis("explode should be provided with an ARRAY") }
            return element
        }, make: { _, _ in { args in
            guard case .array(let a) = args[0] else { return .array([]) }
            return .array(a)
        } }),
        Signature([.array(.T)], names: ["list"], returns: .T) { args in
            guard case .array(let a) = args[0] else { return .array([]) }
            return .array(a)
        },
    ]}
}

/// CUBE_EXPLODE emits every combination of the elements with some replaced by NULL, from all-NULL to
/// the full array; combinations that only differ by an element that is already NULL are emitted once.
struct CubeExplode: TableFunction {
    static let name = "CUBE_EXPLODE"
    static let description = "Takes as argument a list of columns and outputs all possible combinations of them."
    static func cube(_ a: [Value]) -> [Value] {
        let n = a.count
        guard n < 30 else { return [] }
        var rows: [Value] = []
        for mask in 0..<(1 << n) {
            var row: [Value] = []
            var duplicate = false
            for j in 0..<n {
                if mask & (1 << (n - 1 - j)) != 0 {
                    if a[j].isNull { duplicate = true; break }
                    row.append(a[j])
                } else {
                    row.append(.null)
                }
            }
            if !duplicate { rows.append(.array(row)) }
        }
        return rows
    }
    static var signatures: [Signature] {[
        Signature([.array(.T)], names: ["columns"], returns: .array(.T)) { args in
            guard case .array(let a) = args[0] else { return .array([]) }
            return .array(cube(a))
        },
    ]}
}

/// Several table functions in one SELECT are zipped, as ksqlDB does: row i takes the i-th output
/// of each, padding the shorter ones with NULL.
public enum TableFunctionZip {
    public static func zip(_ outputs: [[Value]]) -> [[Value]] {
        let rows = outputs.map(\.count).max() ?? 0
        return (0..<rows).map { i in outputs.map { i < $0.count ? $0[i] : .null } }
    }
}

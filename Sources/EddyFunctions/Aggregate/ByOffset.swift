import EddyCore

/// EARLIEST_BY_OFFSET / LATEST_BY_OFFSET rely on the runtime feeding rows in offset order, so the
/// state is simply the kept values (oldest first); merging appends the later session.
enum ByOffset {
    static func signatures(earliest: Bool) -> [AggregateSignature] {
        @Sendable func impl(_ t: SQLType, n: Int?, ignoreNulls: Bool) -> AggregateImplementation {
            let keep = n ?? 1
            @Sendable func fold(_ a: [Value], _ v: Value) -> [Value] {
                if ignoreNulls && v.isNull { return a }
                if earliest { return a.count < keep ? a + [v] : a }
                return Array((a + [v]).suffix(keep))
            }
            return AggregateImplementation(
                returnType: n == nil ? t : .array(t), intermediateType: .array(t), initialize: { .array([]) },
                aggregate: { args, s in s = .array(fold(s.arrayValue ?? [], args[0])) },
                undo: nil,
                merge: { a, b in .array((b.arrayValue ?? []).reduce(a.arrayValue ?? [], fold)) },
                map: { s in
                    let a = s.arrayValue ?? []
                    return n == nil ? (a.first ?? .null) : .array(a)
                })
        }
        return [
            AggregateSignature([.T], names: ["col"], returns: .T) { t, _ in impl(t[0], n: nil, ignoreNulls: true) },
            AggregateSignature([.T], literals: [.boolean], names: ["col", "ignoreNulls"], returns: .T) { t, l in
                impl(t[0], n: nil, ignoreNulls: l[0] == .bool(true))
            },
            AggregateSignature([.T], literals: [.int], names: ["col", "earliestN"], returns: .array(.T)) { t, l in
                try impl(t[0], n: count(l[0]), ignoreNulls: true)
            },
            AggregateSignature([.T], literals: [.int, .boolean], names: ["col", "earliestN", "ignoreNulls"], returns: .array(.T)) { t, l in
                try impl(t[0], n: count(l[0]), ignoreNulls: l[1] == .bool(true))
            },
        ]
    }

    static func count(_ v: Value) throws -> Int {
        guard let n = v.int32Value, n > 0 else {
            throw EddyError.analysis("earliestN must be greater than 0")
        }
        return Int(n)
    }
}

struct EarliestByOffset: AggregateFunction {
    static let name = "EARLIEST_BY_OFFSET"
    static let description = "This function returns the oldest value for the column, computed by offset."
    static var signatures: [AggregateSignature] { ByOffset.signatures(earliest: true) }
}

struct LatestByOffset: AggregateFunction {
    static let name = "LATEST_BY_OFFSET"
    static let description = "This function returns the most recent value for the column, computed by offset."
    static var signatures: [AggregateSignature] { ByOffset.signatures(earliest: false) }
}

import EddyCore

/// SUM_LIST: sums the elements of each row's array (NULL elements skipped) into one running total.
struct SumList: AggregateFunction {
    static let name = "sum_list"
    static let description = "Returns the sum of the elements of the array column across records. NULL arrays and elements are ignored."

    static func total(_ list: Value, _ t: SQLType) -> Value {
        guard case .array(let items) = list else { return SumAggregate.zero(t) }
        return items.reduce(SumAggregate.zero(t)) { SumAggregate.add($0, $1) }
    }

    static var signatures: [AggregateSignature] {
        [ParamType.int, .bigint, .double].map { p in
            AggregateSignature([.array(p)], names: ["list"], returns: p) { types, _ in
                guard case .array(let t) = types[0] else { throw EddyError.analysis("SUM_LIST takes an array") }
                return AggregateImplementation(
                    returnType: t, intermediateType: t, initialize: { SumAggregate.zero(t) },
                    aggregate: { args, s in if !args[0].isNull { s = SumAggregate.add(s, total(args[0], t)) } },
                    undo: { args, s in if !args[0].isNull { s = SumAggregate.add(s, total(args[0], t), negate: true) } },
                    merge: { SumAggregate.add($0, $1) })
                    .exactMerge(t == .int || t == .bigint)
            }
        }
    }
}

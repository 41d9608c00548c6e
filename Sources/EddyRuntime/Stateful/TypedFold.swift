import EddyCore
import EddyFunctions
import EddyPlanner

/// COUNT and integer SUM folded inline, per record, instead of through the function's closure:
/// no closure call, no argument array, no `Value` round trip through `int64Value`. The common
/// GROUP BY aggregates are these, and their closures cost more than the addition they do.
///
/// The inline path covers only the states and arguments the built-in implementation produces
/// (`CountAggregate`, `SumAggregate`): COUNT adds one to a BIGINT with a checked `+` (as the
/// closure does), COUNT(x) only when x is not NULL, SUM over INT/BIGINT adds with Java's
/// wrapping and ignores NULLs. Anything else (a state of another case) goes to the closure
/// itself, so results are the closure's by construction. DOUBLE and DECIMAL sums, and every
/// other aggregate, are not typed (`init` returns nil). `TypedFoldTests` compares each case
/// with the closure on the same inputs.
struct TypedFold {
    enum Kind {
        case countAll
        /// COUNT(col) of a plain column.
        case countColumn
        /// SUM(col) of a plain INT column.
        case sumInt
        /// SUM(col) of a plain BIGINT column.
        case sumBigint
    }

    let kind: Kind
    /// The argument's row slot (unused by COUNT(*)).
    let slot: Int
    /// The function's own fold, for states the inline path does not cover.
    let closure: @Sendable ([Value], inout Value) -> Void

    /// The inline fold of a built-in COUNT or integer SUM call over `*` or a plain column, or nil.
    init?(_ call: AggregateCall) {
        let f = call.function
        closure = f.implementation.aggregate
        switch f.name.uppercased() {
        case "COUNT":
            guard f.returnType == .bigint, f.implementation.intermediateType == .bigint else { return nil }
            if call.arguments.isEmpty, f.argumentTypes.isEmpty {
                (kind, slot) = (.countAll, 0)
            } else if call.arguments.count == 1, let s = call.arguments[0].slot {
                (kind, slot) = (.countColumn, s)
            } else {
                return nil
            }
        case "SUM":
            guard call.arguments.count == 1, let s = call.arguments[0].slot, f.argumentTypes.count == 1,
                  f.implementation.intermediateType == f.argumentTypes[0] else { return nil }
            switch f.argumentTypes[0] {
            case .int: (kind, slot) = (.sumInt, s)
            case .bigint: (kind, slot) = (.sumBigint, s)
            default: return nil
            }
        default:
            return nil
        }
    }

    /// The typed folds of `calls`, or nil unless every call has one.
    static func all(_ calls: [AggregateCall]) -> [TypedFold]? {
        var folds: [TypedFold] = []
        for call in calls {
            guard let f = TypedFold(call) else { return nil }
            folds.append(f)
        }
        return folds
    }

    /// Folds `row` into `state`, as the function's `aggregate` closure would.
    @inline(__always)
    func fold(_ row: [Value], into state: inout Value) {
        switch kind {
        case .countAll:
            if case .bigint(let n) = state { state = .bigint(n + 1) } else { closure([], &state) }
        case .countColumn:
            // A slot past the row's end reads NULL, as the column's expression does.
            guard slot < row.count else { return }
            if row[slot].isNull { return }
            if case .bigint(let n) = state { state = .bigint(n + 1) } else { closure([row[slot]], &state) }
        case .sumInt:
            guard slot < row.count else { return }
            if case .int(let y) = row[slot], case .int(let x) = state {
                state = .int(x &+ y)
            } else if !row[slot].isNull {
                closure([row[slot]], &state)
            }
        case .sumBigint:
            guard slot < row.count else { return }
            if case .bigint(let y) = row[slot], case .bigint(let x) = state {
                state = .bigint(x &+ y)
            } else if !row[slot].isNull {
                closure([row[slot]], &state)
            }
        }
    }
}

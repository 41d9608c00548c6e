import EddyCore

/// TRANSFORM, FILTER and REDUCE over arrays and maps. Lambda failures propagate: the caller's
/// expression evaluator reports them like any other expression error.
struct Transform: ScalarFunction {
    static let name = "transform", category = FunctionCategory.lambda
    static let description = "Applies a transformation lambda to each element of an array, or to each key and value of a map (one lambda for keys, one for values)."
    static var signatures: [Signature] {[
        Signature([.array(.T), .lambda([.T], .U)], names: ["array", "function"], returns: .array(.U)) { args in
            guard case .array(let a) = args[0] else { return .null }
            let f = args.lambdas[0]
            return .array(try a.map { try f.call([$0]) })
        },
        Signature([.map(.K, .V), .lambda([.K, .V], .generic("KO")), .lambda([.K, .V], .generic("VO"))],
                  names: ["map", "keyFunction", "valueFunction"], returns: .map(.generic("KO"), .generic("VO"))) { args in
            guard case .map(let m) = args[0] else { return .null }
            let fk = args.lambdas[0], fv = args.lambdas[1]
            var out = MapValue()
            for (k, v) in m.pairs {
                let key = try fk.call([k, v]), value = try fv.call([k, v])
                // Two entries mapping to one key is an error in ksqlDB (the result is NULL).
                if let existing = out[key] {
                    throw EddyError.execution("Duplicate key \(key) (attempted merging values \(existing) and \(value))")
                }
                out.set(key, value)
            }
            return .map(out)
        },
    ]}
}

struct Filter: ScalarFunction {
    static let name = "filter", category = FunctionCategory.lambda
    static let description = "Filters an array or map with a lambda: keeps the elements (or entries) for which the lambda returns true."
    static var signatures: [Signature] {[
        Signature([.array(.T), .lambda([.T], .boolean)], names: ["array", "function"], returns: .array(.T)) { args in
            guard case .array(let a) = args[0] else { return .null }
            let f = args.lambdas[0]
            return .array(try a.filter { try f.call([$0]) == .bool(true) })
        },
        Signature([.map(.K, .V), .lambda([.K, .V], .boolean)], names: ["map", "function"], returns: .map(.K, .V)) { args in
            guard case .map(let m) = args[0] else { return .null }
            let f = args.lambdas[0]
            var out = MapValue()
            for (k, v) in m.pairs where try f.call([k, v]) == .bool(true) { out.set(k, v) }
            return .map(out)
        },
    ]}
}

struct Reduce: ScalarFunction {
    static let name = "reduce", category = FunctionCategory.lambda
    static let description = "Reduces an array or map to a single value, starting from an initial state and applying the lambda to the state and each element (or key and value)."
    static var signatures: [Signature] {[
        Signature([.array(.T), .S, .lambda([.S, .T], .S)], names: ["array", "initialState", "function"], returns: .S) { args in
            var state = args[1]
            if state.isNull { return .null }
            // A NULL collection reduces to the initial state, as in ksqlDB.
            guard case .array(let a) = args[0] else { return state }
            let f = args.lambdas[0]
            for v in a { state = try f.call([state, v]) }
            return state
        },
        Signature([.map(.K, .V), .S, .lambda([.S, .K, .V], .S)], names: ["map", "initialState", "function"], returns: .S) { args in
            var state = args[1]
            if state.isNull { return .null }
            guard case .map(let m) = args[0] else { return state }
            let f = args.lambdas[0]
            // In ksqlDB's (HashMap) order: the fold need not be commutative.
            if let order = JavaHashMapOrder.order(of: m.keys) {
                for i in order { state = try f.call([state, m.keys[i], m.values[i]]) }
            } else {
                for (k, v) in m.pairs { state = try f.call([state, k, v]) }
            }
            return state
        },
    ]}
}
